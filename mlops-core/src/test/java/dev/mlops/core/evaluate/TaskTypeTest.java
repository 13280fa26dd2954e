package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskTypeTest {

    @Test
    void aMisspeltTaskSuggestsTheNearestTask() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TaskType.parse("regresion"));
        assertTrue(e.getMessage().contains("'regresion'"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'regression'?"), e.getMessage());
        assertEquals(List.of(Setting.EVALUATE_TASK.is("regression")), e.text().values(), e.getMessage());
        assertFalse(e.getMessage().contains("=classification"), e.getMessage());
    }

    @Test
    void aTaskNearNothingNamesTheKnownOnes() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TaskType.parse("ranking"));
        assertTrue(e.getMessage().contains("Known task types: classification, regression."), e.getMessage());
        assertFalse(e.getMessage().contains("Did you mean"), e.getMessage());
    }

    @Test
    void knownTasksParse() {
        assertEquals(TaskType.REGRESSION, TaskType.parse(" regression "));
        assertEquals(TaskType.CLASSIFICATION, TaskType.parse("classification"));
    }

    @Test
    void aMisspeltGateDirectionOrMetricSuggestsTheNearest() {
        ConfigurationException direction = assertThrows(ConfigurationException.class, () -> MetricDirection.parse("hihger"));
        assertTrue(direction.getMessage().contains("Did you mean 'higher'?"), direction.getMessage());
        ConfigurationException metric = assertThrows(ConfigurationException.class,
                () -> MetricCatalog.requireExists(TaskType.CLASSIFICATION, "acuracy", Setting.GATE_PRIMARY_METRIC));
        assertTrue(metric.getMessage().contains("Did you mean 'accuracy'?"), metric.getMessage());
    }
}
