package dev.mlops.core.evaluate;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.io.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The files {@code mlops:evaluate} writes into {@code target/mlops/}. */
public final class EvaluationReports {

    public static final String JSON = "evaluation.json";
    public static final String MARKDOWN = "evaluation.md";
    public static final String HTML = "evaluation.html";
    /** GitLab's metrics report ({@code artifacts:reports:metrics}): one {@code name value} per line. */
    public static final String METRICS_TXT = "metrics.txt";

    private EvaluationReports() {}

    /** Removes the previous run's reports, so that a failed run never leaves them behind. */
    static void deleteStale(Path outputDir) {
        for (String name : List.of(JSON, MARKDOWN, HTML, METRICS_TXT)) {
            try {
                Files.deleteIfExists(outputDir.resolve(name));
            } catch (IOException e) {
                throw new InfrastructureException("Cannot remove the previous " + outputDir.resolve(name) + ": "
                        + e.getMessage(), e);
            }
        }
    }

    static void write(EvaluationReport report, Path outputDir) {
        JsonFiles.write(outputDir.resolve(JSON), report);
        writeText(outputDir.resolve(MARKDOWN), MarkdownReport.render(report));
        writeText(outputDir.resolve(HTML), HtmlReport.render(report));
        writeText(outputDir.resolve(METRICS_TXT), metricsText(report.metrics()));
    }

    static String metricsText(Map<String, Double> metrics) {
        StringBuilder text = new StringBuilder();
        metrics.forEach((name, value) -> text.append(name).append(' ')
                .append(String.format(Locale.ROOT, "%.6f", value)).append('\n'));
        return text.toString();
    }

    private static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
