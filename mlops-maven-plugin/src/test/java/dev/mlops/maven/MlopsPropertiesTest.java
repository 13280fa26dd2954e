package dev.mlops.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Keeps the one list of known properties, which the unknown-property warning checks, true to the goals. */
class MlopsPropertiesTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

    @Test
    void everyParameterPropertyOfEveryGoalIsKnown() throws Exception {
        Set<String> parameters = parameterProperties();
        assertTrue(parameters.size() > 30, "read too few properties from plugin.xml: " + parameters);
        Set<String> unknown = new TreeSet<>(parameters);
        unknown.removeAll(MlopsProperties.NAMES);
        assertEquals(Set.of(), unknown, "add these to MlopsProperties, or the goals that read them warn about them");
    }

    @Test
    void everyKnownPropertyIsReadBySomeGoal() throws IOException {
        String sources;
        try (Stream<Path> files = Files.walk(MODULE.resolve("src/main/java"))) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")
                    && !f.getFileName().toString().equals("MlopsProperties.java")).toList()) {
                texts.add(Files.readString(file));
            }
            sources = String.join("\n", texts);
        }
        List<String> unused = new ArrayList<>();
        for (Field field : MlopsProperties.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && !sources.contains("MlopsProperties." + field.getName())) {
                unused.add(field.getName());
            }
        }
        assertEquals(List.of(), unused, "no goal reads these, so a typo of them would not be warned about");
    }

    @Test
    void familiesAndNamesComeFromTheConstants() {
        assertEquals(Set.of("mlops.channel.", "mlops.hyperparameter.", "mlops.gate.guard.", "mlops.gate.floor.",
                "mlops.gate.ceiling.", "mlops.aws.endpoint."), MlopsProperties.FAMILIES);
        assertTrue(MlopsProperties.NAMES.contains(MlopsProperties.GATE_DIRECTION)); // read from -D only, not a @Parameter
        assertTrue(MlopsProperties.known("mlops.channel.validation"));
        assertTrue(!MlopsProperties.known("mlops.channel."));
    }

    @Test
    void everyPropertyTheCiTemplatesPassIsKnown() throws IOException {
        Pattern flag = Pattern.compile("-D(mlops\\.[A-Za-z0-9_.-]*[A-Za-z0-9_-])");
        Set<String> passed = new TreeSet<>();
        Path templates = MODULE.resolve("../gitlab-templates");
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") && !f.toString().contains("/target/")).toList()) {
                Matcher m = flag.matcher(Files.readString(file));
                while (m.find()) {
                    passed.add(m.group(1));
                }
            }
        }
        assertTrue(passed.contains("mlops.store"), "found no -Dmlops.* in " + templates + ": " + passed);
        passed.removeIf(MlopsProperties::known);
        assertEquals(Set.of(), passed, "the templates pass properties the plugin would warn about");
    }

    @Test
    void everyParameterIsTheElementMessagesNameForItsProperty() throws Exception {
        java.util.Map<String, Set<String>> parameters = parametersByProperty();
        List<String> wrong = new ArrayList<>();
        parameters.forEach((property, names) -> {
            String element = String.join("/", MlopsProperties.pomElements(property));
            if (!names.contains(element)) {
                wrong.add(property + " is <" + names + "> in plugin.xml, but messages would say <" + element + ">");
            }
        });
        assertTrue(parameters.size() > 30, "read too few parameters from plugin.xml: " + parameters);
        assertEquals(List.of(), wrong, "fix MlopsProperties.pomElements");
        // what the descriptor cannot show: the nested <gate> and the map parameters
        assertEquals(List.of("gate", "direction"), MlopsProperties.pomElements(MlopsProperties.GATE_DIRECTION));
        assertEquals(List.of("gate", "floors", "accuracy"),
                MlopsProperties.pomElements(MlopsProperties.GATE_FLOOR_PREFIX + "accuracy"));
        assertEquals(List.of("channels", "train"), MlopsProperties.pomElements(MlopsProperties.CHANNEL_PREFIX + "train"));
        assertEquals(List.of("hyperparameters", "epochs"),
                MlopsProperties.pomElements(MlopsProperties.HYPERPARAMETER_PREFIX + "epochs"));
    }

    @Test
    void everySettingTheCoreNamesIsAKnownProperty() throws IllegalAccessException {
        List<String> unknown = new ArrayList<>();
        int settings = 0;
        for (Field field : dev.mlops.core.Setting.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == dev.mlops.core.Setting.class) {
                settings++;
                String property = MlopsProperties.property((dev.mlops.core.Setting) field.get(null));
                if (!MlopsProperties.known(property)) {
                    unknown.add(field.getName() + " = " + property);
                }
            }
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String family = MlopsProperties.property(new dev.mlops.core.Setting((String) field.get(null))) + ".";
                if (!MlopsProperties.FAMILIES.contains(family)) {
                    unknown.add(field.getName() + " = " + family);
                }
            }
        }
        assertTrue(settings > 20, "read only " + settings + " settings");
        assertEquals(List.of(), unknown, "a message would name a property no goal reads");
    }

    /** Every {@code ${mlops.*}} a goal's parameter takes, with the parameters' names, from plugin.xml. */
    private static java.util.Map<String, Set<String>> parametersByProperty() throws Exception {
        Path descriptor = MODULE.resolve("target/classes/META-INF/maven/plugin.xml");
        NodeList configurations = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile())
                .getElementsByTagName("configuration");
        Pattern expression = Pattern.compile("\\$\\{(mlops\\.[^}]+)}");
        java.util.Map<String, Set<String>> parameters = new java.util.TreeMap<>();
        for (int i = 0; i < configurations.getLength(); i++) {
            NodeList values = ((Element) configurations.item(i)).getChildNodes();
            for (int j = 0; j < values.getLength(); j++) {
                Matcher m = expression.matcher(values.item(j).getTextContent());
                if (m.find()) {
                    parameters.computeIfAbsent(m.group(1), p -> new TreeSet<>()).add(values.item(j).getNodeName());
                }
            }
        }
        return parameters;
    }

    /** Every {@code ${mlops.*}} a goal's parameter takes, from the descriptor the build generated. */
    private static Set<String> parameterProperties() throws Exception {
        Path descriptor = MODULE.resolve("target/classes/META-INF/maven/plugin.xml");
        NodeList configurations = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile())
                .getElementsByTagName("configuration");
        Pattern expression = Pattern.compile("\\$\\{(mlops\\.[^}]+)}");
        Set<String> properties = new TreeSet<>();
        for (int i = 0; i < configurations.getLength(); i++) {
            NodeList values = ((Element) configurations.item(i)).getChildNodes();
            for (int j = 0; j < values.getLength(); j++) {
                Matcher m = expression.matcher(values.item(j).getTextContent());
                if (m.find()) {
                    properties.add(m.group(1));
                }
            }
        }
        return properties;
    }
}
