package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.evaluate.GateCheck.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductionGateTest {

    private static final Map<String, Double> PRODUCTION = Map.of("f1_macro", 0.90, "recall.spam", 0.95,
            "accuracy", 0.92, "log_loss", 0.30);

    private static GateConfig gate(double minImprovement, Map<String, Double> guards, Map<String, Double> floors,
            Map<String, Double> ceilings) {
        return new GateConfig("f1_macro", MetricDirection.HIGHER, minImprovement, guards, floors, ceilings);
    }

    private static Map<String, Double> candidate(double f1, double recallSpam, double accuracy, double logLoss) {
        return Map.of("f1_macro", f1, "recall.spam", recallSpam, "accuracy", accuracy, "log_loss", logLoss);
    }

    /** case, gate, candidate, production present, expected verdict, expected outcomes of the checks in order. */
    static Stream<Arguments> decisions() {
        Map<String, Double> none = Map.of();
        return Stream.of(
                Arguments.of("better primary passes", gate(0, none, none, none), candidate(0.91, 0.95, 0.92, 0.3), true,
                        true, List.of(Outcome.PASSED)),
                Arguments.of("equal primary passes with no minimum improvement", gate(0, none, none, none),
                        candidate(0.90, 0.95, 0.92, 0.3), true, true, List.of(Outcome.PASSED)),
                Arguments.of("worse primary fails", gate(0, none, none, none), candidate(0.89, 0.95, 0.92, 0.3), true,
                        false, List.of(Outcome.FAILED)),
                Arguments.of("better but below the minimum improvement fails", gate(0.02, none, none, none),
                        candidate(0.91, 0.95, 0.92, 0.3), true, false, List.of(Outcome.FAILED)),
                Arguments.of("exactly the minimum improvement passes", gate(0.02, none, none, none),
                        candidate(0.92, 0.95, 0.92, 0.3), true, true, List.of(Outcome.PASSED)),
                Arguments.of("guard within tolerance passes", gate(0, Map.of("recall.spam", 0.01), none, none),
                        candidate(0.91, 0.945, 0.92, 0.3), true, true, List.of(Outcome.PASSED, Outcome.PASSED)),
                Arguments.of("guard beyond tolerance fails though primary improves",
                        gate(0, Map.of("recall.spam", 0.01), none, none), candidate(0.95, 0.93, 0.92, 0.3), true, false,
                        List.of(Outcome.PASSED, Outcome.FAILED)),
                Arguments.of("a lower-is-better guard may rise by its tolerance", gate(0, Map.of("log_loss", 0.05), none, none),
                        candidate(0.91, 0.95, 0.92, 0.34), true, true, List.of(Outcome.PASSED, Outcome.PASSED)),
                Arguments.of("a lower-is-better guard may not rise beyond it", gate(0, Map.of("log_loss", 0.05), none, none),
                        candidate(0.91, 0.95, 0.92, 0.36), true, false, List.of(Outcome.PASSED, Outcome.FAILED)),
                Arguments.of("floor below fails even when better than production", gate(0, none, Map.of("accuracy", 0.95), none),
                        candidate(0.91, 0.95, 0.94, 0.3), true, false, List.of(Outcome.PASSED, Outcome.FAILED)),
                Arguments.of("ceiling above fails", gate(0, none, none, Map.of("log_loss", 0.2)),
                        candidate(0.91, 0.95, 0.94, 0.25), true, false, List.of(Outcome.PASSED, Outcome.FAILED)),
                Arguments.of("no production: floors decide (pass)", gate(0.5, Map.of("recall.spam", 0.0), Map.of("accuracy", 0.9), none),
                        candidate(0.10, 0.10, 0.91, 0.3), false, true,
                        List.of(Outcome.NOT_APPLICABLE, Outcome.NOT_APPLICABLE, Outcome.PASSED)),
                Arguments.of("no production: floors decide (fail)", gate(0, none, Map.of("accuracy", 0.95), none),
                        candidate(0.99, 0.99, 0.91, 0.3), false, false, List.of(Outcome.NOT_APPLICABLE, Outcome.FAILED)),
                Arguments.of("no production and no floors: passes", gate(0, none, none, none),
                        candidate(0.10, 0.10, 0.10, 3.0), false, true, List.of(Outcome.NOT_APPLICABLE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decides(String name, GateConfig gate, Map<String, Double> candidate, boolean hasProduction, boolean passed,
            List<Outcome> outcomes) {
        Optional<ProductionGate.Production> production = hasProduction
                ? Optional.of(new ProductionGate.Production("1.0.0", PRODUCTION)) : Optional.empty();
        GateDecision decision = ProductionGate.decide(gate, "1.1.0", candidate, production);
        assertEquals(passed, decision.passed(), decision.checks().toString());
        assertEquals(outcomes, decision.checks().stream().map(GateCheck::outcome).toList(), decision.checks().toString());
        assertEquals(hasProduction ? "1.0.0" : null, decision.productionVersion());
    }

    @Test
    void aFailingCheckNamesTheMetricAndBothValues() {
        GateDecision decision = ProductionGate.decide(gate(0, Map.of("recall.spam", 0.01), Map.of(), Map.of()), "1.1.0",
                candidate(0.88, 0.90, 0.9, 0.3), Optional.of(new ProductionGate.Production("1.0.0", PRODUCTION)));
        assertEquals(2, decision.failures().size());
        assertEquals("primary f1_macro: candidate 0.8800 vs 0.9000 in production 1.0.0 (must be at least as good,"
                + " higher is better)", decision.failures().get(0).explanation());
        assertTrue(decision.failures().get(1).explanation().contains("recall.spam: candidate 0.9000 vs 0.9500"),
                decision.failures().get(1).explanation());
    }

    @Test
    void aLowerIsBetterPrimaryMetricMustFall() {
        GateConfig rmse = new GateConfig("log_loss", MetricDirection.LOWER, 0.01, Map.of(), Map.of(), Map.of());
        Optional<ProductionGate.Production> production = Optional.of(new ProductionGate.Production("1.0.0", PRODUCTION));
        assertTrue(ProductionGate.decide(rmse, "2.0.0", Map.of("log_loss", 0.29), production).passed());
        assertEquals(false, ProductionGate.decide(rmse, "2.0.0", Map.of("log_loss", 0.295), production).passed());
    }

    @Test
    void productionWithoutTheMetricFailsWithHowToFixIt() {
        GateDecision decision = ProductionGate.decide(gate(0, Map.of(), Map.of(), Map.of()), "1.1.0",
                candidate(0.95, 0.9, 0.9, 0.3), Optional.of(new ProductionGate.Production("1.0.0", Map.of())));
        assertEquals(false, decision.passed());
        assertTrue(decision.failures().get(0).explanation().contains("evaluate 1.0.0 again"),
                decision.failures().get(0).explanation());
    }

    @Test
    void theProductionVersionItselfIsNotComparedWithItself() {
        GateDecision decision = ProductionGate.decide(gate(0.05, Map.of(), Map.of(), Map.of()), "1.0.0",
                PRODUCTION, Optional.of(new ProductionGate.Production("1.0.0", PRODUCTION)));
        assertTrue(decision.passed());
        assertEquals(Outcome.NOT_APPLICABLE, decision.checks().get(0).outcome());
    }

    @Test
    void aGateOnAMetricTheTaskDoesNotComputeIsAConfigurationErrorNamingIt() {
        GateConfig gate = new GateConfig("rmse", MetricDirection.LOWER, 0, Map.of(), Map.of("f1_macro", 0.9), Map.of());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> gate.requireMetricsOf(TaskType.CLASSIFICATION));
        assertTrue(e.getMessage().contains("'rmse'") && e.text().settings().contains(Setting.GATE_PRIMARY_METRIC), e.getMessage());
        GateConfig floors = new GateConfig("rmse", MetricDirection.LOWER, 0, Map.of(), Map.of("f1_macro", 0.9), Map.of());
        ConfigurationException e2 = assertThrows(ConfigurationException.class, () -> floors.requireMetricsOf(TaskType.REGRESSION));
        assertTrue(e2.getMessage().contains("'f1_macro'")
                && e2.text().settings().contains(Setting.member(Setting.GATE_FLOOR, "f1_macro")), e2.getMessage());
    }
}
