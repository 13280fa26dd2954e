package dev.mlops.core.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionAccumulatorTest {

    @Test
    void matchesTheHandComputedTable() {
        // scikit-learn's documentation example: y = [3, -0.5, 2, 7], prediction = [2.5, 0.0, 2, 8]
        RegressionAccumulator metrics = new RegressionAccumulator();
        double[][] pairs = {{3, 2.5}, {-0.5, 0.0}, {2, 2}, {7, 8}};
        for (double[] pair : pairs) {
            metrics.add(Double.toString(pair[0]), Predicted.number(pair[1]), () -> "test");
        }
        Map<String, Double> m = metrics.result().metrics();
        assertEquals(0.375, m.get("mse"), 1e-12);              // (0.25 + 0.25 + 0 + 1) / 4
        assertEquals(Math.sqrt(0.375), m.get("rmse"), 1e-12);
        assertEquals(0.5, m.get("mae"), 1e-12);                // (0.5 + 0.5 + 0 + 1) / 4
        assertEquals(1 - 1.5 / 29.1875, m.get("r2"), 1e-12);   // SST around the mean 2.875
    }

    @Test
    void aNonNumericTargetIsAnErrorNamingTheValueAndTheRecord() {
        RegressionAccumulator metrics = new RegressionAccumulator();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> metrics.add("spam", Predicted.number(1), () -> "houses.csv line 4"));
        assertTrue(e.getMessage().contains("houses.csv line 4 has the target 'spam'"), e.getMessage());
    }

    @Test
    void aLabelAnsweredToARegressionIsAnError() {
        RegressionAccumulator metrics = new RegressionAccumulator();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> metrics.add("3.0", Predicted.label("spam", Map.of()), () -> "h.csv line 2"));
        assertTrue(e.getMessage().contains("the label 'spam'"), e.getMessage());
    }

    @Test
    void constantTargetsHaveNoR2() {
        RegressionAccumulator metrics = new RegressionAccumulator();
        metrics.add("1", Predicted.number(1), () -> "test");
        metrics.add("1", Predicted.number(2), () -> "test");
        assertFalse(metrics.result().metrics().containsKey("r2"));
        assertEquals(0.5, metrics.result().metrics().get("mse"), 1e-12);
    }
}
