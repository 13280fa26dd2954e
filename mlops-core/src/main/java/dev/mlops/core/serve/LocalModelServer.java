package dev.mlops.core.serve;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.io.ChildProcesses;
import dev.mlops.core.io.ModelJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model's {@code serve} entry point in a JVM of its own, on 127.0.0.1: the same process the
 * model's image runs on SageMaker. Its output goes to a log file, so that it can outlive the build
 * that started it (a local endpoint) or be stopped when the build is done (batch prediction).
 */
public final class LocalModelServer implements AutoCloseable {

    private static final Pattern SERVING_ON = Pattern.compile("\\[mlops-runtime] serving on port (\\d+)");

    /**
     * @param mlRoot a directory whose {@code model/} holds the unpacked model
     * @param port the port to listen on; 0 picks a free one
     * @param outlivesBuild keep serving after this JVM ends (a deployed endpoint); otherwise the
     *        server ends itself when this JVM is gone, even after a SIGKILL
     */
    public record Settings(ModelJvm jvm, Path mlRoot, int port, Path logFile, Duration startupTimeout,
            boolean outlivesBuild) {

        /** A server that ends with the build (batch prediction). */
        public Settings(ModelJvm jvm, Path mlRoot, int port, Path logFile, Duration startupTimeout) {
            this(jvm, mlRoot, port, logFile, startupTimeout, false);
        }
    }

    private final Process process;
    private final int port;
    private final Path logFile;

    private LocalModelServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts the server and returns once {@code /ping} answers 200; stops it again if it never does. */
    public static LocalModelServer start(Settings settings, Clock clock, MlopsEvents events) {
        return start(settings, clock, events, started -> { });
    }

    /**
     * As {@link #start(Settings, Clock, MlopsEvents)}, telling {@code started} of the process before
     * it serves, so that a caller can record it for whoever must clean up after a killed build.
     */
    public static LocalModelServer start(Settings settings, Clock clock, MlopsEvents events,
            Consumer<ProcessHandle> started) {
        List<String> command = settings.jvm().command("serve");
        ProcessBuilder builder = ChildProcesses.builder(command)
                .redirectErrorStream(true)
                .redirectOutput(settings.logFile().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(ChildProcesses.nullDevice()));
        builder.environment().putAll(settings.jvm().environment());
        builder.environment().put("MLOPS_ML_ROOT", settings.mlRoot().toString());
        builder.environment().put("MLOPS_BIND_ADDRESS", "127.0.0.1");
        builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(settings.port()));
        if (!settings.outlivesBuild()) {
            ChildProcesses.followThisProcess(builder);
        }
        events.debug("Serving command: " + String.join(" ", command));
        Process process;
        try {
            Files.createDirectories(settings.logFile().toAbsolutePath().getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new InfrastructureException("Cannot start the model server " + settings.jvm().javaExecutable() + ": "
                    + e.getMessage(), e);
        }
        try {
            started.accept(process.toHandle());
            Instant deadline = clock.instant().plus(settings.startupTimeout());
            int port = awaitPort(process, settings.logFile(), deadline, clock);
            LocalModelServer server = new LocalModelServer(process, port, settings.logFile());
            server.awaitReady(deadline, clock);
            events.info("Model server (pid " + process.pid() + ") ready at " + server.baseUri());
            return server;
        } catch (RuntimeException e) {
            process.destroyForcibly();
            awaitExit(process.toHandle());
            throw e;
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Stops the server as SageMaker does (SIGTERM: in-flight requests drain), forcibly after {@code grace}. */
    public void stop(Duration grace) {
        stop(process.toHandle(), grace);
    }

    /** Stops a server process this build or an earlier one started. */
    public static void stop(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            handle.destroyForcibly();
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            handle.destroyForcibly();
        }
    }

    private static void awaitExit(ProcessHandle handle) {
        try {
            handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // SIGKILL was sent; the kernel reaps it
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }

    /** The last lines the server wrote, for error messages. */
    public String logTail() {
        return ChildProcesses.tail(logFile, 20);
    }

    private static int awaitPort(Process process, Path logFile, Instant deadline, Clock clock) {
        while (clock.instant().isBefore(deadline)) {
            Optional<Integer> port = portFromLog(logFile);
            if (port.isPresent()) {
                return port.get();
            }
            if (!process.isAlive()) {
                throw new InfrastructureException("The model server exited with code " + process.exitValue()
                        + " before it listened. Its last lines:\n" + ChildProcesses.tail(logFile, 20), null);
            }
            ChildProcesses.pause("the model server");
        }
        throw new InfrastructureException("The model server did not listen within the startup timeout. Its last lines:\n"
                + ChildProcesses.tail(logFile, 20), null);
    }

    private void awaitReady(Instant deadline, Clock clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ping = HttpRequest.newBuilder(baseUri().resolve("/ping")).timeout(Duration.ofSeconds(2)).GET().build();
        while (clock.instant().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new InfrastructureException("The model server exited with code " + process.exitValue()
                        + " while loading the model. Its last lines:\n" + ChildProcesses.tail(logFile, 20), null);
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InfrastructureException("Interrupted while waiting for the model server", e);
            }
            ChildProcesses.pause("the model server");
        }
        throw new InfrastructureException("The model server did not answer /ping with 200 within the startup timeout."
                + " Its last lines:\n" + ChildProcesses.tail(logFile, 20), null);
    }

    private static Optional<Integer> portFromLog(Path logFile) {
        try {
            if (!Files.exists(logFile)) {
                return Optional.empty();
            }
            Matcher matcher = SERVING_ON.matcher(Files.readString(logFile, StandardCharsets.UTF_8));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
