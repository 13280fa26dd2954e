package dev.mlops.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Ends this JVM when the process that started it is gone: a build killed with SIGKILL runs no
 * shutdown hook, so its training JVM or model server would otherwise run on, untracked. A launcher
 * asks for it with {@value #PID_ENV} (and {@value #STARTED_AT_ENV}, epoch ms, so that a recycled pid
 * is not taken for the parent); without them (SageMaker, a deployed endpoint) nothing is watched.
 */
final class ParentWatch {

    static final String PID_ENV = "MLOPS_PARENT_PID";
    static final String STARTED_AT_ENV = "MLOPS_PARENT_STARTED_AT";
    private static final long INTERVAL_MS = 500;

    private ParentWatch() {}

    /** Starts watching if the environment names a parent; {@code onGone} runs once when it ends. */
    static void start(Map<String, String> env, Runnable onGone) {
        Optional<Long> pid = number(env, PID_ENV);
        if (pid.isEmpty()) {
            return;
        }
        long startedAt = number(env, STARTED_AT_ENV).orElse(0L);
        Thread watcher = new Thread(() -> {
            while (alive(pid.get(), startedAt)) {
                try {
                    Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Log.info("the process that started this one (pid " + pid.get() + ") has ended; exiting");
            onGone.run();
        }, "mlops-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Start times read by two JVMs can differ by a second: the JDK adds the process's ticks since boot to
     * the kernel's boot time, which {@code /proc/stat} gives in whole seconds, recomputed at each read.
     */
    static final long START_TIME_TOLERANCE_MILLIS = 2000;

    static boolean alive(long pid, long startedAt) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> startedAt == 0 || p.info().startInstant().map(Instant::toEpochMilli)
                        .map(at -> Math.abs(at - startedAt) <= START_TIME_TOLERANCE_MILLIS).orElse(true))
                .isPresent();
    }

    private static Optional<Long> number(Map<String, String> env, String name) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + " must be a process id, got '" + raw + "'");
        }
    }
}
