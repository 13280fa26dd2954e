package dev.mlops.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link ModelServer} serves.
 *
 * @param bindAddress the interface to listen on; empty means all interfaces
 * @param port 0 picks a free port ({@link ModelServer#port()} tells which)
 * @param workers request threads, also reported as {@code MaxConcurrentTransforms}
 * @param maxPayloadMb larger request bodies are refused with 413
 * @param drainTimeout how long {@link ModelServer#stop()} waits for requests in flight
 * @param modelDir what {@link Model#load} is given
 * @param readTimeout how long a client may take to send a whole request (headers and body) before
 *        its connection is closed; read once per JVM (the JDK's {@code sun.net.httpserver.maxReqTime})
 * @param modelVersion the version served, sent back as {@value #VERSION_HEADER} on every answer
 */
public record ServerConfig(Optional<String> bindAddress, int port, int workers, int maxPayloadMb,
                           Duration drainTimeout, Path modelDir, Duration readTimeout, Optional<String> modelVersion) {

    public static final String PORT_ENV = "SAGEMAKER_BIND_TO_PORT";
    public static final String WORKERS_ENV = "SAGEMAKER_MODEL_SERVER_WORKERS";
    public static final String MAX_PAYLOAD_ENV = "SAGEMAKER_MAX_PAYLOAD_IN_MB";
    public static final String BIND_ADDRESS_ENV = "MLOPS_BIND_ADDRESS";
    public static final String DRAIN_SECONDS_ENV = "MLOPS_DRAIN_SECONDS";
    public static final String READ_TIMEOUT_SECONDS_ENV = "MLOPS_READ_TIMEOUT_SECONDS";
    public static final String MODEL_VERSION_ENV = "MLOPS_MODEL_VERSION";
    public static final String VERSION_HEADER = "X-Mlops-Model-Version";

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_MAX_PAYLOAD_MB = 6;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public ServerConfig {
        bindAddress = bindAddress.filter(address -> !address.isBlank());
        check(port >= 0 && port <= 65535, "port must be in [0, 65535], got " + port);
        check(workers >= 1, "workers must be at least 1, got " + workers);
        check(maxPayloadMb >= 1, "maxPayloadMb must be at least 1, got " + maxPayloadMb);
        check(!drainTimeout.isNegative(), "drainTimeout must not be negative, got " + drainTimeout);
        check(readTimeout.toSeconds() >= 1, "readTimeout must be at least 1 s, got " + readTimeout);
        modelVersion = modelVersion.filter(v -> !v.isBlank());
    }

    /** Two request threads per core, as SageMaker's own model servers default to. */
    public static int defaultWorkers() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    /** Port 0 on 127.0.0.1 with the defaults: for tests and a local endpoint. */
    public static ServerConfig loopback(Path modelDir) {
        return new ServerConfig(Optional.of("127.0.0.1"), 0, defaultWorkers(), DEFAULT_MAX_PAYLOAD_MB,
                DEFAULT_DRAIN_TIMEOUT, modelDir, DEFAULT_READ_TIMEOUT, Optional.empty());
    }

    /** The container's settings, from SageMaker's environment variables and ours. */
    public static ServerConfig fromEnvironment(Map<String, String> env, OptMl tree) {
        return new ServerConfig(
                Optional.ofNullable(env.get(BIND_ADDRESS_ENV)),
                intFrom(env, PORT_ENV, DEFAULT_PORT, 0, 65535),
                intFrom(env, WORKERS_ENV, defaultWorkers(), 1, 10_000),
                intFrom(env, MAX_PAYLOAD_ENV, DEFAULT_MAX_PAYLOAD_MB, 1, 2047),
                Duration.ofSeconds(intFrom(env, DRAIN_SECONDS_ENV, (int) DEFAULT_DRAIN_TIMEOUT.toSeconds(), 0, 3600)),
                tree.modelDir(),
                Duration.ofSeconds(intFrom(env, READ_TIMEOUT_SECONDS_ENV, (int) DEFAULT_READ_TIMEOUT.toSeconds(), 1, 3600)),
                Optional.ofNullable(env.get(MODEL_VERSION_ENV)));
    }

    public ServerConfig withPort(int port) {
        return new ServerConfig(bindAddress, port, workers, maxPayloadMb, drainTimeout, modelDir, readTimeout, modelVersion);
    }

    public ServerConfig withWorkers(int workers) {
        return new ServerConfig(bindAddress, port, workers, maxPayloadMb, drainTimeout, modelDir, readTimeout, modelVersion);
    }

    public ServerConfig withMaxPayloadMb(int maxPayloadMb) {
        return new ServerConfig(bindAddress, port, workers, maxPayloadMb, drainTimeout, modelDir, readTimeout, modelVersion);
    }

    public ServerConfig withDrainTimeout(Duration drainTimeout) {
        return new ServerConfig(bindAddress, port, workers, maxPayloadMb, drainTimeout, modelDir, readTimeout, modelVersion);
    }

    long maxPayloadBytes() {
        return maxPayloadMb * 1024L * 1024L;
    }

    private static int intFrom(Map<String, String> env, String name, int defaultValue, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notAnInteger) {
            // reported below
        }
        throw new IllegalArgumentException("environment variable " + name + " must be an integer in [" + min + ", " + max
                + "], got '" + raw + "'; fix it or unset it to use " + defaultValue);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
