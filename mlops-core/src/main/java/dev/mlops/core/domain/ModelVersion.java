package dev.mlops.core.domain;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** A model version: a semantic version (semver.org 2.0.0), immutable once stored. */
public record ModelVersion(String value) {

    // semver.org's own regular expression, without build metadata ('+' is not allowed in image tags)
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?");

    private static final DateTimeFormatter DEV_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    public ModelVersion {
        if (value == null || value.length() > 128 || !SEMVER.matcher(value).matches()) {
            throw new ConfigurationException(Text.of("Invalid version '" + value + "': expected a semantic version such"
                    + " as 1.4.0 or 1.4.0-rc.1 (no build metadata). Pass it as ", Setting.VERSION.any("version"), "."));
        }
    }

    /** The version used when none is given: clearly a development build, unique to the second. */
    public static ModelVersion development(Instant now) {
        return new ModelVersion("0.0.0-dev." + DEV_STAMP.format(now));
    }

    public boolean isDevelopment() {
        return value.startsWith("0.0.0-dev.");
    }

    @Override
    public String toString() {
        return value;
    }
}
