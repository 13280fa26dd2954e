package dev.mlops.core.deploy.local;

import java.util.Optional;

/** Finds processes an earlier build started, without mistaking a recycled pid for them. */
final class LocalProcesses {

    private LocalProcesses() {}

    /** The live process {@code pid} if its command line mentions {@code marker}. */
    static Optional<ProcessHandle> find(long pid, String marker) {
        if (pid <= 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(true));
    }
}
