package dev.mlops.core.evaluate;

import dev.mlops.core.Setting;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quality gate: how a candidate must compare with the version in production.
 *
 * @param primaryMetric the metric that ranks versions
 * @param direction whether higher or lower of it is better
 * @param minImprovement how much better than production the candidate must be (0: at least as good)
 * @param guards metric to tolerance: how much worse than production the candidate may be on it
 * @param floors metric to the least value the candidate must reach, production or not
 * @param ceilings metric to the largest value the candidate may have (for metrics where lower is better)
 */
public record GateConfig(String primaryMetric, MetricDirection direction, double minImprovement,
        Map<String, Double> guards, Map<String, Double> floors, Map<String, Double> ceilings) {

    public GateConfig {
        guards = sorted(guards);
        floors = sorted(floors);
        ceilings = sorted(ceilings);
    }

    /** The default gate: the task's primary metric must not get worse; no guards, no floors. */
    public static GateConfig defaults(TaskType task) {
        String primary = MetricCatalog.defaultPrimary(task);
        return new GateConfig(primary, MetricCatalog.direction(primary), 0.0, Map.of(), Map.of(), Map.of());
    }

    /**
     * Fails naming the first metric the task cannot compute.
     *
     * @throws dev.mlops.core.ConfigurationException naming the metric, where it is configured and the known ones
     */
    public void requireMetricsOf(TaskType task) {
        MetricCatalog.requireExists(task, primaryMetric, Setting.GATE_PRIMARY_METRIC);
        guards.keySet().forEach(m -> MetricCatalog.requireExists(task, m, Setting.member(Setting.GATE_GUARD, m)));
        floors.keySet().forEach(m -> MetricCatalog.requireExists(task, m, Setting.member(Setting.GATE_FLOOR, m)));
        ceilings.keySet().forEach(m -> MetricCatalog.requireExists(task, m, Setting.member(Setting.GATE_CEILING, m)));
    }

    /** Every metric the gate reads. */
    public java.util.Set<String> metrics() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        all.add(primaryMetric);
        all.addAll(guards.keySet());
        all.addAll(floors.keySet());
        all.addAll(ceilings.keySet());
        return all;
    }

    private static Map<String, Double> sorted(Map<String, Double> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
