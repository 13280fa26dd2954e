package dev.mlops.core.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.io.ProcFacts;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.store.FileModelStore;
import dev.mlops.testmodels.WordCountModel;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForegroundServingTest {

    private static final ModelName MODEL = new ModelName("word-count");

    @TempDir Path temp;

    @Test
    void choosesTheAskedVersionThenProductionThenTheNewestApprovedThenTheNewest() throws Exception {
        FileModelStore store = new FileModelStore(temp.resolve("store"));
        ForegroundServing serving = new ForegroundServing(store, MlopsEvents.NONE);
        assertThrows(ConfigurationException.class, () -> serving.choose(MODEL, Optional.empty()));

        publish(store, "1.0.0", VersionStatus.APPROVED_BY_GATE, "2026-11-25T10:00:00Z");
        publish(store, "1.1.0", VersionStatus.REJECTED, "2026-11-25T11:00:00Z");
        assertEquals("1.0.0", serving.choose(MODEL, Optional.empty()).value());
        store.moveAlias(MODEL, "production", new ModelVersion("1.1.0"), Optional.empty(), Instant.now());
        assertEquals("1.1.0", serving.choose(MODEL, Optional.empty()).value());
        assertEquals("1.0.0", serving.choose(MODEL, Optional.of(new ModelVersion("1.0.0"))).value());
        assertThrows(ConfigurationException.class, () -> serving.choose(MODEL, Optional.of(new ModelVersion("9.0.0"))));
    }

    @Test
    void servesInTheForegroundUntilTheServerIsStopped() throws Exception {
        FileModelStore store = new FileModelStore(temp.resolve("store"));
        publish(store, "1.0.0", VersionStatus.APPROVED_BY_GATE, "2026-11-25T10:00:00Z");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ModelJvm jvm = new ModelJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList(),
                List.of("-Xmx64m"), Map.of("MLOPS_MODEL_CLASS", WordCountModel.class.getName()));
        int chosenPort = port;
        RecordingEvents events = new RecordingEvents();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new ForegroundServing(store, events)
                .serve(MODEL, new ModelVersion("1.0.0"), jvm, temp.resolve("serve"), chosenPort));

        URI base = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        awaitPing(http, base);
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/invocations"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("a\nb\n")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(List.of("7.0", "7.0"), answer.body().lines().toList());
        assertEquals(Optional.of("1.0.0"), answer.headers().firstValue("X-Mlops-Model-Version"));

        // by the pid it reported, never by its command line (Linux cuts that at 4096 bytes)
        long pid = events.serverPid();
        ProcFacts.assertNoValue(pid, "sentinel");
        assertTrue(ProcFacts.environment(pid).containsKey("MLOPS_PARENT_PID"), "mlops:serve's server follows the build");
        assertEquals("127.0.0.1", ProcFacts.environment(pid).get("MLOPS_BIND_ADDRESS"));
        Optional<java.net.InetAddress> outside = nonLoopbackAddress();
        if (outside.isPresent()) {
            try (java.net.Socket socket = new java.net.Socket()) {
                assertThrows(java.net.ConnectException.class,
                        () -> socket.connect(new java.net.InetSocketAddress(outside.get(), chosenPort), 2000),
                        "the server must not answer on " + outside.get());
            }
        }
        // what Ctrl-C does through Maven's shutdown hook: SIGTERM to the server
        ProcessHandle.of(pid).orElseThrow().destroy();
        assertEquals(143, exit.get(30, TimeUnit.SECONDS));
    }

    private static Optional<java.net.InetAddress> nonLoopbackAddress() throws Exception {
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> { try { return i.isUp() && !i.isLoopback(); } catch (java.net.SocketException e) { return false; } })
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress())
                .findFirst();
    }

    /** Keeps what the serving said, to find the server's pid in it. */
    private static final class RecordingEvents implements MlopsEvents {
        private final java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override public void info(String message) { lines.add(message); }
        @Override public void warn(String message) { lines.add(message); }
        @Override public void debug(String message) { }
        @Override public void processOutput(String line) { }

        long serverPid() {
            java.util.regex.Pattern pid = java.util.regex.Pattern.compile("\\bpid (\\d+)");
            return lines.stream().map(pid::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> Long.parseLong(m.group(1))).findFirst()
                    .orElseThrow(() -> new AssertionError("no pid in " + lines));
        }
    }

    private static void awaitPing(HttpClient http, URI base) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/ping")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server never answered /ping");
    }

    private void publish(FileModelStore store, String version, VersionStatus status, String createdAt) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("m" + version));
        Files.writeString(dir.resolve("count.txt"), "7");
        Path archive = temp.resolve(version + ".tar.gz");
        TarGz.archive(dir, archive);
        store.publish(Manifest.candidate("word-count", version, createdAt, null, "local", null, Map.of(), Map.of(),
                new Manifest.ModelArtifact("model.tar.gz", Files.size(archive), Fingerprints.sha256Of(archive))), archive);
        store.update(MODEL, new ModelVersion(version), m -> m.withStatus(status));
        assertTrue(store.exists(MODEL, new ModelVersion(version)));
    }
}
