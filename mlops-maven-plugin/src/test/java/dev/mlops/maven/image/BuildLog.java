package dev.mlops.maven.image;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Maven build's output, less the one dump at {@code -X} that is not ours: maven-resources-plugin (run by the
 * lifecycle up to {@code compile}, which {@code mlops:package} forks) prints "[DEBUG] properties used:" and then
 * every property of the build, each environment variable as {@code [DEBUG] env.NAME: value}.
 */
final class BuildLog {

    private static final Pattern PROPERTY = Pattern.compile("\\[DEBUG\\] \\S+: .*|\\[DEBUG\\] \\S+:");
    private static final Pattern ENVIRONMENT = Pattern.compile("\\[DEBUG\\] env\\.[A-Za-z_][A-Za-z0-9_]*: .*");

    private BuildLog() {}

    /** Every line but the {@code env.NAME: value} lines inside maven-resources-plugin's "properties used" dump. */
    static List<String> withoutResourcesPluginEnvironmentDump(String out) {
        List<String> kept = new ArrayList<>();
        boolean inDump = false;
        for (String line : out.split("\n", -1)) {
            if (line.equals("[DEBUG] properties used:")) {
                inDump = true;
            } else if (inDump && line.startsWith("[") && !PROPERTY.matcher(line).matches()) {
                inDump = false;
            }
            if (!(inDump && ENVIRONMENT.matcher(line).matches())) {
                kept.add(line);
            }
        }
        return kept;
    }

    /** The lines of {@code lines} that contain any of {@code secrets}, for an assertion message that names no secret. */
    static List<String> leaks(List<String> lines, List<String> secrets) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (int s = 0; s < secrets.size(); s++) {
                if (lines.get(i).contains(secrets.get(s))) {
                    found.add("line " + (i + 1) + " holds secret #" + s + ": "
                            + lines.get(i).replace(secrets.get(s), "<SECRET#" + s + ">"));
                }
            }
        }
        return found;
    }
}
