package dev.mlops.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.core.ConfigurationException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Ports and counts are parsed by the plugin, so a bad one is named with its -D property (the catalogue's d-port-*). */
class WholeNumberParametersTest {

    private final Properties commandLine = new Properties();
    private final TrainMojo mojo = new TrainMojo() {
        @Override
        Properties userProperties() {
            return commandLine;
        }
    };

    @Test
    void aPortOutOfRangeNamesThePropertyAndTheRange() {
        ConfigurationException refused = refused(MlopsProperties.DEPLOY_PORT, "70000", AbstractModelMojo.MAX_PORT);
        assertEquals("-Dmlops.deploy.port is 70000; give a whole number from 0 to 65535 (there or in its element in the"
                + " plugin configuration).", refused.getMessage());
    }

    @Test
    void aWordWhereANumberBelongsIsNamedWithoutTheJdksText() {
        ConfigurationException refused = refused(MlopsProperties.DEPLOY_SMOKE_RECORDS, "many", Integer.MAX_VALUE);
        assertEquals("'many' is not a whole number: fix -Dmlops.deploy.smokeRecords or its element in the plugin"
                + " configuration.", refused.getMessage());
        assertNull(refused.getCause(), "Maven would print the cause's \"For input string\" after the message");
    }

    private ConfigurationException refused(String property, String commandLineValue, int max) {
        commandLine.setProperty(property, commandLineValue);
        return assertThrows(ConfigurationException.class, () -> mojo.integer(property, "5", 0, max));
    }

    @Test
    void thePomValueCountsWhenTheCommandLineHasNone() {
        assertEquals(8080, mojo.integer(MlopsProperties.SERVE_PORT, "8080", 0, AbstractModelMojo.MAX_PORT));
    }
}
