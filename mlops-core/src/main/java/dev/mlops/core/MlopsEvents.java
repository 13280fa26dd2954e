package dev.mlops.core;

/**
 * How the core reports what it does. The core never logs by itself: the adapter (the Maven plugin)
 * decides how each kind of event appears.
 */
public interface MlopsEvents {

    void info(String message);

    void warn(String message);

    /** A message naming settings or goals; the adapter spells them (by default: the neutral spelling). */
    default void info(Text message) {
        info(message.toString());
    }

    /** A warning naming settings or goals; the adapter spells them (by default: the neutral spelling). */
    default void warn(Text message) {
        warn(message.toString());
    }

    void debug(String message);

    /** One line of output of a process the core runs for the user (training log, server log). */
    void processOutput(String line);

    /** Drops everything; for tests and for callers that do not care. */
    MlopsEvents NONE = new MlopsEvents() {
        @Override public void info(String message) {}
        @Override public void warn(String message) {}
        @Override public void debug(String message) {}
        @Override public void processOutput(String line) {}
    };
}
