package dev.mlops.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

class UnknownPropertiesTest {

    private final Properties commandLine = new Properties();
    private final Properties pom = new Properties();

    @Test
    void aTypoIsAnsweredWithTheNearestKnownProperty() {
        commandLine.setProperty("mlops.endpointsDirectory", "/tmp/endpoints");
        assertEquals(List.of("Unknown property -Dmlops.endpointsDirectory: did you mean -Dmlops.endpoints?"),
                UnknownProperties.warnings(commandLine, pom));
    }

    @Test
    void aTypoInAFamilyKeepsTheNameAfterIt() {
        commandLine.setProperty("mlops.chanel.train", "data");
        commandLine.setProperty("mlops.hyperparameters.epochs", "3");
        commandLine.setProperty("mlops.gate.gaurd.recall.spam", "0.01");
        assertEquals(List.of("Unknown property -Dmlops.chanel.train: did you mean -Dmlops.channel.train?",
                        "Unknown property -Dmlops.gate.gaurd.recall.spam: did you mean -Dmlops.gate.guard.recall.spam?",
                        "Unknown property -Dmlops.hyperparameters.epochs: did you mean -Dmlops.hyperparameter.epochs?"),
                UnknownProperties.warnings(commandLine, pom));
    }

    @Test
    void propertiesOfOtherGoalsFamiliesAndOtherToolsAreNotWarnedAbout() {
        commandLine.setProperty("mlops.deploy.port", "8080"); // on mlops:train: the CI templates pass many
        commandLine.setProperty("mlops.image.source", "https://example.com/repo");
        commandLine.setProperty("mlops.channel.test", "data/test");
        commandLine.setProperty("mlops.gate.floor.accuracy", "0.9");
        commandLine.setProperty("mlops.gate.ceiling.log_loss", "0.5");
        commandLine.setProperty("mlops.hyperparameter.learning-rate", "0.1");
        commandLine.setProperty("jib.allowInsecureRegistries", "true");
        commandLine.setProperty("maven.repo.local", "/tmp/m2");
        assertEquals(List.of(), UnknownProperties.warnings(commandLine, pom));
    }

    @Test
    void aFamilyWithoutANameIsUnknown() {
        commandLine.setProperty("mlops.channel.", "data");
        assertEquals(1, UnknownProperties.warnings(commandLine, pom).size());
    }

    @Test
    void aNameNearNothingSaysSo() {
        commandLine.setProperty("mlops.colour", "blue");
        assertEquals(List.of("Unknown property -Dmlops.colour: no mlops goal reads it."),
                UnknownProperties.warnings(commandLine, pom));
    }

    @Test
    void aPomPropertyWithATypoIsWarnedAboutAsSuch() {
        pom.setProperty("mlops.stor", "file:/srv/store");
        pom.setProperty("mlops.store", "file:/srv/store");
        assertEquals(List.of("Unknown property mlops.stor in the POM's <properties>: did you mean mlops.store?"),
                UnknownProperties.warnings(commandLine, pom));
    }

    @Test
    void aPomPropertyMlopsVersionIsWarnedAboutUnlessTheCommandLineOverridesIt() {
        pom.setProperty("mlops.version", "0.1.0-SNAPSHOT");
        List<String> warnings = UnknownProperties.warnings(commandLine, pom);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("The POM property mlops.version (0.1.0-SNAPSHOT) is the model version"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("mlops-maven-plugin.version"), warnings.get(0));

        commandLine.setProperty("mlops.version", "1.0.0");
        assertEquals(List.of(), UnknownProperties.warnings(commandLine, pom));
    }

    @Test
    void eachWarningIsLoggedOncePerBuild() {
        commandLine.setProperty("mlops.endpointsDirectory", "/tmp/endpoints");
        RecordingLog log = new RecordingLog();
        Object build = new Object();
        UnknownProperties.warnOnce(build, commandLine, pom, log); // mlops:train
        UnknownProperties.warnOnce(build, commandLine, pom, log); // mlops:evaluate, or the next module
        assertEquals(List.of("Unknown property -Dmlops.endpointsDirectory: did you mean -Dmlops.endpoints?"), log.warnings);

        UnknownProperties.warnOnce(new Object(), commandLine, pom, log); // the next build in a daemon
        assertEquals(2, log.warnings.size());
    }

    private static final class RecordingLog extends SystemStreamLog {
        final List<String> warnings = new ArrayList<>();

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
        }
    }
}
