package dev.mlops.runtime;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to hyperparameters. Every accessor names the hyperparameter and the bad value in
 * its {@link IllegalArgumentException}, so that the failure file tells the user what to fix.
 */
public interface Hyperparameters {

    Map<String, String> asMap();

    Optional<String> string(String name);

    String string(String name, String defaultValue);

    /** @throws IllegalArgumentException when present but not an integer within [min, max] */
    int integer(String name, int defaultValue, int min, int max);

    /** @throws IllegalArgumentException when present but not a finite number within [min, max] */
    double number(String name, double defaultValue, double min, double max);

    /** @throws IllegalArgumentException when present but not one of {@code options} */
    String choice(String name, String defaultValue, Collection<String> options);

    /** @throws IllegalArgumentException naming every hyperparameter not in {@code known}, and listing those */
    void requireOnly(Collection<String> known);
}
