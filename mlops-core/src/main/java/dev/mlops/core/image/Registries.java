package dev.mlops.core.image;

import java.util.Locale;
import java.util.Set;

/** How registry names are compared: by host and port, whatever scheme or path a config file adds. */
public final class Registries {

    // Docker Hub goes by several names
    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io",
            "registry.hub.docker.com");

    private Registries() {}

    /** Docker Hub's registry, where a repository with no host goes ({@code team/model}, {@code ubuntu}). */
    public static final String DOCKER_HUB_REGISTRY = "registry-1.docker.io";

    /**
     * The registry of {@code repository} by Docker's rule: the first component is a registry only if it
     * looks like a host (has a dot or a port, or is {@code localhost}); otherwise it is Docker Hub.
     */
    public static String registryOf(String repository) {
        int slash = repository.indexOf('/');
        String first = slash > 0 ? repository.substring(0, slash) : "";
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : DOCKER_HUB_REGISTRY;
    }

    static boolean sameHost(String configured, String registry) {
        String a = host(configured);
        String b = host(registry);
        return a.equals(b) || (DOCKER_HUB.contains(a) && DOCKER_HUB.contains(b));
    }

    static String host(String name) {
        String host = name.strip().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        return slash >= 0 ? host.substring(0, slash) : host;
    }
}
