package dev.mlops.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.deploy.local.LocalEndpointState;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.io.ProcFacts;
import dev.mlops.testmodels.SlowToLoadModel;
import dev.mlops.testmodels.SlowToPredictModel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local endpoints under attack and faults, on real processes, real sockets and real signals: racing
 * deployments, a taken port, model servers killed, stopped or slow behind the router, oversized
 * bodies, clients that send half a request, and a build killed in the middle of a deployment.
 */
class LocalEndpointFaultsTest {

    private static final String MODEL = "word-count";
    private static final String ENDPOINT = "word-count";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir Path temp;
    private EndpointFixture fixture;
    private final List<DeploymentService> services = new ArrayList<>();
    private final List<Long> pidsToCheck = new ArrayList<>();

    @BeforeEach
    void versions() throws Exception {
        fixture = new EndpointFixture(temp);
        fixture.publish(MODEL, "1.0.0", "10");
        fixture.publish(MODEL, "1.1.0", "11");
    }

    @AfterEach
    void nothingLeftRunning() throws Exception {
        Path endpoints = temp.resolve("endpoints");
        for (LocalEndpointState state : states(endpoints)) {
            pidsToCheck.add(state.routerPid());
            pidsToCheck.add(state.serverPid());
            services.get(0).undeploy(state.name(), temp.resolve("target"));
        }
        for (long pid : pidsToCheck) {
            ProcFacts.assertEnds(pid, Duration.ofSeconds(30));
        }
    }

