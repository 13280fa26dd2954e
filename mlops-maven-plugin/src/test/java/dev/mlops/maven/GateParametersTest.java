package dev.mlops.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.evaluate.GateConfig;
import dev.mlops.core.evaluate.MetricDirection;
import dev.mlops.core.evaluate.TaskType;
import dev.mlops.maven.settings.PomElements;
import dev.mlops.maven.settings.SettingsReader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GateParametersTest {

    private final Properties commandLine = new Properties();

    @Test
    void withoutAGateTheTasksPrimaryMetricMustNotGetWorse() {
        GateConfig gate = GateParameters.toConfig(null, new SettingsReader(commandLine, PomElements.NONE), TaskType.REGRESSION);
        assertEquals("rmse", gate.primaryMetric());
        assertEquals(MetricDirection.LOWER, gate.direction());
        assertEquals(0.0, gate.minImprovement());
        assertTrue(gate.floors().isEmpty() && gate.guards().isEmpty() && gate.ceilings().isEmpty());
    }

    @Test
    void commandLineOverridesAndAddsToThePom() {
        GateParameters pom = new GateParameters();
        pom.primaryMetric = "accuracy";
        pom.minImprovement = "0.01";
        pom.floors = Map.of("accuracy", "0.9", "f1_macro", "0.8");
        commandLine.setProperty("mlops.gate.primaryMetric", "f1_macro");
        commandLine.setProperty("mlops.gate.floor.accuracy", "0.999");
        commandLine.setProperty("mlops.gate.guard.recall.spam", "0.02");

        GateConfig gate = GateParameters.toConfig(pom, new SettingsReader(commandLine, PomElements.NONE), TaskType.CLASSIFICATION);

        assertEquals("f1_macro", gate.primaryMetric());
        assertEquals(0.01, gate.minImprovement());
        assertEquals(Map.of("accuracy", 0.999, "f1_macro", 0.8), gate.floors());
        assertEquals(Map.of("recall.spam", 0.02), gate.guards());
    }

    @Test
    void aValueThatIsNotANumberIsAFailureNamingItAndTheProperty() {
        commandLine.setProperty("mlops.gate.floor.accuracy", "high");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> GateParameters.toConfig(null, new SettingsReader(commandLine, PomElements.NONE), TaskType.CLASSIFICATION));
        assertTrue(e.getMessage().contains("'high'") && e.getMessage().contains("-Dmlops.gate.floor.accuracy"), e.getMessage());
    }

    @Test
    void aNegativeToleranceOrImprovementIsAFailure() {
        commandLine.setProperty("mlops.gate.guard.accuracy", "-0.1");
        assertThrows(ConfigurationException.class,
                () -> GateParameters.toConfig(null, new SettingsReader(commandLine, PomElements.NONE), TaskType.CLASSIFICATION));
        commandLine.clear();
        commandLine.setProperty("mlops.gate.minImprovement", "-1");
        assertThrows(ConfigurationException.class,
                () -> GateParameters.toConfig(null, new SettingsReader(commandLine, PomElements.NONE), TaskType.CLASSIFICATION));
    }
}
