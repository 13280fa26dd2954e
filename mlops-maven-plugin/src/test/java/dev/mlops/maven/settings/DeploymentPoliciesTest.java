package dev.mlops.maven.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.deploy.DeploymentPolicy;
import dev.mlops.core.domain.ModelVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The deploy goals' strategy settings become one policy, with -D over the POM and each refusal naming the value. */
class DeploymentPoliciesTest {

    private static final DeploymentPolicies.Given DEFAULTS = new DeploymentPolicies.Given("all-at-once", "10", "20",
            "PT5M", "0.05", "PT1S", null, null, "0");

    private final Properties commandLine = new Properties();
    private final SettingsReader read = new SettingsReader(commandLine, PomElements.NONE);

    @Test
    void theDefaultsAreThePolicysDefault() {
        assertEquals(DeploymentPolicy.DEFAULT, DeploymentPolicies.read(read, DEFAULTS));
    }

    @Test
    void aCanaryTakesItsShareAndBakingPeriodAndTheRestApplies() {
        commandLine.setProperty("mlops.deploy.strategy", "canary");
        commandLine.setProperty("mlops.deploy.canaryPercent", "25");
        commandLine.setProperty("mlops.deploy.bakingPeriod", "PT30S");
        commandLine.setProperty("mlops.deploy.maxErrorRate", "0.2");
        commandLine.setProperty("mlops.deploy.alarms", "cpu-high, disk-full");
        commandLine.setProperty("mlops.deploy.shadowVersion", "1.2.0");
        commandLine.setProperty("mlops.deploy.dataCapturePercent", "50");
        DeploymentPolicy policy = DeploymentPolicies.read(read, DEFAULTS);
        assertEquals(new DeploymentPolicy.Canary(25, Duration.ofSeconds(30)), policy.shift());
        assertEquals(0.2, policy.thresholds().maxErrorRate());
        assertEquals(List.of("cpu-high", "disk-full"), policy.alarms());
        assertEquals(Optional.of(new ModelVersion("1.2.0")), policy.shadow());
        assertEquals(50, policy.dataCapturePercent());
    }

    @Test
    void aLinearDeploymentEndsAtTheWholeTraffic() {
        commandLine.setProperty("mlops.deploy.strategy", "linear");
        commandLine.setProperty("mlops.deploy.linearStepPercent", "30");
        DeploymentPolicy.Linear linear = (DeploymentPolicy.Linear) DeploymentPolicies.read(read, DEFAULTS).shift();
        assertEquals(List.of(30, 60, 90, 100), linear.shares());
    }

    @Test
    void aMisspeltStrategyIsRefusedWithTheNearestName() {
        commandLine.setProperty("mlops.deploy.strategy", "canery");
        String message = assertThrows(ConfigurationException.class, () -> DeploymentPolicies.read(read, DEFAULTS)).getMessage();
        assertTrue(message.contains("'canery'") && message.contains("all-at-once, canary, linear")
                && message.contains("Did you mean 'canary'?"), message);
    }

    @Test
    void valuesOutOfRangeAreRefusedNamingTheProperty() {
        assertRefused("mlops.deploy.canaryPercent", "100", "canary");
        assertRefused("mlops.deploy.linearStepPercent", "0", "linear");
        assertRefused("mlops.deploy.maxErrorRate", "0", "all-at-once");
        assertRefused("mlops.deploy.maxErrorRate", "1.5", "all-at-once");
        assertRefused("mlops.deploy.bakingPeriod", "5m", "canary");
        assertRefused("mlops.deploy.dataCapturePercent", "101", "all-at-once");
        assertRefused("mlops.deploy.shadowVersion", "latest", "all-at-once");
    }

    private void assertRefused(String property, String value, String strategy) {
        commandLine.clear();
        commandLine.setProperty("mlops.deploy.strategy", strategy);
        commandLine.setProperty(property, value);
        String message = assertThrows(ConfigurationException.class, () -> DeploymentPolicies.read(read, DEFAULTS),
                property + "=" + value).getMessage();
        assertTrue(message.contains(value), message);
    }
}