    @Test
    void twoDeploymentsAtOnceLeaveTheStateAsItIsAndUndeployStopsEverything() throws Exception {
        EndpointFixture.Recorded first = new EndpointFixture.Recorded();
        EndpointFixture.Recorded second = new EndpointFixture.Recorded();
        // two services, as two builds would have: they share only the endpoints directory and the store
        DeploymentService a = service(settings(), first);
        DeploymentService b = service(settings(), second);
        CompletableFuture<DeployReport> one = CompletableFuture.supplyAsync(() -> a.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")));
        CompletableFuture<DeployReport> two = CompletableFuture.supplyAsync(() -> b.deploy(fixture.request(MODEL, ENDPOINT, "1.1.0")));
        DeployReport r1 = one.get(3, TimeUnit.MINUTES);
        DeployReport r2 = two.get(3, TimeUnit.MINUTES);
        assertTrue(first.lines.stream().anyMatch(l -> l.startsWith("Waiting for endpoint 'word-count'"))
                || second.lines.stream().anyMatch(l -> l.startsWith("Waiting for endpoint 'word-count'")),
                "one of them said it waits: " + first.lines + second.lines);

        // the one that ran last is what serves, and everything says so
        LocalEndpointState state = state(ENDPOINT);
        String last = state.version();
        assertTrue(Stream.of(r1, r2).anyMatch(r -> r.endpoint().version().equals(last)));
        assertEquals(last, fixture.store.alias(new ModelName(MODEL), "production").orElseThrow().version());
        assertEquals(last, answeringVersion(r1.endpoint().url()));
        assertEquals(Integer.toString(state.serverPort()),
                Files.readString(temp.resolve("endpoints/word-count/route")).trim());
        assertEquals(last, DotEnvFile.read(temp.resolve("target/mlops.env")).get("MLOPS_DEPLOYED_VERSION"));
        try (Stream<Path> deployments = Files.list(temp.resolve("endpoints/word-count/deployments"))) {
            assertEquals(1, deployments.count(), "only the serving deployment is left");
        }
        List<Long> started = new ArrayList<>(first.serverPids());
        started.addAll(second.serverPids());
        assertEquals(2, started.size(), first.lines + " " + second.lines);

        a.undeploy(ENDPOINT, temp.resolve("target"));
        ProcFacts.assertEnds(state.routerPid(), Duration.ofSeconds(30));
        for (long pid : started) {
            ProcFacts.assertEnds(pid, Duration.ofSeconds(30));
        }
    }

    @Test
    void aDeploymentWaitsForAnotherProcessHoldingTheEndpointAndNamesIt() throws Exception {
        Process holder = new ProcessBuilder(EndpointFixture.java().toString(), "-Xmx64m", "-cp",
                String.join(java.io.File.pathSeparator, EndpointFixture.testClasspath().stream().map(Path::toString).toList()),
                HoldLock.class.getName(), temp.toString(), ENDPOINT, "4000").redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            EndpointFixture.Recorded events = new EndpointFixture.Recorded();
            service(settings(), events).deploy(fixture.request(MODEL, ENDPOINT, "1.0.0"));
            assertTrue(events.lines.stream().anyMatch(l -> l.startsWith("Waiting for endpoint 'word-count': pid "
                    + holder.pid() + " holding it for a test")), events.lines.toString());
            assertEquals("1.0.0", state(ENDPOINT).version());
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDeploymentGivesUpAfterTheLockTimeoutNamingTheEndpointAndTheHolder() throws Exception {
        LocalEndpointBackend backend = new LocalEndpointBackend(fixture.settings(0, Duration.ofSeconds(60), 6,
                Duration.ofSeconds(1)), fixture.store, java.time.Clock.systemUTC());
        try (EndpointBackend.Lock held = backend.lock(ENDPOINT, "holding it for a test", MlopsEvents.NONE)) {
            DeploymentService waiting = service(fixture.settings(0, Duration.ofSeconds(60), 6, Duration.ofSeconds(1)),
                    MlopsEvents.NONE);
            DeploymentException e = CompletableFuture.supplyAsync(() -> assertThrows(DeploymentException.class,
                    () -> waiting.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")))).get(1, TimeUnit.MINUTES);
            assertTrue(e.getMessage().startsWith("Endpoint 'word-count' is still locked after PT1S by pid "
                    + ProcessHandle.current().pid() + " holding it for a test since "), e.getMessage());
        }
        assertFalse(Files.exists(temp.resolve("endpoints/word-count/endpoint.json")), "nothing was deployed");
        assertTrue(fixture.store.alias(new ModelName(MODEL), "production").isEmpty());
    }

    @Test
    void aDeploymentWhosePortIsTakenStopsWhatItStartedAndSaysWhy() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            EndpointFixture.Recorded events = new EndpointFixture.Recorded();
            DeploymentService service = service(fixture.settings(taken.getLocalPort(), Duration.ofSeconds(60), 6,
                    Duration.ofSeconds(30)), events);
            DeploymentException e = assertThrows(DeploymentException.class,
                    () -> service.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")));
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort() + " is in use"), e.getMessage());
            assertEquals(1, events.serverPids().size(), events.lines.toString());
            ProcFacts.assertEnds(events.serverPids().get(0), Duration.ofSeconds(30));
            assertTrue(fixture.store.alias(new ModelName(MODEL), "production").isEmpty(), "the alias did not move");
            assertEquals(List.of(), LocalEndpointBackend.endpointsIn(temp.resolve("endpoints")));
        }
    }

    @Test
    void theRouterAnswersWithTheVersionAndRefusesOversizedBodiesWith413() throws Exception {
        DeploymentService service = service(fixture.settings(0, Duration.ofSeconds(60), 1, Duration.ofSeconds(30)),
                MlopsEvents.NONE);
        URI url = service.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")).endpoint().url();
        HttpResponse<String> answer = invoke(url, Duration.ofSeconds(30));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(Optional.of("1.0.0"), answer.headers().firstValue("X-Mlops-Model-Version"));

        // 100 MB announced: refused before a byte of it is read
        String declared = rawExchange(url, "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                + "Content-Length: " + 100L * 1024 * 1024 + "\r\n\r\n", 0);
        assertTrue(declared.startsWith("HTTP/1.1 413"), declared);
        assertTrue(declared.contains("larger than 1 MB"), declared);
        // chunked, no length announced: refused once it passes the limit
        String chunked = rawExchange(url, "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", 3 * 1024 * 1024);
        assertTrue(chunked.startsWith("HTTP/1.1 413"), chunked);
        assertEquals(200, invoke(url, Duration.ofSeconds(30)).statusCode(), "the endpoint still answers");
    }

    @Test
    void aStoppedModelServerIs504WithinTheTimeoutAndAnswersAgainWhenResumed() throws Exception {
        DeploymentService service = service(fixture.settings(0, Duration.ofSeconds(3), 6, Duration.ofSeconds(30)),
                MlopsEvents.NONE);
        URI url = service.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")).endpoint().url();
        long server = state(ENDPOINT).serverPid();
        signal("STOP", server);
        try {
            HttpResponse<String> hung = invoke(url, Duration.ofSeconds(30));
            assertEquals(504, hung.statusCode(), hung.body());
            assertTrue(hung.body().contains("did not answer within 3 s"), hung.body());
            HttpResponse<String> ping = HTTP.send(HttpRequest.newBuilder(url.resolve("/ping"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(504, ping.statusCode(), ping.body());
        } finally {
            signal("CONT", server);
        }
        assertEquals(200, invoke(url, Duration.ofSeconds(30)).statusCode());
    }

    @Test
    void aSlowModelServerIs504WhileOthersStillAnswer() throws Exception {
        DeploymentService service = service(fixture.settings(SlowToPredictModel.class.getName(), 0, Duration.ofSeconds(2), 6,
                Duration.ofSeconds(30)), MlopsEvents.NONE);
        URI url = service.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")).endpoint().url();
        HttpResponse<String> slow = HTTP.send(HttpRequest.newBuilder(url.resolve("/invocations")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("slow\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(504, slow.statusCode(), slow.body());
        assertTrue(slow.body().contains("did not answer within 2 s"), slow.body());
        assertEquals(200, invoke(url, Duration.ofSeconds(30)).statusCode());
    }

    @Test
    void aKilledModelServerIs502WithAMessageAndARedeployRecovers() throws Exception {
        DeploymentService service = service(settings(), MlopsEvents.NONE);
        URI url = service.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")).endpoint().url();
        long server = state(ENDPOINT).serverPid();
        ProcessHandle.of(server).orElseThrow().destroyForcibly(); // SIGKILL
        ProcFacts.assertEnds(server, Duration.ofSeconds(10));

        HttpResponse<String> gone = invoke(url, Duration.ofSeconds(30));
        assertEquals(502, gone.statusCode());
        assertTrue(gone.body().startsWith("endpoint router: no model server answers"), gone.body());

        DeployReport again = service.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0"));
        assertTrue(again.changed(), "an endpoint that does not answer is deployed again");
        assertEquals(url, again.endpoint().url());
        assertEquals(200, invoke(url, Duration.ofSeconds(30)).statusCode());
    }

    @Test
    void clientsThatSendHalfARequestDoNotBlockTheRouter() throws Exception {
        DeploymentService service = service(settings(), MlopsEvents.NONE);
        URI url = service.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")).endpoint().url();
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(url.getHost(), url.getPort());
                String half = i % 2 == 0 ? "GET /ping HTTP/1.1\r\nHost: x\r\n"
                        : "POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 1000\r\n\r\nab";
                socket.getOutputStream().write(half.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            Thread.sleep(300);
            HttpResponse<String> ping = HTTP.send(HttpRequest.newBuilder(url.resolve("/ping"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ping.statusCode());
            assertEquals(200, invoke(url, Duration.ofSeconds(5)).statusCode());
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBuildKilledWhileStagingLeavesAServerThatTheNextRunStops() throws Exception {
        // the "build": its own JVM, deploying a model that never finishes loading
        Process build = new ProcessBuilder(EndpointFixture.java().toString(), "-Xmx128m", "-cp",
                String.join(java.io.File.pathSeparator, EndpointFixture.testClasspath().stream().map(Path::toString).toList()),
                KilledDeploy.class.getName(), temp.toString(), MODEL, ENDPOINT, "1.1.0")
                .redirectErrorStream(true).redirectOutput(temp.resolve("build.log").toFile()).start();
        Path record;
        try {
            record = awaitServerRecord(temp.resolve("endpoints/word-count/deployments"), build);
        } finally {
            build.destroyForcibly(); // SIGKILL mid-staging
            build.waitFor(10, TimeUnit.SECONDS);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> recorded = JsonFiles.read(record, Map.class);
        long orphan = ((Number) recorded.get("pid")).longValue();
        pidsToCheck.add(orphan);
        assertTrue(ProcFacts.alive(orphan), "the staged server outlived the killed build");

        EndpointFixture.Recorded events = new EndpointFixture.Recorded();
        DeploymentService next = service(settings(), events);
        next.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0"));
        ProcFacts.assertEnds(orphan, Duration.ofSeconds(30));
        assertTrue(events.lines.stream().anyMatch(l -> l.contains("left by an interrupted deployment") && l.contains("pid " + orphan)),
                events.lines.toString());
        assertEquals("1.0.0", state(ENDPOINT).version());
        assertEquals("1.0.0", answeringVersion(next.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")).endpoint().url()));
    }

    @Test
    void aModelNameWithUnderscoresDeploysUnderADerivedEndpointName() throws Exception {
        fixture.publish("cars_v2", "1.0.0", "5");
        String endpoint = DeploymentService.defaultEndpointName(new ModelName("cars_v2"));
        assertEquals("cars-v2", endpoint);
        DeploymentService service = service(settings(), MlopsEvents.NONE);
        URI url = service.deploy(fixture.request("cars_v2", endpoint, "1.0.0")).endpoint().url();
        assertEquals("1.0.0", answeringVersion(url));
        assertEquals("cars_v2", state("cars-v2").model());
    }

    @Test
    void aPortAskedForAnExistingEndpointIsNamedInAWarningAndUndeployClearsTheDotEnv() throws Exception {
        DeploymentService service = service(settings(), MlopsEvents.NONE);
        URI url = service.deploy(fixture.request(MODEL, ENDPOINT, "1.0.0")).endpoint().url();
        DotEnvFile.merge(temp.resolve("target/mlops.env"), Map.of("MLOPS_VERSION", "1.0.0"));

        int other;
        try (ServerSocket free = new ServerSocket(0)) {
            other = free.getLocalPort();
        }
        EndpointFixture.Recorded events = new EndpointFixture.Recorded();
        service(fixture.settings(other, Duration.ofSeconds(60), 6, Duration.ofSeconds(30)), events)
                .deploy(fixture.request(MODEL, ENDPOINT, "1.1.0"));
        assertTrue(events.lines.stream().anyMatch(l -> l.startsWith("WARN Endpoint 'word-count' keeps its port " + url.getPort())
                && l.contains("deploy.port=" + other) && l.contains("the undeploy goal")), events.lines.toString());
        assertEquals(url.getPort(), state(ENDPOINT).port());

        LocalEndpointState state = state(ENDPOINT);
        // what the router and the model servers see of this build's environment (surefire sets the sentinels)
        for (long pid : List.of(state.routerPid(), state.serverPid())) {
            ProcFacts.assertNoValue(pid, "sentinel");
            assertFalse(ProcFacts.environment(pid).containsKey("MLOPS_PARENT_PID"), "a deployed endpoint outlives the build");
        }
        assertEquals("sentinel-aws-secret-4f1c", System.getenv("AWS_SECRET_ACCESS_KEY"), "the sentinel is there to leak");

        service.undeploy(ENDPOINT, temp.resolve("target"));
        assertEquals(Map.of("MLOPS_VERSION", "1.0.0"), DotEnvFile.read(temp.resolve("target/mlops.env")));
        ProcFacts.assertEnds(state.routerPid(), Duration.ofSeconds(30));
        ProcFacts.assertEnds(state.serverPid(), Duration.ofSeconds(30));
    }

    private LocalEndpointBackend.Settings settings() {
        return fixture.settings(0, Duration.ofSeconds(60), 6, Duration.ofMinutes(3));
    }

    private DeploymentService service(LocalEndpointBackend.Settings settings, MlopsEvents events) {
        DeploymentService service = fixture.service(settings, events);
        services.add(service);
        return service;
    }

    private LocalEndpointState state(String endpoint) {
        return JsonFiles.read(temp.resolve("endpoints").resolve(endpoint).resolve("endpoint.json"), LocalEndpointState.class);
    }

    private static List<LocalEndpointState> states(Path endpoints) throws Exception {
        if (!Files.isDirectory(endpoints)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(endpoints)) {
            return dirs.map(d -> d.resolve("endpoint.json")).filter(Files::isRegularFile)
                    .map(f -> JsonFiles.read(f, LocalEndpointState.class)).toList();
        }
    }

    private static String answeringVersion(URI url) throws Exception {
        HttpResponse<String> answer = invoke(url, Duration.ofSeconds(30));
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.headers().firstValue("X-Mlops-Model-Version").orElseThrow();
    }

    private static HttpResponse<String> invoke(URI url, Duration timeout) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url.resolve("/invocations")).timeout(timeout)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a\n")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code head} and then (in the background) {@code chunkedBytes} of chunked body; returns the answer. */
    private static String rawExchange(URI url, String head, int chunkedBytes) throws Exception {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'a');
                    for (int sent = 0; sent < chunkedBytes; sent += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    if (chunkedBytes > 0) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                } catch (java.io.IOException refused) {
                    // the router closed the connection on the refused body
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                // the answer is complete once its Content-Length is in (the connection may stay open)
                for (int n; !complete(answer) && (n = in.read(buffer)) > 0; ) {
                    answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketException reset) {
                // closed while the writer was still sending: what was read is the answer
            }
            return answer.toString();
        }
    }

    private static boolean complete(StringBuilder answer) {
        int end = answer.indexOf("\r\n\r\n");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(answer);
        return end >= 0 && length.find() && answer.length() - end - 4 >= Integer.parseInt(length.group(1));
    }

    private static Path awaitServerRecord(Path deployments, Process build) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.isDirectory(deployments)) {
                try (Stream<Path> dirs = Files.list(deployments)) {
                    Optional<Path> record = dirs.map(d -> d.resolve("server.json")).filter(Files::isRegularFile).findFirst();
                    if (record.isPresent() && Files.size(record.get()) > 0) {
                        return record.get();
                    }
                }
            }
            assertTrue(build.isAlive(), "the deploying build ended early");
            Thread.sleep(100);
        }
        throw new AssertionError("the build never recorded its staged server");
    }

    private static void signal(String signal, long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    /** Another process holding an endpoint's lock for a while. */
    public static final class HoldLock {
        public static void main(String[] args) throws Exception {
            EndpointFixture fixture = new EndpointFixture(Path.of(args[0]));
            LocalEndpointBackend backend = new LocalEndpointBackend(fixture.settings(0, Duration.ofSeconds(60), 6,
                    Duration.ofMinutes(1)), fixture.store, java.time.Clock.systemUTC());
            try (EndpointBackend.Lock held = backend.lock(args[1], "holding it for a test", MlopsEvents.NONE)) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[2]));
            }
        }
    }

    /** A build that deploys a model that never finishes loading, to be killed while it stages. */
    public static final class KilledDeploy {
        public static void main(String[] args) throws Exception {
            EndpointFixture fixture = new EndpointFixture(Path.of(args[0]));
            fixture.service(fixture.settings(SlowToLoadModel.class.getName(), 0, Duration.ofSeconds(60), 6,
                    Duration.ofMinutes(1)), MlopsEvents.NONE).deploy(fixture.request(args[1], args[2], args[3]));
        }
    }
}
