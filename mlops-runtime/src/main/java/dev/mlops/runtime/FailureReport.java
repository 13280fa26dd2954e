package dev.mlops.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/** The text of {@code output/failure}: the most useful message first, because SageMaker shows only 1024 characters. */
final class FailureReport {

    private FailureReport() {}

    /** The first non-blank message in the cause chain, else the exception's type. */
    static String headline(Throwable failure) {
        return source(failure).map(Throwable::getMessage).orElseGet(failure::toString);
    }

    /**
     * The headline, then each exception of the cause chain with its type; the one that gave the
     * headline by its type alone, so that the message is not there twice.
     */
    static String format(Throwable failure) {
        StringBuilder text = new StringBuilder(headline(failure)).append('\n');
        Optional<Throwable> source = source(failure);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            text.append(prefix).append(source.orElse(null) == t ? t.getClass().getName() : t.toString()).append('\n');
            prefix = "caused by: ";
        }
        return text.toString();
    }

    /**
     * The stack trace for the log, without the headline: the failure file has it, and the build that
     * started the training shows that file, so a person reads the message once.
     */
    static String trace(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        Optional<Throwable> source = source(failure);
        if (source.isEmpty()) {
            return trace;
        }
        String withMessage = source.get().toString();
        int at = trace.indexOf(withMessage);
        return at < 0 ? trace
                : trace.substring(0, at) + source.get().getClass().getName() + trace.substring(at + withMessage.length());
    }

    // the exception whose message is the headline
    private static Optional<Throwable> source(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    static void write(Path file, Throwable failure) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, format(failure), StandardCharsets.UTF_8);
    }
}
