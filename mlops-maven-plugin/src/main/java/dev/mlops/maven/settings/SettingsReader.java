package dev.mlops.maven.settings;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.io.NearestName;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads one goal's parameters into typed values, once: a {@code -D} property beats the POM's value (as
 * Jib does, because the CI templates pass their inputs that way), and every refusal names the property,
 * the POM element and the value, e.g. {@code -Dmlops.deploy.port is 'http' (<port> in the plugin
 * configuration): give a whole number from 0 to 65535.}
 */
public final class SettingsReader {

    private final Properties commandLine;
    private final PomElements elements;

    /**
     * @param commandLine the build's {@code -D} properties
     * @param elements the POM element of each property, for messages
     */
    public SettingsReader(Properties commandLine, PomElements elements) {
        this.commandLine = commandLine;
        this.elements = elements;
    }

    /** The value as given: {@code -D} if passed, else the POM's (which may be null). */
    public String string(String property, String pomValue) {
        String given = commandLine.getProperty(property);
        return given != null ? given : pomValue;
    }

    /** The value trimmed, empty when absent or blank. */
    public Optional<String> optional(String property, String pomValue) {
        return Optional.ofNullable(string(property, pomValue)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A bare {@code -Dmlops.skip} means true. */
    public boolean flag(String property, boolean pomValue) {
        String given = commandLine.getProperty(property);
        return given != null ? given.isEmpty() || Boolean.parseBoolean(given) : pomValue;
    }

    /** A whole number from {@code min} to {@code max}. */
    public int integer(String property, String pomValue, int min, int max) {
        return (int) longValue(property, pomValue, min, max);
    }

    /** A whole number from {@code min} to {@code max}. */
    public long longValue(String property, String pomValue, long min, long max) {
        String text = string(property, pomValue);
        String rule = "give a whole number from " + min + " to " + max;
        long value;
        try {
            value = Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            // no cause: Maven would print the JDK's "For input string" after the message
            throw refused(property, quoted(text), rule);
        }
        if (value < min || value > max) {
            throw refused(property, Long.toString(value), rule);
        }
        return value;
    }

    /** A number above {@code minExclusive} and at most {@code max}, such as {@code 0.05}. */
    public double decimal(String property, String pomValue, double minExclusive, double max) {
        String text = string(property, pomValue);
        String rule = "give a number above " + minExclusive + " and at most " + max;
        double value;
        try {
            value = Double.parseDouble(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw refused(property, quoted(text), rule);
        }
        if (!(value > minExclusive && value <= max)) {
            throw refused(property, text.trim(), rule);
        }
        return value;
    }

    /** A positive ISO-8601 duration such as {@code PT30M}. */
    public Duration duration(String property, String pomValue) {
        String text = string(property, pomValue);
        String rule = "give a positive ISO-8601 duration such as PT30M or PT2H";
        Duration value;
        try {
            value = Duration.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw refused(property, quoted(text), rule);
        }
        if (value.isNegative() || value.isZero()) {
            throw refused(property, text.trim(), rule);
        }
        return value;
    }

    /** Words separated by spaces, e.g. JVM flags ({@code -Xmx1g -XX:+UseG1GC}); none when blank. */
    public List<String> list(String property, String pomValue) {
        return optional(property, pomValue).map(text -> List.of(text.split("\\s+"))).orElse(List.of());
    }

    /** Names or ids separated by commas or spaces ({@code subnet-1,subnet-2}); none when blank. */
    public List<String> names(String property, String pomValue) {
        return optional(property, pomValue).map(text -> Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** One of {@code type}'s constants by its {@code label}, with the nearest one when misspelt. */
    public <E extends Enum<E>> E enumValue(String property, String pomValue, Class<E> type, Function<E, String> label) {
        String text = string(property, pomValue);
        List<String> known = Arrays.stream(type.getEnumConstants()).map(label).toList();
        String given = text == null ? "" : text.trim();
        return Arrays.stream(type.getEnumConstants()).filter(e -> label.apply(e).equals(given)).findFirst()
                .orElseThrow(() -> new ConfigurationException(refused(property, quoted(text), "give one of "
                        + String.join(", ", known)).getMessage() + NearestName.hint(given.toLowerCase(Locale.ROOT), known)));
    }

    /** An absolute {@code http} or {@code https} URL, when given. */
    public Optional<URI> httpUrl(String property, String pomValue) {
        Optional<String> text = optional(property, pomValue);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw refused(property, quoted(text.get()), "give an http or https URL such as https://host.example.com");
    }

    /** The POM's map with every {@code -D<prefix><key>=<value>} added or replacing, sorted by key. */
    public Map<String, String> map(String prefix, Map<String, String> pomValues) {
        Map<String, String> merged = new TreeMap<>();
        if (pomValues != null) {
            merged.putAll(pomValues);
        }
        for (String name : commandLine.stringPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                merged.put(name.substring(prefix.length()), commandLine.getProperty(name));
            }
        }
        return merged;
    }

    /**
     * A refusal of {@code property}'s value: where it was set (the {@code -D} flag or the POM element,
     * and the other way to set it), what it was, and {@code rule}.
     *
     * @param shown the value as the message shows it (quoted when it is not even of the right kind)
     */
    public ConfigurationException refused(String property, String shown, String rule) {
        String element = elements.elementOf(property).map(e -> "<" + e + ">").orElse("its element");
        String where = commandLine.getProperty(property) != null
                ? "-D" + property + " is " + shown + " (" + element + " in the plugin configuration)"
                : element + " is " + shown + " in the plugin configuration (-D" + property + ")";
        return new ConfigurationException(where + ": " + rule + ".");
    }

    private static String quoted(String text) {
        return text == null ? "not set" : "'" + text + "'";
    }
}
