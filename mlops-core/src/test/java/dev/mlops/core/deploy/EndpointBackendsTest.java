package dev.mlops.core.deploy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointBackendsTest {

    @Test
    void anUnknownBackendIsNamedWithTheKnownOnesAndTheFix() {
        assertEquals("local", EndpointBackends.requireKnown(" local "));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> EndpointBackends.requireKnown("sagemakr"));
        assertTrue(e.getMessage().contains("'sagemakr'") && e.getMessage().contains("Known backends: local")
                && e.text().values().contains(Setting.BACKEND.is("local")), e.getMessage());
    }

    @Test
    void aMisspeltBackendIsAnsweredWithTheNearestOne() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> EndpointBackends.requireKnown("locl"));
        assertTrue(e.getMessage().contains("Did you mean 'local'?"), e.getMessage());
        ConfigurationException training = assertThrows(ConfigurationException.class,
                () -> dev.mlops.core.train.TrainingBackends.requireKnown("lokal"));
        assertTrue(training.getMessage().contains("Did you mean 'local'?"), training.getMessage());
    }
}
