package dev.mlops.core.deploy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.ModelVersion;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a new version takes over an endpoint's traffic, and when it is rolled back on its own: the same
 * policy on every backend, so that what passes locally behaves the same on SageMaker.
 *
 * @param shift how traffic moves to the new version
 * @param thresholds the new version's limits while it takes over; crossing one rolls it back
 * @param alarms further alarms (CloudWatch alarm names on SageMaker) that roll the deployment back
 * @param shadow a stored version that receives a copy of the endpoint's traffic, whose answers are not returned
 * @param dataCapturePercent the share of requests and answers recorded, 0 (none) to 100
 */
public record DeploymentPolicy(TrafficShift shift, RollbackThresholds thresholds, List<String> alarms,
        Optional<ModelVersion> shadow, int dataCapturePercent) {

    /** Everything at once after the smoke test, rolled back on 5 % errors or a p99 above one second; no shadow, no capture. */
    public static final DeploymentPolicy DEFAULT = new DeploymentPolicy(new AllAtOnce(),
            new RollbackThresholds(0.05, Duration.ofSeconds(1)), List.of(), Optional.empty(), 0);

    public DeploymentPolicy {
        alarms = List.copyOf(alarms);
        if (dataCapturePercent < 0 || dataCapturePercent > 100) {
            throw new ConfigurationException(Text.of("Invalid data capture share " + dataCapturePercent
                    + " %: give a whole number from 0 (no capture) to 100. Fix ", Setting.DEPLOY_DATA_CAPTURE_PERCENT, "."));
        }
    }

    public DeploymentPolicy withShift(TrafficShift next) {
        return new DeploymentPolicy(next, thresholds, alarms, shadow, dataCapturePercent);
    }

    /** How traffic moves from the version serving to the new one. */
    public sealed interface TrafficShift permits AllAtOnce, Canary, Linear {

        /** The name users choose it by ({@code deploy.strategy}). */
        String label();
    }

    /** Blue/green: all traffic moves to the new version at once, once it has passed the smoke test. */
    public record AllAtOnce() implements TrafficShift {
        @Override
        public String label() {
            return "all-at-once";
        }
    }

    /**
     * A share of the traffic goes to the new version for {@code baking}; if no threshold is crossed, the rest follows.
     *
     * @param percent the new version's share during baking, 1 to 99
     */
    public record Canary(int percent, Duration baking) implements TrafficShift {
        public Canary {
            requireShare(percent, 1, 99, Setting.DEPLOY_CANARY_PERCENT);
            requirePositive(baking);
        }

        @Override
        public String label() {
            return "canary";
        }
    }

    /**
     * The new version's share grows by {@code stepPercent} every {@code interval} until it has all traffic.
     *
     * @param stepPercent 1 to 50, so that there are at least two steps
     */
    public record Linear(int stepPercent, Duration interval) implements TrafficShift {
        public Linear {
            requireShare(stepPercent, 1, 50, Setting.DEPLOY_LINEAR_STEP_PERCENT);
            requirePositive(interval);
        }

        /** The new version's share after each step, ending at 100. */
        public List<Integer> shares() {
            List<Integer> shares = new java.util.ArrayList<>();
            for (int share = stepPercent; share < 100; share += stepPercent) {
                shares.add(share);
            }
            shares.add(100);
            return List.copyOf(shares);
        }

        @Override
        public String label() {
            return "linear";
        }
    }

    /**
     * The new version's limits while it takes over.
     *
     * @param maxErrorRate the share of its invocations that may fail (5xx), from 0 (exclusive) to 1
     * @param maxLatencyP99 the 99th percentile of its model latency that may not be exceeded
     */
    public record RollbackThresholds(double maxErrorRate, Duration maxLatencyP99) {
        public RollbackThresholds {
            if (!(maxErrorRate > 0 && maxErrorRate <= 1)) {
                throw new ConfigurationException(Text.of("Invalid maximum error rate " + maxErrorRate
                        + ": give a share above 0 and at most 1, e.g. 0.05 for 5 %. Fix ", Setting.DEPLOY_MAX_ERROR_RATE, "."));
            }
            if (maxLatencyP99.isNegative() || maxLatencyP99.isZero()) {
                throw new ConfigurationException(Text.of("Invalid maximum p99 latency " + maxLatencyP99
                        + ": give a positive ISO-8601 duration such as PT1S. Fix ", Setting.DEPLOY_MAX_LATENCY_P99, "."));
            }
        }
    }

    private static void requireShare(int percent, int min, int max, Setting setting) {
        if (percent < min || percent > max) {
            throw new ConfigurationException(Text.of("Invalid traffic share " + percent + " %: give a whole number from "
                    + min + " to " + max + ". Fix ", setting, "."));
        }
    }

    private static void requirePositive(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new ConfigurationException(Text.of("Invalid baking period " + period
                    + ": give a positive ISO-8601 duration such as PT5M. Fix ", Setting.DEPLOY_BAKING_PERIOD, "."));
        }
    }
}
