package dev.mlops.core.image;

import dev.mlops.core.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from the environment map: {@code MLOPS_REGISTRY_USER} with {@code MLOPS_REGISTRY_PASSWORD}
 * or {@code MLOPS_REGISTRY_PASSWORD_FILE} for any registry, and GitLab's {@code CI_REGISTRY_USER} /
 * {@code CI_REGISTRY_PASSWORD} for the project's own registry ({@code CI_REGISTRY}).
 *
 * <p>The file form keeps the secret out of the environment, which Maven prints in full at {@code -X}.
 */
public record EnvironmentCredentials(Map<String, String> environment) implements RegistryCredentials {

    public static final String USER = "MLOPS_REGISTRY_USER";
    public static final String PASSWORD = "MLOPS_REGISTRY_PASSWORD";
    public static final String PASSWORD_FILE = "MLOPS_REGISTRY_PASSWORD_FILE";

    public EnvironmentCredentials {
        environment = Map.copyOf(environment);
    }

    @Override
    public String describe() {
        return "environment variables " + USER + " with " + PASSWORD + " or " + PASSWORD_FILE
                + " (and CI_REGISTRY_USER/CI_REGISTRY_PASSWORD for $CI_REGISTRY)";
    }

    @Override
    public Optional<RegistryCredential> lookup(String registry) {
        Optional<RegistryCredential> mlops = pair(USER, PASSWORD).or(this::passwordFromFile);
        if (mlops.isPresent()) {
            return mlops;
        }
        String gitlabRegistry = environment.get("CI_REGISTRY");
        return gitlabRegistry != null && Registries.sameHost(gitlabRegistry, registry)
                ? pair("CI_REGISTRY_USER", "CI_REGISTRY_PASSWORD") : Optional.empty();
    }

    private Optional<RegistryCredential> passwordFromFile() {
        String user = environment.get(USER);
        String file = environment.get(PASSWORD_FILE);
        if (user == null || user.isEmpty() || file == null || file.isEmpty()) {
            return Optional.empty();
        }
        try {
            String password = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new ConfigurationException("The file " + file + " named by " + PASSWORD_FILE + " is empty;"
                        + " put the registry password in it.");
            }
            return Optional.of(new RegistryCredential(user, password));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the file " + file + " named by " + PASSWORD_FILE + " ("
                    + e.getClass().getSimpleName() + "); point it at a readable file that holds the registry password.", e);
        }
    }

    private Optional<RegistryCredential> pair(String userKey, String passwordKey) {
        String user = environment.get(userKey);
        String password = environment.get(passwordKey);
        return user != null && !user.isEmpty() && password != null && !password.isEmpty()
                ? Optional.of(new RegistryCredential(user, password)) : Optional.empty();
    }
}
