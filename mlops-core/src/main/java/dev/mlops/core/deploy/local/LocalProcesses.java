package dev.mlops.core.deploy.local;

import java.util.Optional;

/** Finds processes an earlier build started, without mistaking a recycled pid for them. */
final class LocalProcesses {

    private LocalProcesses() {}

    /** When {@code process} started, in epoch milliseconds, or 0 when the system does not say. */
    static long startedAt(ProcessHandle process) {
        return process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /**
     * The live process {@code pid} if it started when we recorded it did (a pid is reused once its
     * process is gone; a command line is no proof, Linux shows only its first 4096 bytes).
     */
    static Optional<ProcessHandle> find(long pid, long startedAt) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> startedAt == 0 || startedAt(p) == 0 || sameStart(startedAt(p), startedAt));
    }

    /**
     * Two JVMs can read a process's start a second apart (the JDK adds its ticks since boot to the boot
     * time {@code /proc/stat} gives in whole seconds, recomputed at each read): an undeploy then found
     * nothing to stop. A pid recycled within two seconds of the recorded start is not a real risk.
     */
    static boolean sameStart(long a, long b) {
        return Math.abs(a - b) <= 2000;
    }
}
