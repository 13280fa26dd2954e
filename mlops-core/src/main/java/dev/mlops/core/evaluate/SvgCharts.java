package dev.mlops.core.evaluate;

import java.util.List;
import java.util.Locale;

/** The report's pictures as inline SVG: no scripts, fonts or files, so the HTML reads offline. */
final class SvgCharts {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

    private SvgCharts() {}

    /** Rows are actual classes, columns predicted; a cell's shade is its share of the row (the class's recall). */
    static String confusionMatrix(EvaluationMetrics.ConfusionMatrix matrix) {
        List<String> classes = matrix.classes();
        int n = classes.size();
        int cell = Math.max(14, Math.min(90, 360 / Math.max(1, n)));
        int left = 110;
        int top = 60;
        int size = cell * n;
        StringBuilder svg = open(left + size + 20, top + size + 40, "Confusion matrix");
        svg.append(text(left + size / 2.0, 18, "predicted", "middle", 13, "#333", true));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" fill=\"#333\""
                        + " transform=\"rotate(-90 16 %.1f)\">actual</text>", top + size / 2.0, top + size / 2.0));
        for (int i = 0; i < n; i++) {
            svg.append(text(left + i * cell + cell / 2.0, top - 8, shorten(classes.get(i), cell / 7), "middle", 12, "#333", false));
            svg.append(text(left - 8, top + i * cell + cell / 2.0 + 4, shorten(classes.get(i), 14), "end", 12, "#333", false));
        }
        for (int a = 0; a < n; a++) {
            long rowTotal = 0;
            for (int p = 0; p < n; p++) {
                rowTotal += matrix.count(a, p);
            }
            for (int p = 0; p < n; p++) {
                long count = matrix.count(a, p);
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                int x = left + p * cell;
                int y = top + a * cell;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
                        + " stroke=\"#fff\"><title>actual %s, predicted %s: %d (%.1f%% of %s)</title></rect>",
                        x, y, cell, cell, shade(share), escape(classes.get(a)), escape(classes.get(p)), count,
                        100 * share, escape(classes.get(a))));
                if (cell >= 40) {
                    String color = share > 0.5 ? "#fff" : "#222";
                    svg.append(text(x + cell / 2.0, y + cell / 2.0, String.format(Locale.ROOT, "%,d", count), "middle", 14, color, true));
                    svg.append(text(x + cell / 2.0, y + cell / 2.0 + 16, String.format(Locale.ROOT, "%.1f%%", 100 * share),
                            "middle", 11, color, false));
                }
            }
        }
        return svg.append("</svg>").toString();
    }

    static String rocCurves(List<EvaluationMetrics.RocCurve> curves) {
        int left = 50;
        int top = 20;
        int size = 300;
        StringBuilder svg = open(left + size + 20, top + size + 50, "ROC curve");
        axes(svg, left, top, size, size, "false positive rate", "true positive rate", 0, 1);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#aaa\""
                + " stroke-dasharray=\"4 4\"/>", left, top + size, left + size, top));
        for (int c = 0; c < curves.size(); c++) {
            EvaluationMetrics.RocCurve curve = curves.get(c);
            StringBuilder points = new StringBuilder();
            for (double[] point : curve.points()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + point[0] * size, top + (1 - point[1]) * size));
            }
            String color = COLORS[c % COLORS.length];
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
            double legendY = top + size - 12 - 16 * (curves.size() - 1 - c);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"3\" fill=\"%s\"/>",
                    left + size - 150, legendY - 4, color));
            svg.append(text(left + size - 134, legendY, String.format(Locale.ROOT, "%s  AUC %.4f",
                    shorten(curve.positiveClass(), 14), curve.auc()), "start", 12, "#222", false));
        }
        return svg.append("</svg>").toString();
    }

    /** The primary metric of each version, oldest first: this version in orange, production ringed in green. */
    static String trend(List<EvaluationReport.TrendPoint> points, String metric) {
        int left = 60;
        int top = 20;
        int width = Math.max(420, Math.min(900, 60 * points.size()));
        int height = 220;
        StringBuilder svg = open(left + width + 30, top + height + 110, "Trend of " + metric);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (EvaluationReport.TrendPoint point : points) {
            if (point.value() != null) {
                min = Math.min(min, point.value());
                max = Math.max(max, point.value());
            }
        }
        if (min == Double.MAX_VALUE) {
            return svg.append(text(left + width / 2.0, top + height / 2.0, "no version has " + metric + " yet", "middle", 13, "#666", false))
                    .append("</svg>").toString();
        }
        double pad = Math.max((max - min) * 0.15, Math.max(Math.abs(max) * 0.002, 1e-4));
        double low = min - pad;
        double high = max + pad;
        axes(svg, left, top, width, height, "", metric, low, high);
        double step = points.size() == 1 ? 0 : (double) (width - 40) / (points.size() - 1);
        StringBuilder line = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            EvaluationReport.TrendPoint point = points.get(i);
            double x = left + 20 + i * step + (points.size() == 1 ? (width - 40) / 2.0 : 0);
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#333\" text-anchor=\"end\""
                    + " transform=\"rotate(-40 %.1f %d)\">%s</text>", x, top + height + 16, x, top + height + 16,
                    escape(shorten(point.version(), 26))));
            if (point.value() == null) {
                continue;
            }
            double y = top + (high - point.value()) / (high - low) * height;
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            boolean production = point.aliases().contains(EvaluationService.PRODUCTION);
            String fill = point.candidate() ? "#ff7f0e" : point.status() == dev.mlops.core.domain.VersionStatus.REJECTED ? "#d62728" : "#1f77b4";
            marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"%s><title>%s: %s %.4f (%s%s)</title></circle>",
                    x, y, point.candidate() ? 7 : 5, fill, production ? " stroke=\"#2ca02c\" stroke-width=\"3\"" : "",
                    escape(point.version()), escape(metric), point.value(), point.status().label(),
                    point.aliases().isEmpty() ? "" : ", " + escape(String.join(", ", point.aliases()))));
            if (point.candidate() || production) {
                marks.append(text(x, y - 12, String.format(Locale.ROOT, "%.4f", point.value()), "middle", 11, "#222", true));
            }
        }
        svg.append("<polyline fill=\"none\" stroke=\"#9ab\" stroke-width=\"2\" points=\"").append(line.toString().trim()).append("\"/>");
        svg.append(marks);
        int legendY = top + height + 100;
        svg.append(legend(left, legendY, "#ff7f0e", null, "this version"));
        svg.append(legend(left + 110, legendY, "#1f77b4", "#2ca02c", "production"));
        svg.append(legend(left + 210, legendY, "#1f77b4", null, "other versions"));
        svg.append(legend(left + 330, legendY, "#d62728", null, "rejected"));
        return svg.append("</svg>").toString();
    }

    private static String legend(int x, int y, String fill, String ring, String label) {
        return String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"%s/>", x, y - 4, fill,
                ring == null ? "" : " stroke=\"" + ring + "\" stroke-width=\"3\"") + text(x + 10, y, label, "start", 12, "#333", false);
    }

    private static void axes(StringBuilder svg, int left, int top, int width, int height, String xLabel, String yLabel,
            double low, double high) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#888\"/>",
                left, top, width, height));
        for (int t = 0; t <= 4; t++) {
            double value = low + (high - low) * t / 4;
            double y = top + height - height * t / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>",
                    left, y, left + width, y));
            svg.append(text(left - 6, y + 4, tick(value, high - low), "end", 11, "#555", false));
            if (!xLabel.isEmpty()) {
                double x = left + width * t / 4.0;
                svg.append(text(x, top + height + 16, tick(low + (high - low) * t / 4, high - low), "middle", 11, "#555", false));
            }
        }
        if (!xLabel.isEmpty()) {
            svg.append(text(left + width / 2.0, top + height + 36, xLabel, "middle", 12, "#333", false));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\""
                + " transform=\"rotate(-90 12 %.1f)\">%s</text>", top + height / 2.0, top + height / 2.0, escape(yLabel)));
    }

    private static String tick(double value, double range) {
        return range >= 0.5 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.4f", value);
    }

    private static StringBuilder open(int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"sans-serif\"><title>%s</title>",
                width, height, width, height, escape(title)));
    }

    private static String text(double x, double y, String content, String anchor, int size, String color, boolean bold) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\"%s>%s</text>",
                x, y, anchor, size, color, bold ? " font-weight=\"bold\"" : "", escape(content));
    }

    /** White to dark blue. */
    private static String shade(double share) {
        int r = (int) Math.round(247 + (8 - 247) * share);
        int g = (int) Math.round(251 + (48 - 251) * share);
        int b = (int) Math.round(255 + (107 - 255) * share);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }

    private static String shorten(String text, int max) {
        int limit = Math.max(3, max);
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
