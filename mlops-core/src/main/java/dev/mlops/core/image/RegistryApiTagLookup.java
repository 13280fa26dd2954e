package dev.mlops.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Asks the registry's HTTP API v2 for the manifest of a tag ({@code HEAD /v2/<repository>/manifests/<tag>}),
 * answering its Basic or Bearer challenge with the same credentials a push uses. A credential is only ever
 * sent over HTTPS, as Jib does: a registry or token service on plain HTTP that asks for one is refused.
 */
public final class RegistryApiTagLookup implements TagLookup {

    private static final String ACCEPT = String.join(",",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final int ATTEMPTS = 3;
    private static final java.util.Set<Integer> TRANSIENT = java.util.Set.of(502, 503, 504);

    private final HttpClient http;
    private final HttpClient unverified = client(trustingEveryCertificate());
    private HttpClient current;

    public RegistryApiTagLookup() {
        this(null);
    }

    /** @param trusted the TLS context for verified connections (a test's own CA); the JVM's default when null */
    RegistryApiTagLookup(javax.net.ssl.SSLContext trusted) {
        http = client(trusted);
        current = http;
    }

    @Override
    public boolean exists(String registry, String repository, String tag, RegistryAccess access) {
        String path = "/v2/" + repository + "/manifests/" + tag;
        // an insecure registry may have a self-signed certificate, as Jib then accepts too
        current = access.allowInsecure() ? unverified : http;
        try {
            return existsAt("https://" + registry, path, registry, repository, access);
        } catch (SSLException | java.net.ConnectException e) {
            if (!access.allowInsecure()) {
                throw unreachable(registry, e, Text.of(" If it serves plain HTTP (e.g. on 127.0.0.1), set ",
                        Setting.IMAGE_ALLOW_INSECURE.is(true), "."));
            }
        } catch (IOException e) {
            throw unreachable(registry, e, "");
        }
        try {
            return existsAt("http://" + registry, path, registry, repository, access);
        } catch (IOException e) {
            throw unreachable(registry, e, "");
        }
    }

    private boolean existsAt(String base, String path, String registry, String repository, RegistryAccess access)
            throws IOException {
        HttpResponse<Void> first = send(base + path, Optional.empty());
        HttpResponse<Void> answer = first;
        if (first.statusCode() == 401) {
            Optional<RegistryCredential> credential = access.credentials().lookup(registry);
            String authorization = authorization(first, credential, registry, repository, access);
            answer = send(base + path, Optional.of(authorization));
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                throw refused(registry, access, credential.isPresent());
            }
        }
        int status = answer.statusCode();
        if (status == 200) {
            return true;
        }
        if (status == 404) {
            return false;
        }
        if (status == 403) {
            throw refused(registry, access, true);
        }
        throw new InfrastructureException("Registry " + registry + " answered HTTP " + status + " when asked for "
                + path + ". Check that the registry is healthy, then run the goal again.", null);
    }

    private String authorization(HttpResponse<Void> challenge, Optional<RegistryCredential> credential,
            String registry, String repository, RegistryAccess access) throws IOException {
        String header = challenge.headers().firstValue("WWW-Authenticate").orElse("");
        if (header.regionMatches(true, 0, "Bearer", 0, 6)) {
            return "Bearer " + bearerToken(header, credential, registry, repository, access);
        }
        if (credential.isEmpty()) {
            throw refused(registry, access, false);
        }
        refuseInClear(challenge.uri(), registry, "the registry");
        return basic(credential.get());
    }

