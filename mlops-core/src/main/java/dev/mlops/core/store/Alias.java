package dev.mlops.core.store;

import java.util.List;

/**
 * A named pointer to a version ({@code production}, {@code staging}, …), stored as
 * {@code models/<model>/aliases/<name>}.
 *
 * @param previous the versions it pointed at before, most recent first (what a rollback goes back to)
 */
public record Alias(String name, String version, String movedAt, List<String> previous) {

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Alias {
        previous = previous == null ? List.of() : List.copyOf(previous);
    }

    /** Lower-case letters, digits and '-', 1 to 63 characters, starting with a letter or digit. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
