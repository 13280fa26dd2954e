package dev.mlops.core.notify;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells every configured channel how the pipeline went. A channel that fails is a warning naming it and the fix,
 * and the others are still told: a notification never changes the pipeline's result, unless {@code strict}.
 */
public final class NotificationService {

    private final List<NotificationChannel> channels;
    private final MlopsEvents events;

    public NotificationService(List<NotificationChannel> channels, MlopsEvents events) {
        this.channels = List.copyOf(channels);
        this.events = events;
    }

    /**
     * @return the channels that failed
     * @throws InfrastructureException when {@code strict} and a channel failed, after every channel was tried
     */
    public List<NotificationException> notify(PipelineOutcome outcome, boolean strict) {
        List<NotificationException> failures = new ArrayList<>();
        for (NotificationChannel channel : channels) {
            try {
                channel.send(outcome, events);
                events.info("Told " + channel.name() + ": " + outcome.model() + outcome.version().map(v -> " " + v).orElse("")
                        + " " + outcome.status().label() + ".");
            } catch (NotificationException e) {
                failures.add(e);
                events.warn(Text.of(e.channel(), ": ", e.text(), strict ? "" : Text.of(
                        " The pipeline's result is unchanged (", Setting.NOTIFY_STRICT, " makes this fail).")));
            }
        }
        if (strict && !failures.isEmpty()) {
            throw new InfrastructureException(Text.of("Not every channel was told (", Setting.NOTIFY_STRICT, " is set): ",
                    String.join(", ", failures.stream().map(NotificationException::channel).toList()), " failed."), null);
        }
        return List.copyOf(failures);
    }
}
