package dev.mlops.core.train;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.io.NearestName;
import java.util.List;

/** The backend names a user may choose, checked before anything runs. */
public final class TrainingBackends {

    public static final String LOCAL = "local";
    public static final List<String> KNOWN = List.of(LOCAL);

    private TrainingBackends() {}

    /** @throws ConfigurationException naming the value and the known backends */
    public static String requireKnown(String name) {
        if (name == null || !KNOWN.contains(name.trim())) {
            throw new ConfigurationException(Text.of("Unknown training backend '" + name + "'. Known backends: "
                    + String.join(", ", KNOWN) + "." + NearestName.hint(name, KNOWN) + " Set ",
                    Setting.BACKEND.is(LOCAL), "."));
        }
        return name.trim();
    }
}
