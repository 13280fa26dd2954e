package dev.mlops.runtime;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to hyperparameters. SageMaker passes every value as a string (and so do
 * {@code mlops:train}'s {@code <hyperparameters>}); each reader parses one, and when it is present but
 * wrong throws an {@link IllegalArgumentException} that names the hyperparameter, the accepted values and
 * the value given, so that the failure file tells the user what to fix. An absent hyperparameter gives
 * the default, which is not checked.
 */
public interface Hyperparameters {

    /** Every hyperparameter as given, names to string values. */
    Map<String, String> asMap();

    /** The value of {@code name} as given; empty when absent. Never fails. */
    Optional<String> string(String name);

    /** The value of {@code name} as given, or {@code defaultValue} when absent. Never fails. */
    String string(String name, String defaultValue);

    /**
     * A whole number within [min, max], or {@code defaultValue} when absent. Blanks around it are ignored.
     *
     * @throws IllegalArgumentException when present but not an integer within [min, max]:
     *     {@code hyperparameter 'epochs' must be an integer in [1, 100], got 'abc'}
     */
    int integer(String name, int defaultValue, int min, int max);

    /**
     * A finite decimal number within [min, max], or {@code defaultValue} when absent.
     *
     * @throws IllegalArgumentException when present but not a finite number within [min, max]:
     *     {@code hyperparameter 'l2' must be a number in [0.0, 1000.0], got '-1'}
     */
    double number(String name, double defaultValue, double min, double max);

    /**
     * One of {@code options} (exactly, case included), or {@code defaultValue} when absent.
     *
     * @throws IllegalArgumentException when present but not one of {@code options}:
     *     {@code hyperparameter 'loss' must be one of [squared, absolute], got 'huber'}
     */
    String choice(String name, String defaultValue, Collection<String> options);

    /**
     * Checks that every hyperparameter given is one the model knows; names SageMaker adds itself
     * ({@code sagemaker_*}, {@code _tuning_objective_metric}) are tolerated. Call it first, so that a
     * misspelt name fails instead of silently training with a default.
     *
     * @throws IllegalArgumentException naming every hyperparameter not in {@code known}, and listing those:
     *     {@code unknown hyperparameter 'epoch'; this model accepts: epochs, learning-rate. Check the spelling or remove it}
     */
    void requireOnly(Collection<String> known);
}
