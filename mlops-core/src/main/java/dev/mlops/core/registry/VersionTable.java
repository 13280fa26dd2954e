package dev.mlops.core.registry;

import dev.mlops.core.domain.Manifest;
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
        return align(rows);
    }

    private static List<String> align(List<List<String>> rows) {
        int columns = HEADER.size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
