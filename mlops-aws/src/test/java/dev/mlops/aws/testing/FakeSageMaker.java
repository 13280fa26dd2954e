package dev.mlops.aws.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mlops.core.testing.RequestJournal;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SageMaker training jobs and their CloudWatch Logs streams, played in process on 127.0.0.1 (awsJson1.1, as SDK
 * 2.40.2 speaks both: {@code X-Amz-Target: SageMaker.CreateTrainingJob}, {@code Logs_20140328.GetLogEvents}).
 * Stateful: each DescribeTrainingJob moves a job one step along its {@link Outcome}'s statuses; StopTrainingJob
 * makes it Stopping, then Stopped. When a job completes, the {@link Runner} writes its {@code model.tar.gz} where
 * SageMaker would. Faults (throttling, 500s, a 500 after the job was created) are queued per operation. Every
 * request is journalled without credentials and checked against {@link SageMakerConstraints}; a violation is
 * answered with a ValidationException and kept in {@link #violations()} for the test to fail on.
 */
public final class FakeSageMaker implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";

    /** How a job created from now on goes. */
    public enum Outcome { COMPLETES, FAILS, RUNS_UNTIL_STOPPED }

    /** Plays the training itself: writes the model archive at {@code modelArtifacts} (an s3:// URI). */
    public interface Runner {
        void run(JsonNode createRequest, URI modelArtifacts) throws Exception;
    }

    /** A fault for the next call of an operation. */
    public enum Fault { NONE, THROTTLE, SERVER_ERROR, SERVER_ERROR_AFTER_APPLYING }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String[]> COMPLETING = List.of(
            new String[] {"InProgress", "Starting", "Preparing the instances for training"},
            new String[] {"InProgress", "Downloading", "Downloading input data"},
            new String[] {"InProgress", "Training", "Training image download completed. Training in progress."},
            new String[] {"InProgress", "Uploading", "Uploading generated training model"},
            new String[] {"Completed", "Completed", "Training job completed"});
    private static final List<String[]> FAILING = List.of(
            new String[] {"InProgress", "Starting", "Preparing the instances for training"},
            new String[] {"InProgress", "Training", "Training in progress."},
            new String[] {"Failed", "Failed", "Training job failed"});

    private final WireMockServer server;
    private final RequestJournal journal;
    private final String region;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Deque<Fault>> faults = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();
    private volatile Outcome outcome = Outcome.COMPLETES;
    private volatile String failureReason = "AlgorithmError: the model's train() threw";
    private volatile List<String> logLines = List.of("reading channel train", "java.lang.IllegalStateException: no data");
    private volatile Runner runner = (request, uri) -> { };

    private final class Job {
        final String name;
        final ObjectNode request;
        final List<String[]> steps;
        final List<String[]> seen = new ArrayList<>();
        int step = -1;
        boolean stopping;

        Job(String name, ObjectNode request, List<String[]> steps) {
            this.name = name;
            this.request = request;
            this.steps = steps;
        }

        String[] current() {
            return seen.get(seen.size() - 1);
        }

        void advance() throws Exception {
            String status = seen.isEmpty() ? "" : current()[0];
            if (status.equals("Completed") || status.equals("Failed") || status.equals("Stopped")) {
                return;
            }
            if (stopping) {
                seen.add(status.equals("Stopping") ? new String[] {"Stopped", "Stopped", "Stopped by request"}
                        : new String[] {"Stopping", "Stopping", "Stopping the training job"});
                return;
            }
            step = Math.min(step + 1, steps.size() - 1);
            if (seen.isEmpty() || !steps.get(step)[1].equals(current()[1])) {
                if (steps.get(step)[0].equals("Completed")) {
                    runner.run(request, URI.create(modelArtifacts(this)));
                }
                seen.add(steps.get(step));
            }
        }
    }

    private FakeSageMaker(Path journalFile, String region, List<String> secrets) {
        this.journal = new RequestJournal(journalFile, secrets);
        this.region = region;
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(new Play()));
    }

    /** Starts on a free port; the journal goes to {@code journalFile}; {@code secrets} never reach it. */
    public static FakeSageMaker start(Path journalFile, String region, List<String> secrets) {
        FakeSageMaker fake = new FakeSageMaker(journalFile, region, secrets);
        fake.server.start();
        fake.server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));
        return fake;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public FakeSageMaker outcome(Outcome next) {
        this.outcome = next;
        return this;
    }

    public FakeSageMaker failingWith(String reason, List<String> lines) {
        this.failureReason = reason;
        this.logLines = List.copyOf(lines);
        return this;
    }

    public FakeSageMaker runner(Runner next) {
        this.runner = next;
        return this;
    }

    /** Queues faults for the next calls of {@code operation} (e.g. {@code CreateTrainingJob}), in order. */
    public synchronized FakeSageMaker fault(String operation, Fault... next) {
        faults.computeIfAbsent(operation, o -> new ArrayDeque<>()).addAll(List.of(next));
        return this;
    }

    /** The constraint violations seen; a test fails when this is not empty. */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The operations received, in order ({@code CreateTrainingJob}, {@code DescribeTrainingJob}, …). */
    public List<String> operations() {
        return journal.entries().stream().map(e -> e.path("headers").path("X-Amz-Target").asText()
                .replaceFirst("^[^.]*\\.", "")).toList();
    }

    public RequestJournal journal() {
        return journal;
    }

    /** The body of the job's CreateTrainingJob request, as received. */
    public synchronized JsonNode createRequest(String name) {
        return jobs.get(name).request;
    }

    public synchronized List<String> jobNames() {
        return List.copyOf(jobs.keySet());
    }

    @Override
    public void close() {
        server.stop();
    }

    private String arn(String name) {
        return "arn:aws:sagemaker:" + region + ":" + ACCOUNT + ":training-job/" + name.toLowerCase(java.util.Locale.ROOT);
    }

    private static String modelArtifacts(Job job) {
        return job.request.path("OutputDataConfig").path("S3OutputPath").asText().replaceAll("/+$", "") + "/" + job.name
                + "/output/model.tar.gz";
    }

    private synchronized ResponseDefinition answer(LoggedRequest request) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), header.values());
        }
        journal.record(request.getMethod().getName(), request.getUrl(), headers, request.getBodyAsString());
        String target = request.getHeader("X-Amz-Target");
        if (target == null || !request.getMethod().getName().equals("POST") || !"application/x-amz-json-1.1".equals(request.getHeader("Content-Type"))) {
            violations.add("not an awsJson1.1 POST with X-Amz-Target: " + request.getMethod() + " " + request.getUrl() + " " + target);
            return error(400, "UnknownOperationException", "no such operation");
        }
        JsonNode body = JSON.readTree(request.getBodyAsString().isEmpty() ? "{}" : request.getBodyAsString());
        List<String> problems = SageMakerConstraints.check(target, body);
        if (!problems.isEmpty()) {
            problems.forEach(p -> violations.add(target + ": " + p));
            return error(400, "ValidationException", String.join("; ", problems));
        }
        String operation = target.substring(target.indexOf('.') + 1);
        Fault fault = faults.getOrDefault(operation, new ArrayDeque<>()).poll();
        if (fault == Fault.THROTTLE) {
            return error(400, "ThrottlingException", "Rate exceeded");
        }
        if (fault == Fault.SERVER_ERROR) {
            advanceAll();
            return error(500, "InternalFailure", "We encountered an internal error. Please try again.");
        }
        ResponseDefinition answer = operation(operation, body);
        return fault == Fault.SERVER_ERROR_AFTER_APPLYING ? error(500, "InternalFailure", "internal error after applying") : answer;
    }

    // a job goes on while its client is told to retry
    private void advanceAll() throws Exception {
        for (Job job : jobs.values()) {
            job.advance();
        }
    }

    private ResponseDefinition operation(String operation, JsonNode body) throws Exception {
        String name = body.path("TrainingJobName").asText();
        Job job = jobs.get(name);
        switch (operation) {
            case "CreateTrainingJob" -> {
                if (job != null) {
                    return error(400, "ResourceInUse", "Training job names must be unique within an AWS account and region, and a"
                            + " training job with this name already exists (" + arn(name) + ")");
                }
                jobs.put(name, new Job(name, (ObjectNode) body, outcome == Outcome.FAILS ? FAILING : outcome == Outcome.COMPLETES
                        ? COMPLETING : COMPLETING.subList(0, 3)));
                return ok(JSON.createObjectNode().put("TrainingJobArn", arn(name)));
            }
            case "DescribeTrainingJob" -> {
                if (job == null) {
                    return error(400, "ValidationException", "Requested resource not found.");
                }
                job.advance();
                return ok(describe(job));
            }
            case "StopTrainingJob" -> {
                if (job == null) {
                    return error(400, "ResourceNotFound", "Requested resource not found.");
                }
                if (!job.seen.isEmpty() && job.current()[0].equals("InProgress")) {
                    job.stopping = true;
                    job.seen.add(new String[] {"Stopping", "Stopping", "Stopping the training job"});
                }
                return ok(JSON.createObjectNode());
            }
            case "DescribeLogStreams" -> {
                ObjectNode answer = JSON.createObjectNode();
                ArrayNode streams = answer.putArray("logStreams");
                String prefix = body.path("logStreamNamePrefix").asText();
                for (Job each : jobs.values()) {
                    String stream = each.name + "/algo-1-1764680000";
                    if (stream.startsWith(prefix) && !each.seen.isEmpty()) {
                        streams.addObject().put("logStreamName", stream).put("creationTime", 1764680000000L);
                    }
                }
                return ok(answer);
            }
            case "GetLogEvents" -> {
                ObjectNode answer = JSON.createObjectNode();
                ArrayNode events = answer.putArray("events");
                int limit = body.path("limit").asInt(10000);
                List<String> lines = logLines.subList(Math.max(0, logLines.size() - limit), logLines.size());
                long t = 1764680000000L;
                for (String line : lines) {
                    events.addObject().put("timestamp", t).put("message", line).put("ingestionTime", t++);
                }
                answer.put("nextForwardToken", "f/1").put("nextBackwardToken", "b/1");
                return ok(answer);
            }
            default -> {
                violations.add("operation not played: " + operation);
                return error(400, "UnknownOperationException", operation);
            }
        }
    }

    private ObjectNode describe(Job job) {
        String[] now = job.current();
        ObjectNode d = JSON.createObjectNode();
        d.put("TrainingJobName", job.name).put("TrainingJobArn", arn(job.name)).put("TrainingJobStatus", now[0])
                .put("SecondaryStatus", now[1]).put("CreationTime", 1764680000.0).put("RoleArn", job.request.path("RoleArn").asText());
        d.set("AlgorithmSpecification", job.request.path("AlgorithmSpecification"));
        d.set("ResourceConfig", job.request.path("ResourceConfig"));
        d.set("StoppingCondition", job.request.path("StoppingCondition"));
        d.set("OutputDataConfig", job.request.path("OutputDataConfig"));
        ArrayNode transitions = d.putArray("SecondaryStatusTransitions");
        double t = 1764680000.0;
        for (String[] s : job.seen) {
            transitions.addObject().put("Status", s[1]).put("StartTime", t).put("StatusMessage", s[2]);
            t += 30;
        }
        if (now[0].equals("Completed")) {
            d.putObject("ModelArtifacts").put("S3ModelArtifacts", modelArtifacts(job));
            boolean spot = job.request.path("EnableManagedSpotTraining").asBoolean(false);
            d.put("TrainingTimeInSeconds", 120).put("BillableTimeInSeconds", spot ? 48 : 120);
            ArrayNode metrics = d.putArray("FinalMetricDataList");
            metrics.addObject().put("MetricName", "train:loss").put("Value", 0.125).put("Timestamp", t);
        }
        if (now[0].equals("Failed")) {
            d.put("FailureReason", failureReason);
        }
        return d;
    }

    private static ResponseDefinition ok(JsonNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString()).withBody(body.toString()).build();
    }

    private static ResponseDefinition error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", java.util.UUID.randomUUID().toString())
                .withBody(JSON.createObjectNode().put("__type", type).put("Message", message).toString()).build();
    }

    private final class Play implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            try {
                return answer(event.getRequest());
            } catch (Exception e) {
                synchronized (FakeSageMaker.this) {
                    violations.add("the fake failed: " + e);
                }
                return error(500, "InternalFailure", "fake: " + e);
            }
        }

        @Override
        public String getName() {
            return "fake-sagemaker";
        }
    }
}
