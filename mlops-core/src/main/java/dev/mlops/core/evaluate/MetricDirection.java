package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.io.NearestName;
import java.util.Locale;

/** Whether a larger value of a metric is better (accuracy) or worse (log loss, RMSE). */
public enum MetricDirection {
    HIGHER,
    LOWER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How much better {@code candidate} is than {@code reference}: positive is better in either direction. */
    public double improvement(double candidate, double reference) {
        return this == HIGHER ? candidate - reference : reference - candidate;
    }

    public static MetricDirection parse(String value) {
        for (MetricDirection direction : values()) {
            if (direction.label().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return direction;
            }
        }
        throw new ConfigurationException(Text.of("Unknown metric direction '" + value + "': use higher or lower in ",
                Setting.GATE_DIRECTION, ".",
                NearestName.hint(value, java.util.Arrays.stream(values()).map(MetricDirection::label).toList())));
    }
}
