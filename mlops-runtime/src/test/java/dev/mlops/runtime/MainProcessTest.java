package dev.mlops.runtime;

import dev.mlops.testmodels.KeywordModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code Main} in a forked JVM, as the container runs it: exit codes, the failure file, SIGTERM. */
class MainProcessTest {

    private static final Pattern SERVING = Pattern.compile("\\[mlops-runtime] serving on port (\\d+)");

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void serveDrainsARequestInFlightOnSigterm() throws Exception {
        OptMl tree = OptMlFixture.trained(temp);
        RunningJvm jvm = start(tree, "serve", Map.of("SAGEMAKER_BIND_TO_PORT", "0", "MLOPS_BIND_ADDRESS", "127.0.0.1"));
        Matcher serving = jvm.awaitLine(SERVING);
        int port = Integer.parseInt(serving.group(1));
        jvm.awaitLine(Pattern.compile("model loaded in .*; ready"));
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invocations"))
                        .header("Content-Type", "text/csv").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("sleep:1500 win money")).build(),
                HttpResponse.BodyHandlers.ofString());
        jvm.awaitLine(Pattern.compile("\\[test-model] sleeping 1500 ms"));

        // SIGTERM on Linux; unlike Process.destroy() it leaves our ends of the pipes open to read the shutdown log
        assertTrue(jvm.process.toHandle().destroy());

        HttpResponse<String> answer = slow.get(20, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().startsWith("{\"predictions\":[{\"label\":\"spam\""), answer.body());
        assertTrue(jvm.process.waitFor(20, TimeUnit.SECONDS), "the JVM did not exit after SIGTERM");
        assertEquals(143, jvm.process.exitValue()); // 128 + SIGTERM
        jvm.awaitLine(Pattern.compile("\\[mlops-runtime] stopping: refusing new connections.* 1 request\\(s\\) in flight"));
        jvm.awaitLine(Pattern.compile("\\[mlops-runtime] stopped$"));
    }

    @Test
    void serveClosesAConnectionWhoseRequestIsNotInWithinTheReadTimeoutAndNamesItsVersion() throws Exception {
        OptMl tree = OptMlFixture.trained(temp);
        RunningJvm jvm = start(tree, "serve", Map.of("SAGEMAKER_BIND_TO_PORT", "0", "MLOPS_BIND_ADDRESS", "127.0.0.1",
                "MLOPS_READ_TIMEOUT_SECONDS", "1", "MLOPS_MODEL_VERSION", "4.2.0"));
        int port = Integer.parseInt(jvm.awaitLine(SERVING).group(1));
        jvm.awaitLine(Pattern.compile("model loaded in .*; ready"));
        try (java.net.Socket half = new java.net.Socket("127.0.0.1", port)) {
            half.setSoTimeout(20_000);
            half.getOutputStream().write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: 1000\r\n\r\nwin").getBytes(StandardCharsets.US_ASCII));
            // the server gives up on the rest of the body and closes the connection (end of stream, or a reset)
            try {
                assertEquals(-1, half.getInputStream().read());
            } catch (java.net.SocketException reset) {
                // closed as well
            }
        }
        HttpResponse<String> ping = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/ping")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ping.statusCode());
        assertEquals(java.util.Optional.of("4.2.0"), ping.headers().firstValue("X-Mlops-Model-Version"));
    }

    @Test
    void serveBindsLoopbackOnlyWhenAskedAndAllInterfacesOtherwise() throws Exception {
        OptMl tree = OptMlFixture.trained(temp);
        RunningJvm container = start(tree, "serve", Map.of("SAGEMAKER_BIND_TO_PORT", "0"));
        container.awaitLine(Pattern.compile("serving on port \\d+ \\(all interfaces"));
        RunningJvm local = start(tree, "serve", Map.of("SAGEMAKER_BIND_TO_PORT", "0", "MLOPS_BIND_ADDRESS", "127.0.0.1"));
        local.awaitLine(Pattern.compile("serving on port \\d+ \\(127.0.0.1"));
    }

    @Test
    void serveExitsWith1WhenTheModelCannotBeLoaded() throws Exception {
        OptMl empty = new OptMl(Files.createDirectories(temp.resolve("empty/model")).getParent());
        RunningJvm jvm = start(empty, "serve", Map.of("SAGEMAKER_BIND_TO_PORT", "0", "MLOPS_BIND_ADDRESS", "127.0.0.1"));

        assertTrue(jvm.process.waitFor(20, TimeUnit.SECONDS), "the JVM kept running with a model that cannot load");
        assertEquals(1, jvm.process.exitValue());
        assertTrue(jvm.stderr().contains("the model failed to load from " + empty.modelDir()), jvm.stderr());
    }

    @Test
    void trainExitsWith1AndWritesTheFailureFile() throws Exception {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, "{\"min_count\": \"abc\"}");
        RunningJvm jvm = start(tree, "train", Map.of());

        assertTrue(jvm.process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(1, jvm.process.exitValue());
        assertEquals("hyperparameter 'min_count' must be an integer in [1, 100], got 'abc'",
                OptMlFixture.firstLine(tree.failureFile()));
        // the reason is in the failure file, which mlops:train shows in its error; the log says where it was thrown
        String log = jvm.stdout() + jvm.stderr();
        assertTrue(jvm.stderr().contains("java.lang.IllegalArgumentException\n")
                && jvm.stderr().contains("\tat dev.mlops.runtime.MapHyperparameters.integer"), jvm.stderr());
        assertTrue(log.contains("the reason is in " + tree.failureFile()), log);
        assertFalse(log.contains("must be an integer"), "the reason is printed once, from the failure file: " + log);
    }

    @Test
    void trainExitsWith0AndSummarises() throws Exception {
        OptMl tree = OptMlFixture.withLinkedTrainChannel(temp, "{\"min_count\": \"1\"}");
        RunningJvm jvm = start(tree, "train", Map.of());

        assertTrue(jvm.process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, jvm.process.exitValue(), jvm::stderr);
        jvm.awaitLine(Pattern.compile("\\[mlops-runtime] training succeeded in \\d+\\.\\d s; 1 file \\(\\d+ bytes\\) in "
                + Pattern.quote(tree.modelDir().toString())));
        assertTrue(Files.exists(tree.modelDir().resolve("keywords.tsv")));
    }

    @Test
    void anUnknownCommandPrintsUsageAndExitsWith2() throws Exception {
        RunningJvm jvm = start(new OptMl(temp), "predict", Map.of());

        assertTrue(jvm.process.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, jvm.process.exitValue());
        assertTrue(jvm.stderr().startsWith("unknown command 'predict'\nusage: java -cp <classpath> dev.mlops.runtime.Main train|serve"),
                jvm.stderr());
    }

    private RunningJvm start(OptMl tree, String command, Map<String, String> env) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "dev.mlops.runtime.Main", command);
        builder.environment().put("MLOPS_ML_ROOT", tree.root().toString());
        builder.environment().put("MLOPS_MODEL_CLASS", KeywordModel.class.getName());
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return new RunningJvm(process);
    }

    /** A forked JVM whose stdout is read line by line and whose stderr is collected. */
    private static final class RunningJvm {
        final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final CompletableFuture<String> stderr;
        private final Thread reader;

        RunningJvm(Process process) {
            this.process = process;
            reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    out.lines().forEach(lines::add);
                } catch (IOException | java.io.UncheckedIOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            this.stderr = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
        }

        Matcher awaitLine(Pattern pattern) throws InterruptedException {
            for (String line : seen) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) return matcher;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) continue;
                seen.add(line);
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) return matcher;
            }
            return fail("no line matching " + pattern + " in the output so far:\n" + String.join("\n", seen));
        }

        /** Everything the process printed to its standard output; call once it has ended. */
        String stdout() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(20)); // it ends with the process's output
            lines.drainTo(seen);
            return String.join("\n", seen) + "\n";
        }

        String stderr() {
            try {
                return stderr.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                return "(stderr unavailable: " + e + ")";
            }
        }
    }
}
