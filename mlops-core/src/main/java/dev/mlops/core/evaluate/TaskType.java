package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.io.NearestName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What the model predicts, which decides the metrics: a class label, or a number. */
public enum TaskType {
    CLASSIFICATION,
    REGRESSION;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws ConfigurationException naming the value and the known task types */
    public static TaskType parse(String value) {
        List<String> known = Arrays.stream(values()).map(TaskType::label).toList();
        return Arrays.stream(values()).filter(t -> t.label().equals(value == null ? null : value.trim()))
                .findFirst()
                .orElseThrow(() -> new ConfigurationException(Text.of("Unknown task type '" + value
                        + "'. Known task types: " + String.join(", ", known) + "." + NearestName.hint(value, known)
                        + " Set ", Setting.EVALUATE_TASK.is(NearestName.among(value, known).orElse(CLASSIFICATION.label())),
                        ".")));
    }
}
