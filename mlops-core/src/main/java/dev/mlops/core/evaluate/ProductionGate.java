package dev.mlops.core.evaluate;

import dev.mlops.core.evaluate.GateCheck.Kind;
import dev.mlops.core.evaluate.GateCheck.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a candidate may replace the version in production: a pure function of the gate,
 * the candidate's metrics and production's, so every decision can be tested as a table.
 *
 * <p>The primary metric must improve on production by at least the minimum improvement; each guard
 * metric may be worse than production by at most its tolerance; floors and ceilings hold whether
 * or not there is a production version. With no production version, floors and ceilings decide.
 */
public final class ProductionGate {

    /** The version the {@code production} alias points at, and the metrics stored with it. */
    public record Production(String version, Map<String, Double> metrics) {}

    private ProductionGate() {}

    /**
     * @param candidateVersion when it is production itself, there is nothing to compare with
     * @throws IllegalArgumentException when the candidate lacks a metric the gate reads (check that first)
     */
    public static GateDecision decide(GateConfig gate, String candidateVersion, Map<String, Double> candidate,
            Optional<Production> production) {
        gate.metrics().forEach(m -> {
            if (!candidate.containsKey(m)) {
                throw new IllegalArgumentException("the candidate has no metric '" + m + "'");
            }
        });
        Optional<Production> other = production.filter(p -> !p.version().equals(candidateVersion));
        String none = production.isPresent() ? "this version is production" : "no production version yet";
        List<GateCheck> checks = new ArrayList<>();

        String primary = gate.primaryMetric();
        checks.add(other.map(p -> compare(Kind.PRIMARY, primary, candidate.get(primary), p, gate.direction(),
                        -gate.minImprovement()))
                .orElse(notApplicable(Kind.PRIMARY, primary, candidate.get(primary), none)));
        gate.guards().forEach((metric, tolerance) -> checks.add(other
                .map(p -> compare(Kind.GUARD, metric, candidate.get(metric), p, MetricCatalog.direction(metric), tolerance))
                .orElse(notApplicable(Kind.GUARD, metric, candidate.get(metric), none))));
        gate.floors().forEach((metric, floor) -> {
            double value = candidate.get(metric);
            boolean passed = value >= floor;
            checks.add(new GateCheck(Kind.FLOOR, metric, value, floor, passed ? Outcome.PASSED : Outcome.FAILED,
                    String.format(Locale.ROOT, "%s %s: candidate %s, floor %s (must be at least the floor)",
                            Kind.FLOOR.label(), metric, format(value), format(floor))));
        });
        gate.ceilings().forEach((metric, ceiling) -> {
            double value = candidate.get(metric);
            boolean passed = value <= ceiling;
            checks.add(new GateCheck(Kind.CEILING, metric, value, ceiling, passed ? Outcome.PASSED : Outcome.FAILED,
                    String.format(Locale.ROOT, "%s %s: candidate %s, ceiling %s (must be at most the ceiling)",
                            Kind.CEILING.label(), metric, format(value), format(ceiling))));
        });
        boolean passed = checks.stream().noneMatch(GateCheck::failed);
        return new GateDecision(passed, production.map(Production::version).orElse(null), checks);
    }

    /**
     * The candidate passes when its improvement over production is at least {@code -slack}: for the
     * primary metric the slack is minus the minimum improvement, for a guard its tolerance.
     */
    private static GateCheck compare(Kind kind, String metric, double value, Production production,
            MetricDirection direction, double slack) {
        Double reference = production.metrics().get(metric);
        if (reference == null) {
            return new GateCheck(kind, metric, value, null, Outcome.FAILED, String.format(Locale.ROOT,
                    "%s %s: candidate %s, production %s has no recorded %s; evaluate %s again, or remove the"
                            + " metric from the gate",
                    kind.label(), metric, format(value), production.version(), metric, production.version()));
        }
        double improvement = direction.improvement(value, reference);
        // a hair of tolerance so that a value equal to production's, printed the same, is not refused for rounding
        boolean passed = improvement + slack >= -1e-12;
        String rule = kind == Kind.PRIMARY
                ? (slack == 0 ? "must be at least as good" : "must improve by at least " + format(-slack))
                : "may be worse by at most " + format(slack);
        return new GateCheck(kind, metric, value, reference, passed ? Outcome.PASSED : Outcome.FAILED,
                String.format(Locale.ROOT, "%s %s: candidate %s vs %s in production %s (%s, %s is better)",
                        kind.label(), metric, format(value), format(reference), production.version(), rule,
                        direction.label()));
    }

    private static GateCheck notApplicable(Kind kind, String metric, double value, String why) {
        return new GateCheck(kind, metric, value, null, Outcome.NOT_APPLICABLE,
                kind.label() + " " + metric + ": candidate " + format(value) + ", not compared: " + why);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
