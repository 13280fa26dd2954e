package dev.mlops.maven.settings;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.codehaus.plexus.configuration.PlexusConfigurationException;

/**
 * Which POM element sets each {@code mlops.*} property of one goal, read from the goal's descriptor
 * (its parameters' names and {@code ${mlops.x}} expressions), so that no second table can drift.
 */
public final class PomElements {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{(mlops\\.[^}]+)}");

    private static final String ARTIFACT_ID = "mlops-maven-plugin";

    private final Map<String, String> byProperty;

    private PomElements(Map<String, String> byProperty) {
        this.byProperty = Map.copyOf(byProperty);
    }

    /** No descriptor: messages say "its element". */
    public static final PomElements NONE = new PomElements(Map.of());

    public static PomElements of(MojoDescriptor goal) {
        Map<String, String> byProperty = new HashMap<>();
        List<Parameter> parameters = goal.getParameters() == null ? List.of() : goal.getParameters();
        for (Parameter parameter : parameters) {
            Matcher m = EXPRESSION.matcher(parameter.getExpression() == null ? "" : parameter.getExpression());
            if (m.matches()) {
                byProperty.put(m.group(1), parameter.getName());
            }
        }
        return new PomElements(byProperty);
    }

    /**
     * The goal's descriptor as this plugin's {@code META-INF/maven/plugin.xml} holds it, for a goal that
     * Maven did not run (a Mojo made by hand in a test); {@link #NONE} when it cannot be read.
     */
    public static PomElements ofOwnGoal(String goal) {
        try {
            Enumeration<URL> descriptors = PomElements.class.getClassLoader().getResources("META-INF/maven/plugin.xml");
            while (descriptors.hasMoreElements()) {
                try (Reader reader = new InputStreamReader(descriptors.nextElement().openStream(), StandardCharsets.UTF_8)) {
                    PluginDescriptor plugin = new PluginDescriptorBuilder().build(reader);
                    if (ARTIFACT_ID.equals(plugin.getArtifactId()) && plugin.getMojo(goal) != null) {
                        return of(plugin.getMojo(goal));
                    }
                }
            }
        } catch (IOException | PlexusConfigurationException e) {
            // messages then say "its element"
        }
        return NONE;
    }

    /** The element's name without brackets ({@code port}), if the goal has a parameter for the property. */
    public Optional<String> elementOf(String property) {
        return Optional.ofNullable(byProperty.get(property));
    }
}
