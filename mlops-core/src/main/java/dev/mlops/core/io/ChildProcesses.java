package dev.mlops.core.io;

import dev.mlops.core.InfrastructureException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** What the core needs around the JVMs it starts: their environment, stdin, logs, and polling them. */
public final class ChildProcesses {

    /** What a JVM the plugin starts may see of the build's environment; nothing else (credentials) passes. */
    private static final Set<String> ALLOWED = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ",
            "TMPDIR", "JAVA_HOME", "MLOPS_ML_ROOT", "MLOPS_MODEL_CLASS", "MLOPS_BIND_ADDRESS", "MLOPS_DRAIN_SECONDS",
            "MLOPS_READ_TIMEOUT_SECONDS");
    private static final List<String> ALLOWED_PREFIXES = List.of("LC_", "SAGEMAKER_");
    static final String PARENT_PID_ENV = "MLOPS_PARENT_PID";
    static final String PARENT_STARTED_AT_ENV = "MLOPS_PARENT_STARTED_AT";

    private ChildProcesses() {}

    /**
     * The one place a JVM of the model, the router or training is set up: its environment holds only
     * the allowed variables of the build's own; the caller adds what the child needs.
     */
    public static ProcessBuilder builder(List<String> command) {
        return restrictEnvironment(new ProcessBuilder(command));
    }

    /** Drops every variable of {@code builder}'s environment that is not on the allow-list. */
    public static ProcessBuilder restrictEnvironment(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(name -> !ALLOWED.contains(name)
                && ALLOWED_PREFIXES.stream().noneMatch(name::startsWith));
        return builder;
    }

    /** The child ends itself when this JVM is gone, even after a SIGKILL (the runtime watches the pid). */
    public static ProcessBuilder followThisProcess(ProcessBuilder builder) {
        ProcessHandle self = ProcessHandle.current();
        builder.environment().put(PARENT_PID_ENV, Long.toString(self.pid()));
        self.info().startInstant().ifPresent(at -> builder.environment().put(PARENT_STARTED_AT_ENV,
                Long.toString(at.toEpochMilli())));
        return builder;
    }

    /** Nothing to read: a background process must never wait on the build's terminal. */
    public static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /** The last {@code lines} lines of a process's log, for error messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits a moment before looking at another process again: there is nothing to wait on but time. */
    public static void pause(String waitingFor) {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while waiting for " + waitingFor, e);
        }
    }
}
