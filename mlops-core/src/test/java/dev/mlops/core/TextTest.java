package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextTest {

    private final Text text = Text.of("Port ", 70000, " is out of range: set ", Setting.DEPLOY_PORT, " to a number,"
            + " e.g. ", Setting.DEPLOY_PORT.is(8080), ", or run ", Goal.UNDEPLOY, " then ",
            Goal.DEPLOY.with(Setting.VERSION.any("version")), ".");

    @Test
    void theNeutralSpellingNamesSettingsByKeyAndGoalsByName() {
        assertEquals("Port 70000 is out of range: set the setting 'deploy.port' to a number, e.g. deploy.port=8080, or"
                + " run the undeploy goal then the deploy goal with version=<version>.", text.toString());
    }

    @Test
    void settingsValuesAndGoalsAreData() {
        assertEquals(List.of(Setting.DEPLOY_PORT, Setting.DEPLOY_PORT, Setting.VERSION), text.settings());
        assertEquals(List.of(Setting.DEPLOY_PORT.is("8080"), Setting.VERSION.any("version")), text.values());
        assertEquals(List.of(Goal.UNDEPLOY, Goal.DEPLOY), text.goals());
        assertEquals(Optional.of(Setting.DEPLOY_PORT), new ConfigurationException(text).setting());
    }

    @Test
    void aTextInsideATextIsTakenApartAndAnExceptionKeepsItsText() {
        Text fix = Text.of(" Set ", Setting.channel("train").any("directory"), ".");
        ConfigurationException e = new ConfigurationException(Text.of("No data.", fix));
        assertEquals("No data. Set channel.train=<directory>.", e.getMessage());
        assertEquals(List.of(Setting.channel("train")), e.text().settings());
        assertEquals(Optional.of("channel"), Setting.channel("train").family());
        assertEquals(Optional.empty(), Setting.STORE.family());
    }
}
