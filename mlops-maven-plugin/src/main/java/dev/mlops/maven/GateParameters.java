package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.evaluate.GateConfig;
import dev.mlops.core.evaluate.MetricCatalog;
import dev.mlops.core.evaluate.MetricDirection;
import dev.mlops.core.evaluate.TaskType;
import dev.mlops.maven.settings.SettingsReader;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code <gate>} element of the plugin configuration:
 *
 * <pre>{@code
 * <gate>
 *   <primaryMetric>f1_macro</primaryMetric>   <!-- the metric that ranks versions -->
 *   <direction>higher</direction>             <!-- higher or lower is better; by default the metric's own -->
 *   <minImprovement>0.0</minImprovement>      <!-- how much better than production -->
 *   <guards><recall.spam>0.01</recall.spam></guards>   <!-- may be worse than production by at most -->
 *   <floors><accuracy>0.95</accuracy></floors>         <!-- must be at least, production or not -->
 *   <ceilings><log_loss>0.2</log_loss></ceilings>      <!-- must be at most, production or not -->
 * </gate>
 * }</pre>
 */
public class GateParameters {

    String primaryMetric;
    String direction;
    String minImprovement;
    Map<String, String> guards;
    Map<String, String> floors;
    Map<String, String> ceilings;

    /** The gate with every {@code -Dmlops.gate.*} applied over the POM. */
    static GateConfig toConfig(GateParameters pom, SettingsReader read, TaskType task) {
        GateParameters gate = pom == null ? new GateParameters() : pom;
        String primary = blankToNull(read.string(MlopsProperties.GATE_PRIMARY_METRIC, gate.primaryMetric));
        String metric = primary == null ? MetricCatalog.defaultPrimary(task) : primary.trim();
        String directionText = blankToNull(read.string(MlopsProperties.GATE_DIRECTION, gate.direction));
        MetricDirection direction = directionText == null ? MetricCatalog.direction(metric) : MetricDirection.parse(directionText);
        String improvementText = blankToNull(read.string(MlopsProperties.GATE_MIN_IMPROVEMENT, gate.minImprovement));
        double minImprovement = improvementText == null ? 0.0
                : number(improvementText, "<gate><minImprovement>", MlopsProperties.GATE_MIN_IMPROVEMENT);
        if (minImprovement < 0) {
            throw new ConfigurationException("The gate's minimum improvement is " + improvementText + "; it must be 0 or"
                    + " more (a guard with a tolerance lets a metric get worse). Fix <gate><minImprovement> or -D"
                    + MlopsProperties.GATE_MIN_IMPROVEMENT + ".");
        }
        return new GateConfig(metric, direction, minImprovement,
                numbers(read.map(MlopsProperties.GATE_GUARD_PREFIX, gate.guards), "guards", MlopsProperties.GATE_GUARD_PREFIX, true),
                numbers(read.map(MlopsProperties.GATE_FLOOR_PREFIX, gate.floors), "floors", MlopsProperties.GATE_FLOOR_PREFIX, false),
                numbers(read.map(MlopsProperties.GATE_CEILING_PREFIX, gate.ceilings), "ceilings", MlopsProperties.GATE_CEILING_PREFIX, false));
    }

    private static Map<String, Double> numbers(Map<String, String> values, String element, String prefix,
            boolean nonNegative) {
        Map<String, Double> parsed = new TreeMap<>();
        values.forEach((metric, text) -> {
            double value = number(text, "<gate><" + element + "><" + metric + ">", prefix + metric);
            if (nonNegative && value < 0) {
                throw new ConfigurationException("The gate's tolerance for '" + metric + "' is " + text + "; a tolerance is"
                        + " 0 or more. Fix <gate><" + element + "><" + metric + "> or -D" + prefix + metric + ".");
            }
            parsed.put(metric.trim(), value);
        });
        return parsed;
    }

    private static double number(String text, String element, String property) {
        try {
            double value = Double.parseDouble(text == null ? "" : text.trim());
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new ConfigurationException("The gate value '" + text + "' of " + element + " is not a number. Give a number"
                + " such as 0.01 in the POM or with -D" + property + "=<number>.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
