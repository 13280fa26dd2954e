package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** ISO-8601 durations from the POM or the command line. */
final class Durations {

    private Durations() {}

    /** @throws ConfigurationException naming the element and property when {@code value} is not a positive duration */
    static Duration parse(String value, String element, String property) {
        try {
            Duration parsed = Duration.parse(value);
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (DateTimeParseException | NullPointerException e) {
            // reported below
        }
        throw new ConfigurationException("Invalid " + element + " '" + value + "': give a positive ISO-8601 duration"
                + " such as PT30M or PT2H in <" + element + "> or -D" + property + ".");
    }
}
