package dev.mlops.runtime;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MapHyperparametersTest {

    private final Hyperparameters hyperparameters = new MapHyperparameters(ordered(
            "epochs", " 12 ", "rate", "0.5", "optimizer", "adam", "big", "1e400"));

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void typedAccessorsParseAndFallBackOnDefaults() {
        assertEquals(12, hyperparameters.integer("epochs", 1, 1, 100));
        assertEquals(7, hyperparameters.integer("absent", 7, 1, 100));
        assertEquals(0.5, hyperparameters.number("rate", 0.1, 0, 1));
        assertEquals("adam", hyperparameters.choice("optimizer", "sgd", List.of("sgd", "adam")));
        assertEquals(Optional.empty(), hyperparameters.string("absent"));
        assertEquals("x", hyperparameters.string("absent", "x"));
    }

    @Test
    void outOfRangeValuesNameTheHyperparameterValueAndRange() {
        assertEquals("hyperparameter 'epochs' must be an integer in [1, 10], got ' 12 '",
                assertThrows(IllegalArgumentException.class, () -> hyperparameters.integer("epochs", 1, 1, 10)).getMessage());
        assertEquals("hyperparameter 'rate' must be a number in [0.0, 0.1], got '0.5'",
                assertThrows(IllegalArgumentException.class, () -> hyperparameters.number("rate", 0, 0, 0.1)).getMessage());
        assertEquals("hyperparameter 'big' must be a number in [0.0, 1.0], got '1e400'",
                assertThrows(IllegalArgumentException.class, () -> hyperparameters.number("big", 0, 0, 1)).getMessage());
        assertEquals("hyperparameter 'optimizer' must be one of [sgd, rmsprop], got 'adam'",
                assertThrows(IllegalArgumentException.class,
                        () -> hyperparameters.choice("optimizer", "sgd", List.of("sgd", "rmsprop"))).getMessage());
    }

    @Test
    void requireOnlyNamesEveryUnknownOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> hyperparameters.requireOnly(List.of("optimizer", "epochs")));
        assertEquals("unknown hyperparameters 'rate', 'big'; this model accepts: epochs, optimizer. "
                + "Check the spelling or remove them", e.getMessage());
    }
}
