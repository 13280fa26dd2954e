package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadmeInputsTableTest {

    private static final Path COMPONENT = Path.of("").toAbsolutePath();

    @Test
    void readmeInputsTableMatchesTheSpecs() throws Exception {
        Path readme = COMPONENT.resolve("README.md");
        String current = Files.readString(readme);
        String generated = InputsTable.replaceIn(current, InputsTable.render(COMPONENT.resolve("templates")));
        if (Boolean.getBoolean("mlops.readme.update")) {
            Files.writeString(readme, generated);
        }
        assertEquals(generated, current, "gitlab-templates/README.md's inputs table drifted from templates/*.yml;"
                + " regenerate it: mvn -pl gitlab-templates test -Dtest=ReadmeInputsTableTest -Dmlops.readme.update=true");
    }

    @Test
    void everyInputIsTypedDescribedAndDefaultedOrRequired() {
        for (Path template : InputsTable.templates(COMPONENT.resolve("templates"))) {
            for (Map.Entry<String, Map<String, Object>> input : InputsTable.inputs(template).entrySet()) {
                String where = template.getFileName() + " input " + input.getKey();
                assertTrue(input.getValue().containsKey("type"), where + " has no type");
                Object description = input.getValue().get("description");
                assertTrue(description instanceof String s && s.endsWith("."), where + " needs a one-sentence description");
            }
        }
    }

    @Test
    void pluginVersionDefaultIsTheVersionReleasedWithTheTemplates() {
        String version = System.getProperty("mlops.test.pluginVersion");
        for (Path template : InputsTable.templates(COMPONENT.resolve("templates"))) {
            assertEquals(version, String.valueOf(InputsTable.inputs(template).get("plugin-version").get("default")),
                    template.getFileName() + ": plugin-version's default must be the project version");
        }
    }
}
