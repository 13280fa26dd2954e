package dev.mlops.core.registry;

import dev.mlops.core.domain.Manifest;
import dev.mlops.core.io.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table {@code mlops:status} prints: one row per stored version, oldest first. */
public final class VersionTable {

    private static final List<String> HEADER = List.of("VERSION", "STATUS", "CREATED", "COMMIT", "BACKEND", "TRAINING");

    private VersionTable() {}

    public static List<String> render(List<Manifest> versions) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Manifest manifest : versions) {
            rows.add(List.of(
                    manifest.version(),
                    manifest.status().label(),
                    manifest.createdAt(),
                    manifest.commit().map(sha -> sha.substring(0, 8)).orElse("-"),
                    manifest.backend(),
                    manifest.training() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f s", manifest.training().durationMillis() / 1000.0)));
        }
        return TextTable.render(rows);
    }
}
