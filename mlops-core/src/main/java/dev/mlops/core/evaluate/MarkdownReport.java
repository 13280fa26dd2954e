package dev.mlops.core.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code evaluation.md}: short enough for a merge-request comment: candidate vs production, deltas, verdict. */
final class MarkdownReport {

    private MarkdownReport() {}

    static String render(EvaluationReport report) {
        StringBuilder md = new StringBuilder();
        boolean passed = report.gate().passed();
        md.append("### ").append(passed ? "✅ " : "❌ ").append('`').append(report.model()).append("` ")
                .append(report.version()).append(passed ? " passed" : " failed").append(" the quality gate\n\n");
        md.append(String.format(Locale.ROOT, "%s on %,d test records; ", report.evaluation().task().label(),
                report.evaluation().records()));
        md.append(report.production() == null ? "no production version yet, so the floors decide.\n\n"
                : "compared with production **" + report.production().version() + "**.\n\n");
        Map<String, Double> production = report.production() == null ? Map.of() : report.production().metrics();
        md.append("| metric | candidate | production | Δ |\n|---|---:|---:|---:|\n");
        for (String metric : shownMetrics(report)) {
            Double value = report.metrics().get(metric);
            Double reference = production.get(metric);
            String name = metric.equals(report.primaryMetric())
                    ? "**" + metric + "** (primary, " + report.direction().label() + " is better)" : metric;
            md.append("| ").append(name).append(" | ").append(number(value)).append(" | ").append(number(reference))
                    .append(" | ").append(delta(directionOf(report, metric), value, reference)).append(" |\n");
        }
        md.append('\n');
        for (GateCheck check : report.gate().checks()) {
            md.append("- ").append(switch (check.outcome()) {
                case PASSED -> "✅ ";
                case FAILED -> "❌ ";
                case NOT_APPLICABLE -> "➖ ";
            }).append(check.explanation()).append('\n');
        }
        md.append("\nStatus: **").append(report.status().label()).append("**");
        if (report.gateSkipped()) {
            md.append(" — the gate was skipped on request (recorded in the manifest)");
        }
        md.append(". Full report: `evaluation.html`.\n");
        return md.toString();
    }

    /** The task's headline metrics, then any other metric the gate reads. */
    static List<String> shownMetrics(EvaluationReport report) {
        List<String> shown = new ArrayList<>();
        shown.add(report.primaryMetric());
        List<String> headline = report.evaluation().task() == TaskType.CLASSIFICATION ? MetricCatalog.CLASSIFICATION
                : MetricCatalog.REGRESSION;
        for (String metric : headline) {
            if (!shown.contains(metric) && report.metrics().containsKey(metric)) {
                shown.add(metric);
            }
        }
        report.gate().checks().forEach(check -> {
            if (!shown.contains(check.metric())) {
                shown.add(check.metric());
            }
        });
        return shown;
    }

    static String number(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** The difference, marked ▲ when it is an improvement and ▼ when it is worse. */
    static MetricDirection directionOf(EvaluationReport report, String metric) {
        return metric.equals(report.primaryMetric()) ? report.direction() : MetricCatalog.direction(metric);
    }

    static String delta(MetricDirection direction, Double value, Double reference) {
        if (value == null || reference == null) {
            return "–";
        }
        double difference = value - reference;
        if (Math.abs(difference) < 5e-5) {
            return "±0.0000";
        }
        boolean better = direction.improvement(value, reference) > 0;
        return String.format(Locale.ROOT, "%+.4f %s", difference, better ? "▲" : "▼");
    }
}
