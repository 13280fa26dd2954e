package dev.mlops.maven.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.evaluate.TaskType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.junit.jupiter.api.Test;

/** One reader per value type; each refusal names the -D property, the POM element and the value. */
class SettingsReaderTest {

    private final Properties commandLine = new Properties();
    private final SettingsReader read = new SettingsReader(commandLine, PomElements.of(goal(
            parameter("port", "${mlops.deploy.port}"), parameter("startupTimeout", "${mlops.deploy.startupTimeout}"),
            parameter("task", "${mlops.evaluate.task}"), parameter("channels", null))));

    @Test
    void aDashDPropertyBeatsThePomAndABareFlagMeansTrue() {
        commandLine.setProperty("mlops.backend", "sagemaker");
        commandLine.setProperty("mlops.skip", "");
        commandLine.setProperty("mlops.train.skip", "false");
        assertEquals("sagemaker", read.string("mlops.backend", "local"));
        assertEquals("local", read.string("mlops.other", "local"));
        assertTrue(read.flag("mlops.skip", false));
        assertFalse(read.flag("mlops.train.skip", true));
        assertTrue(read.flag("mlops.unset", true));
        assertEquals(Optional.empty(), read.optional("mlops.unset", "  "));
    }

    @Test
    void prefixedPropertiesAddToAndReplaceMapEntries() {
        commandLine.setProperty("mlops.hyperparameter.epochs", "9");
        commandLine.setProperty("mlops.hyperparameter.seed", "7");
        commandLine.setProperty("mlops.hyperparameter.", "ignored: no name");
        assertEquals(Map.of("epochs", "9", "seed", "7", "ngrams", "2"),
                read.map("mlops.hyperparameter.", Map.of("epochs", "5", "ngrams", "2")));
        assertEquals(Map.of(), read.map("mlops.channel.", null));
    }

    @Test
    void aPortOutOfRangeNamesThePropertyTheElementAndTheRange() {
        commandLine.setProperty("mlops.deploy.port", "70000");
        assertEquals("-Dmlops.deploy.port is 70000 (<port> in the plugin configuration): give a whole number from 0 to"
                + " 65535.", refusal(() -> read.integer("mlops.deploy.port", "0", 0, 65535)));
    }

    @Test
    void aWordWhereANumberBelongsIsQuotedWithoutTheJdksText() {
        commandLine.setProperty("mlops.deploy.port", "http");
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> read.integer("mlops.deploy.port", "0", 0, 65535));
        assertEquals("-Dmlops.deploy.port is 'http' (<port> in the plugin configuration): give a whole number from 0 to"
                + " 65535.", refused.getMessage());
        assertNull(refused.getCause(), "Maven would print the cause's \"For input string\" after the message");
    }

    @Test
    void aBadPomValueNamesTheElementFirstAndThePropertyToOverrideIt() {
        assertEquals("<port> is 'many' in the plugin configuration (-Dmlops.deploy.port): give a whole number from 0"
                + " to 65535.", refusal(() -> read.integer("mlops.deploy.port", "many", 0, 65535)));
        assertEquals(8080, read.integer("mlops.deploy.port", " 8080 ", 0, 65535));
        assertEquals(17179869184L, read.longValue("mlops.archive.maxUnpackedBytes", "17179869184", 1, Long.MAX_VALUE));
        assertTrue(refusal(() -> read.longValue("mlops.archive.maxUnpackedBytes", "0", 1, Long.MAX_VALUE))
                .startsWith("its element is 0 in the plugin configuration (-Dmlops.archive.maxUnpackedBytes)"));
    }

    @Test
    void durationsArePositiveIso8601() {
        assertEquals(Duration.ofMinutes(2), read.duration("mlops.deploy.startupTimeout", "PT2M"));
        commandLine.setProperty("mlops.deploy.startupTimeout", "-PT1M");
        assertEquals("-Dmlops.deploy.startupTimeout is -PT1M (<startupTimeout> in the plugin configuration): give a"
                + " positive ISO-8601 duration such as PT30M or PT2H.",
                refusal(() -> read.duration("mlops.deploy.startupTimeout", "PT2M")));
        commandLine.setProperty("mlops.deploy.startupTimeout", "soon");
        assertTrue(refusal(() -> read.duration("mlops.deploy.startupTimeout", "PT2M")).startsWith(
                "-Dmlops.deploy.startupTimeout is 'soon' "));
    }

    @Test
    void anEnumIsReadByItsLabelAndAMisspellingGetsTheNearest() {
        assertEquals(TaskType.REGRESSION, read.enumValue("mlops.evaluate.task", "regression", TaskType.class, TaskType::label));
        commandLine.setProperty("mlops.evaluate.task", "regresion");
        assertEquals("-Dmlops.evaluate.task is 'regresion' (<task> in the plugin configuration): give one of"
                + " classification, regression. Did you mean 'regression'?",
                refusal(() -> read.enumValue("mlops.evaluate.task", "classification", TaskType.class, TaskType::label)));
    }

    @Test
    void listsAndUrls() {
        assertEquals(List.of("-Xmx1g", "-Dx=y"), read.list("mlops.train.jvmArgs", " -Xmx1g   -Dx=y "));
        assertEquals(List.of(), read.list("mlops.train.jvmArgs", null));
        assertEquals(Optional.of(URI.create("https://ecr.example.com")), read.httpUrl("mlops.ecr.endpoint",
                "https://ecr.example.com"));
        assertEquals(Optional.empty(), read.httpUrl("mlops.ecr.endpoint", " "));
        assertTrue(refusal(() -> read.httpUrl("mlops.ecr.endpoint", "ecr.example.com")).contains("'ecr.example.com'"));
    }

    @Test
    void theElementNamesOfAGoalComeFromThisPluginsDescriptor() {
        PomElements deploy = PomElements.ofOwnGoal("deploy");
        assertEquals(Optional.of("port"), deploy.elementOf("mlops.deploy.port"));
        assertEquals(Optional.of("skipDeploy"), deploy.elementOf("mlops.deploy.skip"));
        assertEquals(Optional.of("timeout"), PomElements.ofOwnGoal("train").elementOf("mlops.train.timeout"));
        assertEquals(Optional.empty(), deploy.elementOf("mlops.train.timeout"));
    }

    private static String refusal(Runnable read) {
        return assertThrows(ConfigurationException.class, read::run).getMessage();
    }

    private static MojoDescriptor goal(Parameter... parameters) {
        MojoDescriptor goal = new MojoDescriptor();
        try {
            for (Parameter parameter : parameters) {
                goal.addParameter(parameter);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return goal;
    }

    private static Parameter parameter(String name, String expression) {
        Parameter parameter = new Parameter();
        parameter.setName(name);
        parameter.setExpression(expression);
        return parameter;
    }
}
