package dev.mlops.core.notify;

import dev.mlops.core.MlopsEvents;

/** One place that is told how the pipeline went (Slack, a merge request, …), configured on its own. */
public interface NotificationChannel {

    /** For messages: {@code Slack}, {@code merge request !12}. */
    String name();

    /**
     * Tells the channel.
     *
     * @throws NotificationException when the channel refused or could not be reached, with the fix
     */
    void send(PipelineOutcome outcome, MlopsEvents events);
}
