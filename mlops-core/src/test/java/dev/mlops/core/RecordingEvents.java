package dev.mlops.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Keeps the warnings the core gives, for tests that check what the user is told. */
public final class RecordingEvents implements MlopsEvents {

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Consumer<String> onWarning;

    public RecordingEvents() {
        this(warning -> {});
    }

    /** @param onWarning also runs on each warning, e.g. to change the world at that moment */
    public RecordingEvents(Consumer<String> onWarning) {
        this.onWarning = onWarning;
    }

    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override public void info(String message) {}

    @Override public void warn(String message) {
        warnings.add(message);
        onWarning.accept(message);
    }

    @Override public void debug(String message) {}

    @Override public void processOutput(String line) {}
}
