package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The generated goal documentation: {@code mvn site} on the plugin gives a page per goal, and
 * {@code mlops:help -Ddetail -Dgoal=<goal>} prints the same parameters, each with its property, for
 * every goal the plugin descriptor declares.
 */
class GoalPagesTest {

    private static final Path PLUGIN = ReleasePipelineTest.ROOT.resolve("mlops-maven-plugin");
    private static final String REPOSITORY = "-Dmaven.repo.local=" + System.getProperty("mlops.test.localRepository");

    /** A goal's documented parameter: its name and its -D property (null when it has none). */
    record Parameter(String name, String property) {}

    @Test
    void everyGoalHasAPageAndAHelpTextNamingEachParameterAndItsProperty() throws Exception {
        GitlabCiLocal.Result site = GitlabCiLocal.exec(PLUGIN, List.of("mvn", "-B", "-ntp", REPOSITORY, "site"), 10, Map.of());
        assertEquals(0, site.exitCode(), GitlabCiLocal.tail(site.output()));
        Map<String, List<Parameter>> goals = goals(PLUGIN.resolve("target/classes/META-INF/maven/plugin.xml"));
        assertTrue(goals.keySet().containsAll(List.of("version", "package", "train", "evaluate", "deploy", "rollback", "serve", "status")),
                goals.keySet().toString());
        assertTrue(goals.get("train").size() > 10 && goals.get("train").stream().anyMatch(p -> "mlops.backend".equals(p.property())),
                "the descriptor's parameters were not read: " + goals.get("train"));
        for (Map.Entry<String, List<Parameter>> goal : goals.entrySet()) {
            Path page = PLUGIN.resolve("target/site").resolve(goal.getKey() + "-mojo.html");
            assertTrue(Files.isRegularFile(page), "no page for " + goal.getKey());
            String text = text(GitlabCiLocal.read(page));
            GitlabCiLocal.Result help = GitlabCiLocal.exec(PLUGIN, List.of("mvn", "-B", "-ntp", "-N", REPOSITORY,
                    "dev.mlops:mlops-maven-plugin:" + System.getProperty("mlops.test.pluginVersion") + ":help",
                    "-Ddetail", "-Dgoal=" + goal.getKey()), 3, Map.of());
            assertEquals(0, help.exitCode(), help.output());
            for (Parameter parameter : goal.getValue()) {
                assertTrue(text.contains("<" + parameter.name() + ">"), goal.getKey() + " page lacks " + parameter.name());
                assertTrue(help.output().contains("\n    " + parameter.name()), goal.getKey() + " help lacks " + parameter.name());
                if (parameter.property() != null) {
                    assertTrue(text.contains("<" + parameter.name() + "> ") && text.contains("User Property : " + parameter.property()),
                            goal.getKey() + " page lacks the property " + parameter.property());
                    assertTrue(help.output().contains("User property: " + parameter.property()),
                            goal.getKey() + " help lacks the property " + parameter.property());
                }
            }
        }
    }

    /** Each goal's editable parameters, from the plugin descriptor the build generated from the Mojos. */
    private static Map<String, List<Parameter>> goals(Path pluginXml) throws Exception {
        Element plugin = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pluginXml.toFile()).getDocumentElement();
        Map<String, List<Parameter>> goals = new LinkedHashMap<>();
        NodeList mojos = plugin.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            Element mojo = (Element) mojos.item(i);
            List<Parameter> parameters = new ArrayList<>();
            NodeList declared = mojo.getElementsByTagName("parameter");
            for (int j = 0; j < declared.getLength(); j++) {
                Element parameter = (Element) declared.item(j);
                if ("true".equals(child(parameter, "editable"))) {
                    parameters.add(new Parameter(child(parameter, "name"), property(mojo, child(parameter, "name"))));
                }
            }
            goals.put(child(mojo, "goal"), parameters);
        }
        return goals;
    }

    /** The user property of a parameter: {@code <name implementation=... >${mlops.x}</name>} under the mojo's configuration. */
    private static String property(Element mojo, String name) {
        NodeList configuration = mojo.getElementsByTagName("configuration");
        if (configuration.getLength() == 0) {
            return null;
        }
        NodeList values = ((Element) configuration.item(0)).getElementsByTagName(name);
        if (values.getLength() == 0) {
            return null;
        }
        String value = values.item(0).getTextContent().trim();
        return value.startsWith("${") && value.endsWith("}") ? value.substring(2, value.length() - 1) : null;
    }

    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    /** A page as text: tags removed, entities decoded, white space collapsed. */
    private static String text(String html) {
        return html.replaceAll("<[^>]+>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                .replace("&#160;", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ");
    }
}
