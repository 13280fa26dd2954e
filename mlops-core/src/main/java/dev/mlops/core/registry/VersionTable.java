package dev.mlops.core.registry;

import dev.mlops.core.domain.Manifest;
import dev.mlops.core.io.TextTable;
import dev.mlops.core.store.Alias;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table {@code mlops:status} prints: one row per stored version, oldest first, then one per version
 * an alias names that is not listed (status {@value #MISSING}).
 */
public final class VersionTable {

    /** The status shown for a version an alias names but the store cannot list. */
    public static final String MISSING = "MISSING";

    private static final List<String> HEADER = List.of("VERSION", "STATUS", "CREATED", "COMMIT", "BACKEND", "TRAINING");

    private VersionTable() {}

    public static List<String> render(List<Manifest> versions) {
        return render(versions, Map.of(), "f1_macro");
    }

    /**
     * @param aliases by name, shown beside the version each points at
     * @param primaryMetric the metric shown for each version (the gate's primary metric)
     */
    public static List<String> render(List<Manifest> versions, Map<String, Alias> aliases, String primaryMetric) {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(HEADER);
        header.addAll(List.of(primaryMetric.toUpperCase(Locale.ROOT), "IMAGE", "ALIASES"));
        rows.add(header);
        for (Manifest manifest : versions) {
            List<String> row = new ArrayList<>(List.of(
                    manifest.version(),
                    manifest.status().label(),
                    manifest.createdAt(),
                    manifest.commit().map(sha -> sha.substring(0, Math.min(8, sha.length()))).orElse("-"),
                    java.util.Objects.requireNonNullElse(manifest.backend(), "-"),
                    manifest.training() == null ? "-"
                            : String.format(Locale.ROOT, "%.1f s", manifest.training().durationMillis() / 1000.0)));
            Double metric = manifest.metrics().get(primaryMetric);
            row.add(metric == null ? "-" : String.format(Locale.ROOT, "%.4f", metric));
            row.add(manifest.imageDigest() == null ? "-" : shortDigest(manifest.imageDigest()));
            String names = aliases.values().stream().filter(a -> a.version().equals(manifest.version()))
                    .map(Alias::name).sorted().collect(Collectors.joining(","));
            row.add(names.isEmpty() ? "-" : names);
            rows.add(row);
        }
        // an alias naming a version that is not listed (lost, or its manifest unreadable) is shown, not hidden
        java.util.Set<String> listed = versions.stream().map(Manifest::version).collect(Collectors.toSet());
        aliases.values().stream().filter(a -> !listed.contains(a.version()))
                .collect(Collectors.groupingBy(Alias::version, java.util.TreeMap::new,
                        Collectors.mapping(Alias::name, Collectors.toCollection(java.util.TreeSet::new))))
                .forEach((version, names) -> {
                    List<String> row = new ArrayList<>(List.of(version, MISSING));
                    while (row.size() < header.size() - 1) {
                        row.add("-");
                    }
                    row.add(String.join(",", names));
                    rows.add(row);
                });
        return TextTable.render(rows);
    }

    // the first 12 hex digits identify an image, as docker images shows them
    private static String shortDigest(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
