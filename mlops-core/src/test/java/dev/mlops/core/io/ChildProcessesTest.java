package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment and the lifetime of the JVMs the core starts, checked on real processes by pid. */
class ChildProcessesTest {

    @TempDir Path temp;

    @Test
    void aChildSeesOnlyTheAllowedVariablesOfTheBuild() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sleep", "30");
        builder.environment().put("AWS_SESSION_TOKEN", "sentinel-session-token");
        builder.environment().put("GITLAB_TOKEN", "sentinel-gitlab-token");
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().put("SAGEMAKER_BIND_TO_PORT", "8080");
        Process child = ChildProcesses.restrictEnvironment(builder).start();
        try {
            Map<String, String> seen = ProcFacts.environment(child.pid());
            assertFalse(seen.containsKey("AWS_SESSION_TOKEN"), seen.keySet().toString());
            assertFalse(seen.containsKey("GITLAB_TOKEN"), seen.keySet().toString());
            ProcFacts.assertNoValue(child.pid(), "sentinel");
            assertEquals("C.UTF-8", seen.get("LC_ALL"));
            assertEquals("8080", seen.get("SAGEMAKER_BIND_TO_PORT"));
            assertTrue(seen.containsKey("PATH"));
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theBuildsOwnCredentialsDoNotReachAChild() throws Exception {
        // set by surefire (mlops-core/pom.xml): without them this test would prove nothing
        assertEquals("sentinel-aws-secret-4f1c", System.getenv("AWS_SECRET_ACCESS_KEY"));
        assertEquals("sentinel-registry-password-4f1c", System.getenv("MLOPS_REGISTRY_PASSWORD"));
        Process child = ChildProcesses.builder(List.of("sleep", "30")).start();
        try {
            ProcFacts.assertNoValue(child.pid(), "sentinel");
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aModelServerEndsWhenTheBuildThatStartedItIsKilled() throws Exception {
        Path ml = Files.createDirectories(temp.resolve("ml/model")).getParent();
        Files.writeString(ml.resolve("model/count.txt"), "3");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // the "build": a JVM that starts a model server the way evaluation does, then waits
        Process build = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", classpath, KilledBuild.class.getName(),
                ml.toString(), temp.resolve("server.log").toString()).redirectErrorStream(true).start();
        long server;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8))) {
            server = awaitServerPid(out);
            assertTrue(ProcFacts.alive(server));
            assertTrue(ProcFacts.environment(server).containsKey("MLOPS_PARENT_PID"));
            build.destroyForcibly(); // SIGKILL: no shutdown hook of the build runs
            assertTrue(build.waitFor(10, TimeUnit.SECONDS));
            ProcFacts.assertEnds(server, Duration.ofSeconds(20));
        } finally {
            build.destroyForcibly();
        }
    }

    @Test
    void aTrainingJvmEndsWhenTheBuildThatStartedItIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process build = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", classpath, KilledBuild.class.getName(),
                "train", temp.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(build.getInputStream(), StandardCharsets.UTF_8))) {
            long training = awaitServerPid(out);
            assertTrue(ProcFacts.alive(training));
            ProcFacts.assertNoValue(training, "sentinel");
            build.destroyForcibly(); // SIGKILL: the build's shutdown hook that stops training never runs
            assertTrue(build.waitFor(10, TimeUnit.SECONDS));
            ProcFacts.assertEnds(training, Duration.ofSeconds(20));
        } finally {
            build.destroyForcibly();
        }
    }

    private static long awaitServerPid(BufferedReader out) throws Exception {
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("server pid ")) {
                return Long.parseLong(line.substring("server pid ".length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the build never started its server:\n" + seen);
    }
}
