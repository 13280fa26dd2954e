package dev.mlops.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.train.TrainingRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainMojoTest {

    @TempDir Path temp;

    private final Properties commandLine = new Properties();
    private final Map<String, String> environment = new HashMap<>();
    private TrainMojo mojo;

    @BeforeEach
    void configureLikeThePom() throws Exception {
        mojo = new TrainMojo() {
            @Override
            Properties userProperties() {
                return commandLine;
            }

            @Override
            Map<String, String> environment() {
                return environment;
            }
        };
        MavenProject project = new MavenProject();
        project.setArtifactId("spam-classifier");
        project.setFile(Files.createFile(temp.resolve("pom.xml")).toFile());
        mojo.project = project;
        mojo.backend = "local";
        mojo.timeout = "PT2H";
        mojo.channels = Map.of("train", "data/train");
        mojo.hyperparameters = Map.of("epochs", "5");
        set("model", "spam-classifier");
        set("store", "file:" + temp.resolve("store"));
        set("outputDirectory", temp.resolve("target/mlops").toFile());
        set("endpointsDirectory", temp.resolve("endpoints").toFile());
    }

    @Test
    void pomValuesBecomeTheRequestWithChannelsResolvedAgainstTheProject() {
        TrainingRequest request = mojo.settings().request();
        assertEquals("spam-classifier", request.model().value());
        assertTrue(request.version().isEmpty());
        assertEquals(Map.of("train", temp.resolve("data/train")), request.channels());
        assertEquals(Map.of("epochs", "5"), request.hyperparameters());
        assertEquals(temp.resolve("target/mlops"), request.outputDir());
    }

    @Test
    void commandLineOverridesVersionChannelsAndHyperparameters() {
        commandLine.setProperty("mlops.version", "1.2.0");
        commandLine.setProperty("mlops.channel.train", "/data/big");
        commandLine.setProperty("mlops.channel.test", "data/test");
        commandLine.setProperty("mlops.hyperparameter.epochs", "9");
        commandLine.setProperty("mlops.train.jvmArgs", " -Xmx1g  -Dx=y ");
        commandLine.setProperty("mlops.train.timeout", "PT5M");

        TrainingRequest request = mojo.settings().request();
        assertEquals("1.2.0", request.version().orElseThrow().value());
        assertEquals(Map.of("train", Path.of("/data/big"), "test", temp.resolve("data/test")), request.channels());
        assertEquals(Map.of("epochs", "9"), request.hyperparameters());
        assertEquals(List.of("-Xmx1g", "-Dx=y"), localSettingsWithoutClasspath().jvm().jvmArgs());
        assertEquals(Duration.ofMinutes(5), localSettingsWithoutClasspath().timeout());
    }

    @Test
    void theCommitAndTheActorComeFromTheCiEnvironment() {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        environment.put("CI_COMMIT_SHA", sha);
        environment.put("CI_JOB_URL", "https://gitlab.example.com/team/spam/-/jobs/42");
        environment.put("GITLAB_USER_LOGIN", "alice");
        assertEquals(sha, mojo.settings().request().gitCommit().orElseThrow());
        assertEquals("alice via https://gitlab.example.com/team/spam/-/jobs/42", mojo.actor());
    }

    @Test
    void outsideCiTheActorIsTheOsUser() {
        assertEquals(System.getProperty("user.name", "unknown"), mojo.actor());
    }

    @Test
    void anUnknownBackendIsAFailureNamingItAndTheKnownOnes() {
        commandLine.setProperty("mlops.backend", "sagemakr");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().contains("'sagemakr'") && e.getMessage().contains("local"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("store")), "nothing may be stored");
    }

    @Test
    void aCoreErrorIsSpelledInMavensWordsOnceWithTheCoreExceptionKeptForDashE() {
        commandLine.setProperty("mlops.version", "v1");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertTrue(e.getMessage().endsWith("Pass it as -Dmlops.version=<version>."), e.getMessage());
        // Maven appends each cause's message it does not contain: the core's neutral words must not be one
        assertEquals(null, e.getCause());
        assertTrue(e.getSuppressed()[0] instanceof dev.mlops.core.ConfigurationException, List.of(e.getSuppressed()).toString());
    }

    @Test
    void anInvalidVersionOrTimeoutIsAFailure() {
        commandLine.setProperty("mlops.version", "v1");
        assertTrue(assertThrows(MojoFailureException.class, mojo::execute).getMessage().contains("'v1'"));
        commandLine.remove("mlops.version");
        commandLine.setProperty("mlops.train.timeout", "two hours");
        assertTrue(assertThrows(MojoFailureException.class, mojo::execute).getMessage().contains("'two hours'"));
    }

    @Test
    void skipFlagsStopBeforeAnyWork() throws MojoExecutionException, MojoFailureException {
        mojo.backend = "no-such-backend"; // would fail if the goal ran
        commandLine.setProperty("mlops.skip", "true");
        mojo.execute();
        commandLine.remove("mlops.skip");
        commandLine.setProperty("mlops.train.skip", "");
        mojo.execute();
    }

    private dev.mlops.core.train.LocalTrainingBackend.Settings localSettingsWithoutClasspath() {
        mojo.project.getBuild().setOutputDirectory(temp.resolve("classes").toString());
        return mojo.settings().local();
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        var declared = AbstractMlopsMojo.class.getDeclaredField(field);
        declared.setAccessible(true);
        declared.set(mojo, value instanceof File f ? f : value);
    }
}
