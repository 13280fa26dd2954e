package dev.mlops.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParentWatchTest {

    private final ProcessHandle self = ProcessHandle.current();
    private final long started = self.info().startInstant().orElseThrow().toEpochMilli();

    @Test
    void aParentWhoseStartIsReadASecondOffIsStillAlive() {
        assertTrue(ParentWatch.alive(self.pid(), started + 1000));
    }

    @Test
    void aParentThatStartedAtAnotherTimeIsARecycledPidAndGone() {
        assertFalse(ParentWatch.alive(self.pid(), started - 60_000));
    }
}
