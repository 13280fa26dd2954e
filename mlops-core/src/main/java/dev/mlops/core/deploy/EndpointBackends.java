package dev.mlops.core.deploy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.io.NearestName;
import java.util.List;

/** The endpoint backend names a user may choose, checked before anything runs. */
public final class EndpointBackends {

    public static final List<String> KNOWN = List.of(LocalEndpointBackend.NAME);

    private EndpointBackends() {}

    /** @throws ConfigurationException naming the value and the known backends */
    public static String requireKnown(String name) {
        if (name == null || !KNOWN.contains(name.trim())) {
            throw new ConfigurationException(Text.of("Unknown endpoint backend '" + name + "'. Known backends: "
                    + String.join(", ", KNOWN) + "." + NearestName.hint(name, KNOWN) + " Set ",
                    Setting.BACKEND.is(LocalEndpointBackend.NAME), "."));
        }
        return name.trim();
    }
}
