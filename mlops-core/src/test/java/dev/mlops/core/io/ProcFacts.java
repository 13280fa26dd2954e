package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What Linux says of a process by its pid, for tests: its environment, whether it is gone. */
public final class ProcFacts {

    private ProcFacts() {}

    /** The environment the process started with, from {@code /proc/<pid>/environ}. */
    public static Map<String, String> environment(long pid) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
        for (String entry : raw.split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                env.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return env;
    }

    /** Fails unless no variable of the process holds {@code secret}. */
    public static void assertNoValue(long pid, String secret) throws IOException {
        environment(pid).forEach((name, value) -> assertTrue(!value.contains(secret),
                "pid " + pid + " sees " + name + " holding the sentinel"));
    }

    /** Waits for the process to end; fails (and kills it) if it is still there after {@code timeout}. */
    public static void assertEnds(long pid, Duration timeout) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        try {
            handle.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            handle.get().destroyForcibly();
            throw new AssertionError("pid " + pid + " was still running after " + timeout);
        }
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
