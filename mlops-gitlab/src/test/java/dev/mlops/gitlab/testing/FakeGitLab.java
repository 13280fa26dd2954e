package dev.mlops.gitlab.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mlops.core.testing.RequestJournal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's REST API for merge-request notes, in process on 127.0.0.1, with state: projects' merge requests and
 * their notes, which are listed newest first in pages ({@code page}, {@code per_page} up to 100, and the
 * {@code X-Page}/{@code X-Next-Page}/{@code X-Total-Pages}/{@code Link} headers GitLab sends), created and updated.
 * Tokens ({@code PRIVATE-TOKEN}) have scopes: {@code api} writes, {@code read_api} only reads (403
 * {@code insufficient_scope}), an unknown one is 401; a {@code JOB-TOKEN} cannot use the notes API. Queued faults
 * (429 with {@code Retry-After}, 5xx) answer the next request. Every request is journalled and checked against the
 * API's rules ({@code body} required, at most 1,000,000 characters).
 */
public final class FakeGitLab implements AutoCloseable {

    public static final int BODY_MAX = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOBS = Pattern.compile("/api/v4/projects/([^/]+)/pipelines/(\\d+)/jobs");
    private static final Pattern NOTES = Pattern.compile("/api/v4/projects/([^/]+)/merge_requests/(\\d+)/notes(?:/(\\d+))?");

    /** One note as GitLab keeps it. */
    public record StoredNote(long id, String body, String author, boolean system, int updates) {}

    /** One job of a pipeline. */
    public record PipelineJob(long id, String name, String stage, String status, boolean allowFailure) {}

    private final Map<String, List<PipelineJob>> pipelines = new LinkedHashMap<>();

    private record Fault(int status, String body, String retryAfter) {}

    private final WireMockServer server;
    private final RequestJournal journal;
    private final Map<String, String> scopes = new LinkedHashMap<>();
    private final Map<String, Map<Long, List<StoredNote>>> mergeRequests = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private long nextId = 1000;

