package dev.mlops.maven;

import dev.mlops.core.io.NearestName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.apache.maven.plugin.logging.Log;

/**
 * Warns about {@code -Dmlops.*} properties that no goal reads (a typo is otherwise silently ignored),
 * with the nearest known name, and about a POM property {@code mlops.version}, which Maven hands to
 * every goal as the model version. Each once per build, however many goals and modules run.
 */
final class UnknownProperties {

    private static final String PREFIX = "mlops.";

    // keyed by the build's request, which every module's session shares; weak so that a daemon forgets old builds
    private static final Map<Object, Set<String>> WARNED = Collections.synchronizedMap(new WeakHashMap<>());

    private UnknownProperties() {}

    /** Logs each warning of {@link #warnings} that this build has not logged yet. */
    static void warnOnce(Object build, Properties userProperties, Properties pomProperties, Log log) {
        Set<String> warned = WARNED.computeIfAbsent(build, b -> Collections.synchronizedSet(new TreeSet<>()));
        for (String warning : warnings(userProperties, pomProperties)) {
            if (warned.add(warning)) {
                log.warn(warning);
            }
        }
    }

    /** What is wrong with the {@code mlops.*} properties of a build, one sentence each, in name order. */
    static List<String> warnings(Properties userProperties, Properties pomProperties) {
        List<String> warnings = new ArrayList<>();
        unknown(userProperties, "-D", "", warnings);
        unknown(pomProperties, "", " in the POM's <properties>", warnings);
        if (pomProperties.containsKey(MlopsProperties.VERSION) && !userProperties.containsKey(MlopsProperties.VERSION)) {
            warnings.add("The POM property " + MlopsProperties.VERSION + " (" + pomProperties.getProperty(MlopsProperties.VERSION)
                    + ") is the model version of every mlops goal, as -D" + MlopsProperties.VERSION + " would be. If it"
                    + " is the plugin's version, rename it, e.g. to mlops-maven-plugin.version.");
        }
        return warnings;
    }

    private static void unknown(Properties properties, String flag, String where, List<String> warnings) {
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (name.startsWith(PREFIX) && !MlopsProperties.known(name)) {
                warnings.add("Unknown property " + flag + name + where + ": " + NearestName.among(name, candidates(name))
                        .map(nearest -> "did you mean " + flag + nearest + "?")
                        .orElse("no mlops goal reads it."));
            }
        }
    }

    /** The known names, and each family with the rest of {@code name} after it ({@code mlops.chanel.train} → {@code mlops.channel.train}). */
    private static Set<String> candidates(String name) {
        Set<String> candidates = new TreeSet<>(MlopsProperties.NAMES);
        String[] parts = name.split("\\.", -1);
        for (String family : MlopsProperties.FAMILIES) {
            int depth = family.split("\\.").length;
            if (parts.length > depth) {
                candidates.add(family + String.join(".", List.of(parts).subList(depth, parts.length)));
            }
        }
        return candidates;
    }
}
