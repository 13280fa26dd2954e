package dev.mlops.core.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalProcessesTest {

    private final ProcessHandle self = ProcessHandle.current();

    @Test
    void aStartReadASecondApartByAnotherJvmIsTheSameProcess() {
        long recorded = LocalProcesses.startedAt(self) - 1000;

        assertEquals(Optional.of(self), LocalProcesses.find(self.pid(), recorded));
    }

    @Test
    void aStartFarFromTheRecordedOneIsARecycledPid() {
        long recorded = LocalProcesses.startedAt(self) - 60_000;

        assertTrue(LocalProcesses.find(self.pid(), recorded).isEmpty());
    }
}
