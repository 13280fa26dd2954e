package dev.mlops.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.RecordingEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failing channel is a warning and the others are still told; strict makes it fail after all were tried. */
class NotificationServiceTest {

    private final List<String> told = new ArrayList<>();

    private NotificationChannel channel(String name, boolean fails) {
        return new NotificationChannel() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void send(PipelineOutcome outcome, MlopsEvents events) {
                if (fails) {
                    throw new NotificationException(name, "refused. Fix it.");
                }
                told.add(name);
            }
        };
    }

    @Test
    void aFailingChannelIsAWarningNamingItAndTheOthersAreStillTold() {
        RecordingEvents events = new RecordingEvents();
        List<NotificationException> failed = new NotificationService(List.of(channel("Slack", true), channel("MR", false)),
                events).notify(Outcomes.success(), false);
        assertEquals(List.of("MR"), told);
        assertEquals(1, failed.size());
        assertEquals(1, events.warnings().size());
        assertTrue(events.warnings().get(0).startsWith("Slack: refused. Fix it. The pipeline's result is unchanged"),
                events.warnings().get(0));
    }

    @Test
    void strictFailsAfterEveryChannelWasTried() {
        InfrastructureException e = assertThrows(InfrastructureException.class, () -> new NotificationService(
                List.of(channel("Slack", true), channel("MR", false)), new RecordingEvents()).notify(Outcomes.success(), true));
        assertEquals(List.of("MR"), told);
        assertTrue(e.getMessage().contains("Slack failed"), e.getMessage());
    }
}
