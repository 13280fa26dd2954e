package dev.mlops.core.store;

import java.util.List;

/**
 * A named pointer to a version ({@code production}, {@code staging}, …), stored as
 * {@code models/<model>/aliases/<name>}.
 *
 * @param previous the versions it pointed at before, most recent first (what a rollback goes back to)
 */
public record Alias(String name, String version, String movedAt, List<String> previous) {

    public Alias {
        previous = previous == null ? List.of() : List.copyOf(previous);
    }
}