    private FakeGitLab(Path journalFile) {
        journal = new RequestJournal(journalFile);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new Answer()));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(Answer.NAME)));
        server.start();
    }

    public static FakeGitLab start(Path journalFile) {
        return new FakeGitLab(journalFile);
    }

    /** {@code http://127.0.0.1:<port>/api/v4}, as {@code CI_API_V4_URL}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v4";
    }

    /** A token and its scope ({@code api}, {@code read_api}). */
    public synchronized FakeGitLab token(String token, String scope) {
        scopes.put(token, scope);
        return this;
    }

    public synchronized FakeGitLab mergeRequest(String project, long iid) {
        mergeRequests.computeIfAbsent(project, p -> new LinkedHashMap<>()).computeIfAbsent(iid, i -> new ArrayList<>());
        return this;
    }

    /** Adds a note written by someone else (a reviewer, GitLab itself), oldest first. */
    public synchronized FakeGitLab note(String project, long iid, String author, String body, boolean system) {
        notes(project, iid).add(new StoredNote(nextId++, body, author, system, 0));
        return this;
    }

    public synchronized List<StoredNote> notes(String project, long iid) {
        Map<Long, List<StoredNote>> requests = mergeRequests.get(project);
        if (requests == null || !requests.containsKey(iid)) {
            throw new IllegalArgumentException("no merge request " + project + "!" + iid);
        }
        return requests.get(iid);
    }

    /** Adds a job to a pipeline, in the order they were created. */
    public synchronized FakeGitLab pipelineJob(String project, long pipeline, String name, String stage, String status,
            boolean allowFailure) {
        pipelines.computeIfAbsent(project + "/" + pipeline, k -> new ArrayList<>())
                .add(new PipelineJob(nextId++, name, stage, status, allowFailure));
        return this;
    }

    public synchronized void rateLimitNext(int retryAfterSeconds) {
        faults.add(new Fault(429, "{\"message\":\"429 Too Many Requests\"}", Integer.toString(retryAfterSeconds)));
    }

    public synchronized void failNext(int status) {
        faults.add(new Fault(status, "{\"message\":\"" + status + " Internal Server Error\"}", null));
    }

    public List<String> violations() {
        return journal.violations();
    }

    public RequestJournal journal() {
        return journal;
    }

    /** The requests received, as {@code METHOD path?query}. */
    public List<String> requests() {
        List<String> all = new ArrayList<>();
        server.getAllServeEvents().forEach(e -> all.add(0, e.getRequest().getMethod() + " " + e.getRequest().getUrl()));
        return all;
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized Response answer(Request request) {
        journal.record(request);
        URI uri = URI.create(request.getUrl());
        Matcher m = NOTES.matcher(uri.getRawPath());
        Matcher jobs = JOBS.matcher(uri.getRawPath());
        String method = request.getMethod().getName();
        if (jobs.matches() && method.equals("GET")) {
            return jobs(request, jobs, uri);
        }
        if (!m.matches()) {
            journal.violation("not an endpoint of the notes API: " + method + " " + request.getUrl());
            return json(404, "{\"message\":\"404 Not found\"}", Map.of());
        }
        Fault fault = faults.poll();
        if (fault != null) {
            return json(fault.status(), fault.body(), fault.retryAfter() == null ? Map.of() : Map.of("Retry-After", fault.retryAfter()));
        }
        if (request.getHeader("JOB-TOKEN") != null) {
            // the notes API is not among the endpoints a CI job token may use
            return json(401, "{\"message\":\"401 Unauthorized\"}", Map.of());
        }
        String scope = scopes.get(request.getHeader("PRIVATE-TOKEN"));
        if (scope == null) {
            return json(401, "{\"message\":\"401 Unauthorized\"}", Map.of());
        }
        String project = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        long iid = Long.parseLong(m.group(2));
        Map<Long, List<StoredNote>> requests = mergeRequests.get(project);
        if (requests == null || !requests.containsKey(iid)) {
            return json(404, "{\"message\":\"404 Not found\"}", Map.of());
        }
        List<StoredNote> notes = requests.get(iid);
        if (method.equals("GET") && m.group(3) == null) {
            return page(notes, query(uri.getRawQuery()), uri.getRawPath());
        }
        if (!scope.equals("api")) {
            return json(403, "{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher"
                    + " privileges than provided by the access token.\",\"scope\":\"api\"}", Map.of());
        }
        Map<String, String> form = form(request);
        String body = form.get("body");
        if (body == null || body.isEmpty()) {
            journal.violation(method + " " + request.getUrl() + " without the required body");
            return json(400, "{\"error\":\"body is missing\"}", Map.of());
        }
        if (body.length() > BODY_MAX) {
            journal.violation(method + " " + request.getUrl() + " with a body of " + body.length() + " characters");
            return json(400, "{\"message\":{\"note\":[\"is too long (maximum is 1000000 characters)\"]}}", Map.of());
        }
        if (method.equals("POST") && m.group(3) == null) {
            StoredNote note = new StoredNote(nextId++, body, "mlops-bot", false, 0);
            notes.add(note);
            return json(201, noteJson(note).toString(), Map.of());
        }
        if (method.equals("PUT") && m.group(3) != null) {
            long id = Long.parseLong(m.group(3));
            for (int i = 0; i < notes.size(); i++) {
                StoredNote note = notes.get(i);
                if (note.id() == id) {
                    if (!note.author().equals("mlops-bot")) {
                        return json(403, "{\"message\":\"403 Forbidden\"}", Map.of());
                    }
                    StoredNote updated = new StoredNote(id, body, note.author(), false, note.updates() + 1);
                    notes.set(i, updated);
                    return json(200, noteJson(updated).toString(), Map.of());
                }
            }
            return json(404, "{\"message\":\"404 Note Not Found\"}", Map.of());
        }
        journal.violation("method not in the notes API: " + method + " " + request.getUrl());
        return json(405, "{\"message\":\"405 Method Not Allowed\"}", Map.of());
    }

    // GET /projects/:id/pipelines/:pipeline_id/jobs: the newest first, a Reporter's read (read_api is enough)
    private Response jobs(Request request, Matcher m, URI uri) {
        if (request.getHeader("JOB-TOKEN") != null || !scopes.containsKey(request.getHeader("PRIVATE-TOKEN"))) {
            return json(401, "{\"message\":\"401 Unauthorized\"}", Map.of());
        }
        String project = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        List<PipelineJob> all = pipelines.getOrDefault(project + "/" + m.group(2), List.of());
        List<ObjectNode> items = new ArrayList<>();
        for (PipelineJob job : all) {
            items.add(0, JSON.createObjectNode().put("id", job.id()).put("name", job.name()).put("stage", job.stage())
                    .put("status", job.status()).put("allow_failure", job.allowFailure())
                    .put("web_url", "https://gitlab.example.com/team/spam/-/jobs/" + job.id()));
        }
        return paged(items, query(uri.getRawQuery()), uri.getRawPath());
    }

    // newest first, as GitLab lists notes by default (order_by=created_at, sort=desc)
    private Response page(List<StoredNote> notes, Map<String, String> query, String path) {
        List<StoredNote> newestFirst = new ArrayList<>(notes);
        java.util.Collections.reverse(newestFirst);
        return paged(newestFirst.stream().map(FakeGitLab::noteJson).toList(), query, path);
    }

    private Response paged(List<ObjectNode> items, Map<String, String> query, String path) {
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "20"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        if (perPage < 1 || perPage > 100 || page < 1) {
            journal.violation("page " + page + ", per_page " + perPage + " (per_page is 1 to 100)");
        }
        perPage = Math.max(1, Math.min(100, perPage));
        int totalPages = Math.max(1, (items.size() + perPage - 1) / perPage);
        ArrayNode list = JSON.createArrayNode();
        items.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(list::add);
        Map<String, String> headers = new LinkedHashMap<>();
        String base = apiUrl().replace("/api/v4", "") + path + "?per_page=" + perPage + "&page=";
        List<String> links = new ArrayList<>();
        headers.put("X-Page", Integer.toString(page));
        headers.put("X-Per-Page", Integer.toString(perPage));
        headers.put("X-Total", Integer.toString(items.size()));
        headers.put("X-Total-Pages", Integer.toString(totalPages));
        headers.put("X-Next-Page", page < totalPages ? Integer.toString(page + 1) : "");
        headers.put("X-Prev-Page", page > 1 ? Integer.toString(page - 1) : "");
        if (page < totalPages) {
            links.add("<" + base + (page + 1) + ">; rel=\"next\"");
        }
        if (page > 1) {
            links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
        }
        links.add("<" + base + "1>; rel=\"first\"");
        links.add("<" + base + totalPages + ">; rel=\"last\"");
        headers.put("Link", String.join(", ", links));
        return json(200, list.toString(), headers);
    }

    private static ObjectNode noteJson(StoredNote note) {
        ObjectNode json = JSON.createObjectNode().put("id", note.id()).put("type", (String) null).put("body", note.body())
                .put("system", note.system()).put("noteable_type", "MergeRequest").put("resolvable", false)
                .put("created_at", "2026-12-02T10:00:00.000Z").put("updated_at", "2026-12-02T10:00:00.000Z");
        json.putObject("author").put("id", note.author().hashCode() & 0xffff).put("username", note.author())
                .put("name", note.author()).put("state", "active");
        return json;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    // gitlab4j sends a form; GitLab takes JSON as well
    private Map<String, String> form(Request request) {
        String type = String.valueOf(request.getHeader("Content-Type"));
        String text = request.getBodyAsString();
        if (type.startsWith("application/json")) {
            try {
                Map<String, String> values = new LinkedHashMap<>();
                JSON.readTree(text).fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
                return values;
            } catch (Exception e) {
                journal.violation("a JSON body that is not JSON");
                return Map.of();
            }
        }
        if (!type.startsWith("application/x-www-form-urlencoded")) {
            journal.violation("Content-Type " + type + " (a form or JSON)");
        }
        return query(text);
    }

    private static Response json(int status, String body, Map<String, String> extra) {
        List<HttpHeader> headers = new ArrayList<>();
        headers.add(new HttpHeader("Content-Type", "application/json"));
        extra.forEach((k, v) -> headers.add(new HttpHeader(k, v)));
        return Response.response().status(status).body(body).headers(new HttpHeaders(headers)).build();
    }

    private final class Answer implements ResponseTransformerV2 {
        static final String NAME = "fake-gitlab";

        @Override
        public Response transform(Response response, ServeEvent event) {
            return answer(event.getRequest());
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
