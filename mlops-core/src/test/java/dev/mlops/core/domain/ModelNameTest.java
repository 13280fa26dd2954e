package dev.mlops.core.domain;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"spam-classifier", "m", "fraud.v2", "a_b-c9"})
    void acceptsLowerCaseNames(String value) {
        assertEquals(value, new ModelName(value).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Spam", "-spam", "spam-", "spam classifier", "../etc", "a/b"})
    void rejectsNamesThatCannotBePathsOrRepositories(String value) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new ModelName(value));
        assertTrue(e.getMessage().contains("'" + value + "'") && e.text().settings().contains(Setting.MODEL),
                e.getMessage());
    }
}
