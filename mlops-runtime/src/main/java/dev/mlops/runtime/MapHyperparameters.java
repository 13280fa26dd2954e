package dev.mlops.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link Hyperparameters} over a map of strings, as SageMaker passes them. Model authors can
 * build one directly in their unit tests.
 */
public final class MapHyperparameters implements Hyperparameters {

    /** Names SageMaker itself may add (automatic model tuning, script mode); {@link #requireOnly} tolerates them. */
    private static final List<String> SAGEMAKER_PREFIXES = List.of("_tuning_objective_metric", "sagemaker_");

    private final Map<String, String> values;

    /** Copies {@code values}, keeping their order (the order of {@link #requireOnly}'s message). */
    public MapHyperparameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public Optional<String> string(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    @Override
    public int integer(String name, int defaultValue, int min, int max) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notAnInteger) {
            // reported below, with the accepted range
        }
        throw new IllegalArgumentException("hyperparameter '" + name + "' must be an integer in [" + min + ", " + max
                + "], got '" + raw + "'");
    }

    @Override
    public double number(String name, double defaultValue, double min, double max) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (Double.isFinite(value) && value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted range
        }
        throw new IllegalArgumentException("hyperparameter '" + name + "' must be a number in [" + min + ", " + max
                + "], got '" + raw + "'");
    }

    @Override
    public String choice(String name, String defaultValue, Collection<String> options) {
        String raw = values.get(name);
        if (raw == null) {
            return defaultValue;
        }
        if (options.contains(raw)) {
            return raw;
        }
        throw new IllegalArgumentException("hyperparameter '" + name + "' must be one of " + List.copyOf(options)
                + ", got '" + raw + "'");
    }

    @Override
    public void requireOnly(Collection<String> known) {
        List<String> unknown = new ArrayList<>();
        for (String name : values.keySet()) {
            if (!known.contains(name) && SAGEMAKER_PREFIXES.stream().noneMatch(name::startsWith)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            String names = unknown.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
            throw new IllegalArgumentException("unknown hyperparameter" + (unknown.size() > 1 ? "s " : " ") + names
                    + "; this model accepts: " + (known.isEmpty() ? "none" : String.join(", ", known.stream().sorted().toList()))
                    + ". Check the spelling or remove " + (unknown.size() > 1 ? "them" : "it"));
        }
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
