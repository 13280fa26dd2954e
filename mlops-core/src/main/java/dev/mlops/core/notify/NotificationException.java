package dev.mlops.core.notify;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.Text;

/** A channel refused the notification or could not be reached; the message says what to fix. Never holds a secret. */
public class NotificationException extends InfrastructureException {

    private final String channel;

    public NotificationException(String channel, Text message) {
        super(message, null);
        this.channel = channel;
    }

    public NotificationException(String channel, String message) {
        this(channel, Text.of(message));
    }

    public String channel() {
        return channel;
    }
}
