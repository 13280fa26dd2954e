package dev.mlops.core.domain;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.util.regex.Pattern;

/** A model's name: lower case, as it appears in store paths, image repositories and endpoint names. */
public record ModelName(String value) {

    // the rule of ECR repository names and SageMaker resource names, so one name fits everywhere
    private static final Pattern VALID = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,61}[a-z0-9])?");

    public ModelName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new ConfigurationException(Text.of("Invalid model name '" + value + "': use 1-63 lower-case letters,"
                    + " digits, '.', '_' or '-', starting and ending with a letter or digit. Set ",
                    Setting.MODEL.any("name"), "."));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
