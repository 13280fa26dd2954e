package dev.mlops.core.evaluate;

import static dev.mlops.core.evaluate.SvgCharts.escape;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code evaluation.html}: one self-contained page (inline CSS and SVG, nothing fetched) that reads offline. */
final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f3f4f6;color:#1f2937}
            main{max-width:1100px;margin:0 auto;padding:24px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 12px}
            .sub{color:#6b7280;font-size:13px}
            .badge{display:inline-block;padding:3px 10px;border-radius:12px;font-size:13px;font-weight:600;color:#fff;vertical-align:middle}
            .passed{background:#15803d}.failed{background:#b91c1c}.not-applicable{background:#9ca3af}
            .card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:16px 20px;margin:16px 0}
            .grid{display:flex;flex-wrap:wrap;gap:16px}.grid .card{margin:0;flex:1 1 360px}
            table{border-collapse:collapse;width:100%;font-size:14px}
            th,td{padding:6px 10px;border-bottom:1px solid #e5e7eb;text-align:left}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .better{color:#15803d}.worse{color:#b91c1c}
            .notes{font-size:13px;color:#6b7280}
            code{background:#f3f4f6;padding:1px 4px;border-radius:3px}
            """;

    private HtmlReport() {}

    static String render(EvaluationReport report) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.append("<title>").append(escape(report.model() + " " + report.version() + " evaluation")).append("</title>");
        html.append("<style>").append(CSS).append("</style></head><body><main>");
        header(html, report);
        metricsTable(html, report);
        gateTable(html, report);
        pictures(html, report);
        perClass(html, report);
        html.append("</main></body></html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, EvaluationReport report) {
        String verdict = report.gate().verdict();
        html.append("<h1>").append(escape(report.model())).append(' ').append(escape(report.version()))
                .append(" <span class=\"badge ").append(verdict).append("\">gate ").append(verdict).append("</span>")
                .append(" <span class=\"badge ").append(report.gate().passed() ? "passed" : "failed").append("\">")
                .append(report.status().label()).append("</span></h1>");
        html.append("<div class=\"sub\">").append(escape(report.evaluation().task().label()))
                .append(String.format(Locale.ROOT, " on %,d records of <code>%s</code> (sha256 %s…)",
                        report.evaluation().records(), escape(report.testChannel()), report.testData().sha256().substring(0, 12)))
                .append(" · evaluated ").append(escape(report.evaluatedAt()))
                .append(String.format(Locale.ROOT, " in %.1f s", report.durationMillis() / 1000.0))
                .append(" · ").append(report.production() == null ? "no production version yet"
                        : "production is " + escape(report.production().version()));
        if (report.gateSkipped()) {
            html.append(" · <strong>gate skipped on request</strong>");
        }
        html.append("</div>");
    }

    private static void metricsTable(StringBuilder html, EvaluationReport report) {
        Map<String, Double> production = report.production() == null ? Map.of() : report.production().metrics();
        html.append("<section class=\"card\"><h2>Metrics</h2><table><tr><th>metric</th><th class=\"n\">this version</th>")
                .append("<th class=\"n\">production</th><th class=\"n\">change</th></tr>");
        for (String metric : MarkdownReport.shownMetrics(report)) {
            Double value = report.metrics().get(metric);
            Double reference = production.get(metric);
            String delta = MarkdownReport.delta(MarkdownReport.directionOf(report, metric), value, reference);
            String css = delta.endsWith("▲") ? "better" : delta.endsWith("▼") ? "worse" : "";
            html.append("<tr><td>").append(metric.equals(report.primaryMetric())
                            ? "<strong>" + escape(metric) + "</strong> (primary, " + report.direction().label() + " is better)"
                            : escape(metric))
                    .append("</td><td class=\"n\">").append(MarkdownReport.number(value))
                    .append("</td><td class=\"n\">").append(MarkdownReport.number(reference))
                    .append("</td><td class=\"n ").append(css).append("\">").append(delta).append("</td></tr>");
        }
        html.append("</table>");
        notes(html, report.evaluation().notes());
        html.append("</section>");
    }

    private static void gateTable(StringBuilder html, EvaluationReport report) {
        html.append("<section class=\"card\"><h2>Quality gate</h2><table><tr><th>check</th><th>metric</th>")
                .append("<th class=\"n\">this version</th><th class=\"n\">production or threshold</th><th>outcome</th><th>why</th></tr>");
        for (GateCheck check : report.gate().checks()) {
            html.append("<tr><td>").append(check.kind().label()).append("</td><td>").append(escape(check.metric()))
                    .append("</td><td class=\"n\">").append(MarkdownReport.number(check.candidate()))
                    .append("</td><td class=\"n\">").append(MarkdownReport.number(check.reference()))
                    .append("</td><td><span class=\"badge ").append(check.outcome().label()).append("\">")
                    .append(check.outcome().label()).append("</span></td><td class=\"notes\">")
                    .append(escape(check.explanation())).append("</td></tr>");
        }
        html.append("</table></section>");
    }

    private static void pictures(StringBuilder html, EvaluationReport report) {
        html.append("<div class=\"grid\">");
        EvaluationMetrics evaluation = report.evaluation();
        if (evaluation.confusionMatrix() != null) {
            html.append("<section class=\"card\"><h2>Confusion matrix</h2>")
                    .append(SvgCharts.confusionMatrix(evaluation.confusionMatrix()))
                    .append("<p class=\"notes\">Rows: actual class; columns: predicted class. The shade is the share"
                            + " of the row (the class's recall).</p></section>");
        }
        if (!evaluation.rocCurves().isEmpty()) {
            html.append("<section class=\"card\"><h2>ROC curve</h2>").append(SvgCharts.rocCurves(evaluation.rocCurves()))
                    .append("</section>");
        }
        html.append("<section class=\"card\"><h2>").append(escape(report.primaryMetric()))
                .append(" across versions</h2>").append(SvgCharts.trend(report.trend(), report.primaryMetric()))
                .append("</section></div>");
    }

    private static void perClass(StringBuilder html, EvaluationReport report) {
        EvaluationMetrics.ConfusionMatrix matrix = report.evaluation().confusionMatrix();
        if (matrix == null) {
            return;
        }
        html.append("<section class=\"card\"><h2>Per class</h2><table><tr><th>class</th><th class=\"n\">precision</th>")
                .append("<th class=\"n\">recall</th><th class=\"n\">F1</th><th class=\"n\">records</th></tr>");
        List<String> classes = matrix.classes();
        for (int c = 0; c < classes.size(); c++) {
            long support = matrix.counts().get(c).stream().mapToLong(Long::longValue).sum();
            String name = classes.get(c);
            html.append("<tr><td>").append(escape(name)).append("</td><td class=\"n\">")
                    .append(MarkdownReport.number(report.metrics().get("precision." + name))).append("</td><td class=\"n\">")
                    .append(MarkdownReport.number(report.metrics().get("recall." + name))).append("</td><td class=\"n\">")
                    .append(MarkdownReport.number(report.metrics().get("f1." + name))).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%,d", support)).append("</td></tr>");
        }
        html.append("</table></section>");
    }

    private static void notes(StringBuilder html, List<String> notes) {
        for (String note : notes) {
            html.append("<p class=\"notes\">").append(escape(note)).append("</p>");
        }
    }
}
