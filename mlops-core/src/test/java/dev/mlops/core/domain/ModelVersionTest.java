package dev.mlops.core.domain;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelVersionTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.1", "1.4.0", "1.4.0-rc.1", "1.4.0-mr.12.abc1234", "10.20.30-alpha-1"})
    void acceptsSemanticVersions(String value) {
        assertEquals(value, new ModelVersion(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "v1.2.3", "01.2.3", "1.2.3+build.5", "1.2.3-", "1.2.3-01", "latest", "1.2.3/x"})
    void rejectsAnythingElseNamingTheValueAndTheProperty(String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ModelVersion(value));
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertEquals(Setting.VERSION, e.setting().orElseThrow(), e.getMessage());
    }

    @Test
    void developmentVersionsAreMarkedAndOrderedByTime() {
        ModelVersion version = ModelVersion.development(Instant.parse("2026-11-25T16:14:40Z"));
        assertEquals("0.0.0-dev.20261125161440", version.value());
        assertTrue(version.isDevelopment());
    }
}
