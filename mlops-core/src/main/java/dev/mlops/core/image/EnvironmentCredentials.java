package dev.mlops.core.image;

import java.util.Map;
import java.util.Optional;

/**
 * Credentials from the environment map: {@code MLOPS_REGISTRY_USER} / {@code MLOPS_REGISTRY_PASSWORD}
 * for any registry, and GitLab's {@code CI_REGISTRY_USER} / {@code CI_REGISTRY_PASSWORD} for the
 * project's own registry ({@code CI_REGISTRY}).
 */
public record EnvironmentCredentials(Map<String, String> environment) implements RegistryCredentials {

    public static final String USER = "MLOPS_REGISTRY_USER";
    public static final String PASSWORD = "MLOPS_REGISTRY_PASSWORD";

    public EnvironmentCredentials {
        environment = Map.copyOf(environment);
    }

    @Override
    public String describe() {
        return "environment variables " + USER + "/" + PASSWORD + " (and CI_REGISTRY_USER/CI_REGISTRY_PASSWORD for $CI_REGISTRY)";
    }

    @Override
    public Optional<RegistryCredential> lookup(String registry) {
        Optional<RegistryCredential> mlops = pair(USER, PASSWORD);
        if (mlops.isPresent()) {
            return mlops;
        }
        String gitlabRegistry = environment.get("CI_REGISTRY");
        return gitlabRegistry != null && Registries.sameHost(gitlabRegistry, registry)
                ? pair("CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD") : Optional.empty();
    }

    private Optional<RegistryCredential> pair(String userKey, String passwordKey) {
        String user = environment.get(userKey);
        String password = environment.get(passwordKey);
        return user != null && !user.isEmpty() && password != null && !password.isEmpty()
                ? Optional.of(new RegistryCredential(user, password)) : Optional.empty();
    }
}
