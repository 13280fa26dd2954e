package dev.mlops.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void aDashDPropertyBeatsThePom() {
        Properties given = new Properties();
        given.setProperty("mlops.backend", "sagemaker");
        CommandLine commandLine = new CommandLine(given);
        assertEquals("sagemaker", commandLine.string("mlops.backend", "local"));
        assertEquals("local", commandLine.string("mlops.other", "local"));
    }

    @Test
    void aBareFlagMeansTrue() {
        Properties given = new Properties();
        given.setProperty("mlops.skip", "");
        given.setProperty("mlops.train.skip", "false");
        CommandLine commandLine = new CommandLine(given);
        assertTrue(commandLine.flag("mlops.skip", false));
        assertFalse(commandLine.flag("mlops.train.skip", true));
        assertTrue(commandLine.flag("mlops.unset", true));
    }

    @Test
    void prefixedPropertiesAddToAndReplaceMapEntries() {
        Properties given = new Properties();
        given.setProperty("mlops.hyperparameter.epochs", "9");
        given.setProperty("mlops.hyperparameter.seed", "7");
        given.setProperty("mlops.hyperparameter.", "ignored: no name");
        CommandLine commandLine = new CommandLine(given);
        assertEquals(Map.of("epochs", "9", "seed", "7", "ngrams", "2"),
                commandLine.map("mlops.hyperparameter.", Map.of("epochs", "5", "ngrams", "2")));
        assertEquals(Map.of(), new CommandLine(new Properties()).map("mlops.channel.", null));
    }
}
