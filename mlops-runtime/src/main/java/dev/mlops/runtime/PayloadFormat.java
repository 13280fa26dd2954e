package dev.mlops.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The media types {@code /invocations} reads and writes. */
enum PayloadFormat {
    CSV("text/csv"),
    JSON("application/json"),
    JSON_LINES("application/jsonlines", "application/jsonl", "application/x-jsonlines");

    final String mediaType;
    private final List<String> aliases;

    PayloadFormat(String mediaType, String... aliases) {
        this.mediaType = mediaType;
        this.aliases = List.of(aliases);
    }

    static String supported() {
        return Arrays.stream(values()).map(f -> f.mediaType).collect(Collectors.joining(", "));
    }

    /** From a Content-Type such as {@code text/csv; charset=utf-8}; parameters are ignored. */
    static Optional<PayloadFormat> forContentType(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String type = bareType(header);
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(type) || f.aliases.contains(type)).findFirst();
    }

    /**
     * The response format an Accept header asks for, by descending quality; a missing header, {@code *}{@code /*}
     * or a wildcard matching the request's type answer in the request's format.
     */
    static Optional<PayloadFormat> forAccept(String header, PayloadFormat request) {
        if (header == null || header.isBlank()) {
            return Optional.of(request);
        }
        record Range(String type, double quality) {}
        List<Range> ranges = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pieces = part.split(";");
            double quality = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        quality = Double.parseDouble(parameter.substring(2));
                    } catch (NumberFormatException ignored) {
                        // a malformed weight counts as the default weight
                    }
                }
            }
            ranges.add(new Range(bareType(pieces[0]), quality));
        }
        ranges.sort(Comparator.comparingDouble(Range::quality).reversed()); // stable: equal weights keep their order
        for (Range range : ranges) {
            if (range.quality() <= 0) {
                continue;
            }
            Optional<PayloadFormat> match = matching(range.type(), request);
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    private static Optional<PayloadFormat> matching(String range, PayloadFormat request) {
        if (range.equals("*/*") || range.equals("*")) {
            return Optional.of(request);
        }
        if (range.endsWith("/*")) {
            String major = range.substring(0, range.length() - 1);
            if (request.mediaType.startsWith(major)) {
                return Optional.of(request);
            }
            return Arrays.stream(values()).filter(f -> f.mediaType.startsWith(major)).findFirst();
        }
        return forContentType(range);
    }

    private static String bareType(String header) {
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
