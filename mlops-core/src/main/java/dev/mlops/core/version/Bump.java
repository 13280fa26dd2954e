package dev.mlops.core.version;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Which part of a semantic version a change moves, read from conventional commit messages. */
public enum Bump {
    PATCH, MINOR, MAJOR;

    // "type(scope)!: subject" per conventionalcommits.org 1.0.0
    private static final Pattern HEADER = Pattern.compile("^([a-zA-Z]+)(\\([^)]*\\))?(!)?:\\s.*");
    private static final Pattern BREAKING_FOOTER = Pattern.compile("(?m)^BREAKING[ -]CHANGE:\\s");

    /** The largest bump any of {@code messages} asks for; {@link #PATCH} when none asks for more. */
    public static Bump of(List<String> messages) {
        Bump largest = PATCH;
        for (String message : messages) {
            Bump bump = ofMessage(message);
            if (bump.compareTo(largest) > 0) {
                largest = bump;
            }
        }
        return largest;
    }

    static Bump ofMessage(String message) {
        String header = message.strip().lines().findFirst().orElse("");
        var matcher = HEADER.matcher(header);
        if (BREAKING_FOOTER.matcher(message).find() || (matcher.matches() && matcher.group(3) != null)) {
            return MAJOR;
        }
        if (matcher.matches() && matcher.group(1).toLowerCase(Locale.ROOT).equals("feat")) {
            return MINOR;
        }
        return PATCH;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
