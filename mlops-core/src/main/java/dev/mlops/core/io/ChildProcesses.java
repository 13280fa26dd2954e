package dev.mlops.core.io;

import dev.mlops.core.InfrastructureException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the core needs around the JVMs it starts: their stdin, their logs, and polling them. */
public final class ChildProcesses {

    private ChildProcesses() {}

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
