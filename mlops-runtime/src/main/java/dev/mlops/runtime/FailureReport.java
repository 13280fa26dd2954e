package dev.mlops.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** The text of {@code output/failure}: the most useful message first, because SageMaker shows only 1024 characters. */
final class FailureReport {

    private FailureReport() {}

    /** The first non-blank message in the cause chain, else the exception's type. */
    static String headline(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.toString();
    }

    /** The headline, then each exception of the cause chain with its type. */
    static String format(Throwable failure) {
        StringBuilder text = new StringBuilder(headline(failure)).append('\n');
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            text.append(prefix).append(t).append('\n');
            prefix = "caused by: ";
        }
        return text.toString();
    }

    static void write(Path file, Throwable failure) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, format(failure), StandardCharsets.UTF_8);
    }
}