    private String bearerToken(String challenge, Optional<RegistryCredential> credential, String registry,
            String repository, RegistryAccess access) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new InfrastructureException("Registry " + registry + " asked for a bearer token without a realm.", null);
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?')
                .append("scope=").append(enc("repository:" + repository + ":pull"));
        if (params.containsKey("service")) {
            url.append("&service=").append(enc(params.get("service")));
        }
        URI tokenService = URI.create(url.toString());
        if (credential.isPresent()) {
            refuseInClear(tokenService, registry, "its token service (the realm of its WWW-Authenticate challenge)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenService).timeout(Duration.ofSeconds(30)).GET();
        credential.ifPresent(c -> request.header("Authorization", basic(c)));
        HttpResponse<String> answer = call(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 401 || answer.statusCode() == 403) {
            throw refused(registry, access, credential.isPresent());
        }
        if (answer.statusCode() != 200) {
            throw new InfrastructureException("The token service of registry " + registry + " answered HTTP "
                    + answer.statusCode() + ". Check that the registry is healthy, then run the goal again.", null);
        }
        JsonNode body = new ObjectMapper().readTree(answer.body());
        String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
        if (token.isEmpty()) {
            throw new InfrastructureException("The token service of registry " + registry + " gave no token.", null);
        }
        return token;
    }

    private HttpResponse<Void> send(String url, Optional<String> authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", ACCEPT);
        authorization.ifPresent(a -> request.header("Authorization", a));
        return call(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    // a registry that is briefly unavailable (502/503/504, a reset connection) is asked again, as Jib does
    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<T> answer = current.send(request, body);
                if (attempt >= ATTEMPTS || !TRANSIENT.contains(answer.statusCode())) {
                    return answer;
                }
            } catch (SSLException | java.net.ConnectException | java.net.http.HttpTimeoutException e) {
                throw e; // not transient: the caller fails over to plain HTTP or says it cannot reach the registry
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfrastructureException("Interrupted while asking " + request.uri().getHost(), e);
            }
            pause(attempt, request);
        }
    }

    private static void pause(int attempt, HttpRequest request) {
        try {
            Thread.sleep(1000L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while asking " + request.uri().getHost(), e);
        }
    }

    private static HttpClient client(javax.net.ssl.SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder.build();
    }

    private static javax.net.ssl.SSLContext trustingEveryCertificate() {
        javax.net.ssl.TrustManager trustAll = new javax.net.ssl.X509TrustManager() {
            @Override public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {}
            @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        try {
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {trustAll}, new java.security.SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    // the check Jib makes before it sends a credential (FailoverHttpClient): never over plain HTTP
    private static void refuseInClear(URI target, String registry, String what) {
        if ("https".equalsIgnoreCase(target.getScheme())) {
            return;
        }
        URI shown = URI.create(target.getScheme() + "://" + target.getRawAuthority() + (target.getRawPath() == null ? "" : target.getRawPath()));
        throw new RegistryAuthenticationException("Registry " + registry + " asks for its credential to be sent to "
                + what + " at " + shown + ", which is plain HTTP: the password would travel in clear, so it was not"
                + " sent. Serve " + shown.getRawAuthority() + " over HTTPS (for docker-registry: an https:// realm"
                + " in auth.token), then run the goal again; allowInsecureRegistries does not change this,"
                + " credentials are never sent over plain HTTP.");
    }

    private static String basic(RegistryCredential credential) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (credential.username() + ":" + credential.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static ConfigurationException refused(String registry, RegistryAccess access, boolean hadCredential) {
        String looked = access.credentials().describe();
        return new RegistryAuthenticationException(hadCredential
                ? Text.of("Registry " + registry + " refused the credentials found in: " + looked + ". Fix that"
                        + " credential (the server in settings.xml whose id is " + registry + ", docker login, or the"
                        + " environment variables), then run the goal again.")
                : Text.of("Registry " + registry + " requires credentials and none were found; looked in: " + looked
                        + ". Add a server with the id " + registry + " to settings.xml (or name another with ",
                        Setting.IMAGE_SERVER_ID, "), log in with docker login, or set MLOPS_REGISTRY_USER and"
                        + " MLOPS_REGISTRY_PASSWORD."));
    }

    private static InfrastructureException unreachable(String registry, Exception e, Object hint) {
        return new InfrastructureException(Text.of("Cannot reach registry " + registry + " ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "). Check the host and port in ", Setting.IMAGE, " and that the registry is up.", hint), e);
    }
}
