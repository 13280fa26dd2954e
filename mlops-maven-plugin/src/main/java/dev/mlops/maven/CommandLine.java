package dev.mlops.maven;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What the user passed with {@code -D}. Maven lets a value in the POM beat {@code -D}; we let
 * {@code -D} win (as Jib does), because the CI templates pass their inputs that way.
 */
final class CommandLine {

    private final Properties userProperties;

    CommandLine(Properties userProperties) {
        this.userProperties = userProperties;
    }

    String string(String property, String pomValue) {
        String given = userProperties.getProperty(property);
        return given != null ? given : pomValue;
    }

    boolean flag(String property, boolean pomValue) {
        String given = userProperties.getProperty(property);
        // a bare -Dmlops.skip means true
        return given != null ? given.isEmpty() || Boolean.parseBoolean(given) : pomValue;
    }

    /** {@code pomValues} with every {@code -D<prefix><key>=<value>} added or replacing. */
    Map<String, String> map(String prefix, Map<String, String> pomValues) {
        Map<String, String> merged = new TreeMap<>();
        if (pomValues != null) {
            merged.putAll(pomValues);
        }
        for (String name : userProperties.stringPropertyNames()) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                merged.put(name.substring(prefix.length()), userProperties.getProperty(name));
            }
        }
        return merged;
    }
}
