package dev.mlops.maven.settings;

import dev.mlops.core.deploy.DeploymentPolicy;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.maven.MlopsProperties;
import java.time.Duration;

/** Reads {@code mlops.deploy.strategy} and its companions into one {@link DeploymentPolicy}. */
public final class DeploymentPolicies {

    /** The strategies by the names users give. */
    public enum Strategy {
        ALL_AT_ONCE("all-at-once"), CANARY("canary"), LINEAR("linear");

        private final String label;

        Strategy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The POM's values (each may be null), overridden by {@code -D} as everywhere. */
    public record Given(String strategy, String canaryPercent, String linearStepPercent, String bakingPeriod,
            String maxErrorRate, String maxLatencyP99, String alarms, String shadowVersion, String dataCapturePercent) {}

    private DeploymentPolicies() {}

    public static DeploymentPolicy read(SettingsReader read, Given pom) {
        Strategy strategy = read.enumValue(MlopsProperties.DEPLOY_STRATEGY, pom.strategy(), Strategy.class, Strategy::label);
        DeploymentPolicy.TrafficShift shift = switch (strategy) {
            case ALL_AT_ONCE -> new DeploymentPolicy.AllAtOnce();
            case CANARY -> new DeploymentPolicy.Canary(read.integer(MlopsProperties.DEPLOY_CANARY_PERCENT,
                    pom.canaryPercent(), 1, 99), baking(read, pom));
            case LINEAR -> new DeploymentPolicy.Linear(read.integer(MlopsProperties.DEPLOY_LINEAR_STEP_PERCENT,
                    pom.linearStepPercent(), 1, 50), baking(read, pom));
        };
        return new DeploymentPolicy(shift,
                new DeploymentPolicy.RollbackThresholds(read.decimal(MlopsProperties.DEPLOY_MAX_ERROR_RATE,
                        pom.maxErrorRate(), 0, 1), read.duration(MlopsProperties.DEPLOY_MAX_LATENCY_P99, pom.maxLatencyP99())),
                read.names(MlopsProperties.DEPLOY_ALARMS, pom.alarms()),
                read.optional(MlopsProperties.DEPLOY_SHADOW_VERSION, pom.shadowVersion()).map(ModelVersion::new),
                read.integer(MlopsProperties.DEPLOY_DATA_CAPTURE_PERCENT, pom.dataCapturePercent(), 0, 100));
    }

    private static Duration baking(SettingsReader read, Given pom) {
        return read.duration(MlopsProperties.DEPLOY_BAKING_PERIOD, pom.bakingPeriod());
    }
}
