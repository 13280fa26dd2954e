package dev.mlops.runtime;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code serve} half of the container contract: listens at once, loads the model in the
 * background ({@code /ping} answers 503 until it is ready), and on {@link #stop()} drains the
 * requests in flight. Never exits the JVM; {@link Main} does that.
 */
public final class ModelServer implements AutoCloseable {

    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final String MAX_REQUEST_TIME_PROPERTY = "sun.net.httpserver.maxReqTime";

    static {
        // without it every response waits ~40 ms for a delayed ACK (FACTS.md); the JDK reads it once, on first use
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    public enum State { LOADING, READY, FAILED, STOPPING, STOPPED }

    private final ServerConfig config;
    private final HttpServer http;
    private final DrainingExecutor executor;
    private final AtomicReference<State> state = new AtomicReference<>(State.LOADING);
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Object stopLock = new Object();
    private volatile Predictor predictor;
    private volatile Throwable loadFailure;

    private ModelServer(ServerConfig config) throws IOException {
        this.config = config;
        // closes a connection whose request (headers and body) is not in after the timeout; JDK 17 reads it once per JVM
        if (System.getProperty(MAX_REQUEST_TIME_PROPERTY) == null) {
            System.setProperty(MAX_REQUEST_TIME_PROPERTY, Long.toString(config.readTimeout().toSeconds()));
        }
        InetSocketAddress address = config.bindAddress()
                .map(host -> new InetSocketAddress(host, config.port()))
                .orElseGet(() -> new InetSocketAddress(config.port()));
        try {
            this.http = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + address + ": " + e.getMessage() + "; set "
                    + ServerConfig.PORT_ENV + " to a free port", e);
        }
        this.executor = new DrainingExecutor();
        http.setExecutor(executor);
        http.createContext("/", new Routes(this, config));
    }

    /** Listens on {@link ServerConfig#port()} and starts loading the model from {@link ServerConfig#modelDir()}. */
    public static ModelServer start(ServerConfig config, Model model) throws IOException {
        ModelServer server = new ModelServer(config);
        server.http.start();
        Log.info("serving on port " + server.port() + " (" + config.bindAddress().orElse("all interfaces") + ", "
                + config.workers() + " workers, payloads up to " + config.maxPayloadMb() + " MB"
                + config.modelVersion().map(v -> ", version " + v).orElse("") + ")");
        Thread loader = new Thread(() -> server.load(model), "mlops-model-loader");
        loader.setDaemon(true); // a load that hangs must not keep a stopped JVM alive
        loader.start();
        return server;
    }

    /** The port actually bound, which differs from the configured one when that is 0. */
    public int port() {
        return http.getAddress().getPort();
    }

    public State state() {
        return state.get();
    }

    public boolean isReady() {
        return state.get() == State.READY;
    }

    /** Completes when the model is loaded; completes exceptionally when loading fails or the server stops first. */
    public CompletableFuture<Void> loaded() {
        return loaded.copy();
    }

    Optional<Predictor> predictor() {
        return isReady() ? Optional.ofNullable(predictor) : Optional.empty();
    }

    String notReadyReason() {
        return switch (state.get()) {
            case LOADING -> "the model is still loading from " + config.modelDir();
            case FAILED -> "the model failed to load from " + config.modelDir() + ": " + FailureReport.headline(loadFailure);
            case STOPPING, STOPPED -> "the server is shutting down";
            case READY -> "ready";
        };
    }

    private void load(Model model) {
        long start = System.nanoTime();
        Log.info("loading the model from " + config.modelDir() + " with " + model.getClass().getName());
        try {
            Predictor loadedPredictor = model.load(config.modelDir());
            if (loadedPredictor == null) {
                throw new IllegalStateException(model.getClass().getName() + ".load returned null; it must return a Predictor");
            }
            synchronized (this) {
                if (state.get() != State.LOADING) {
                    closeQuietly(loadedPredictor); // stopped while loading: nobody will use it
                    return;
                }
                predictor = loadedPredictor;
                state.set(State.READY);
            }
            Log.info(String.format(Locale.ROOT, "model loaded in %.1f s; ready", (System.nanoTime() - start) / 1e9));
            loaded.complete(null);
        } catch (Throwable e) {
            loadFailure = e;
            state.compareAndSet(State.LOADING, State.FAILED);
            Log.error("the model failed to load from " + config.modelDir() + ": " + FailureReport.headline(e), e);
            loaded.completeExceptionally(e);
        }
    }

    /**
     * Stops accepting connections, answers 503 to {@code /ping}, waits up to the drain timeout for
     * the requests in flight to finish, then closes the predictor. Safe to call more than once.
     */
    public void stop() {
        synchronized (stopLock) {
            if (state.get() == State.STOPPED) {
                return;
            }
            state.set(State.STOPPING);
            Duration timeout = config.drainTimeout();
            Log.info("stopping: refusing new connections, waiting up to " + describe(timeout) + " for "
                    + executor.inFlight() + " request(s) in flight");
            // the JDK closes the listening socket at once, then waits for exchanges; we wait on our own count
            Thread closer = new Thread(() -> http.stop((int) Math.min(Integer.MAX_VALUE, timeout.toSeconds() + 1)),
                    "mlops-stop");
            closer.setDaemon(true);
            closer.start();
            boolean drained;
            try {
                drained = executor.awaitIdle(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drained = false;
            }
            http.stop(0); // cuts the closer's wait short, which the JDK would otherwise sit out in full when idle
            try {
                closer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int cutOff = executor.inFlight();
            executor.shutdown();
            Predictor toClose;
            synchronized (this) {
                toClose = predictor;
                predictor = null;
                state.set(State.STOPPED);
            }
            if (toClose != null) {
                closeQuietly(toClose);
            }
            loaded.completeExceptionally(new IllegalStateException("the server stopped before the model was loaded"));
            Log.info(drained ? "stopped" : "stopped; " + cutOff + " request(s) still running after " + describe(timeout)
                    + " were cut off (" + ServerConfig.DRAIN_SECONDS_ENV + " sets the wait)");
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : duration.toSeconds() + " s";
    }

    private static void closeQuietly(Predictor predictor) {
        try {
            predictor.close();
        } catch (Exception e) {
            Log.error("closing the predictor failed: " + FailureReport.headline(e), e);
        }
    }
}
