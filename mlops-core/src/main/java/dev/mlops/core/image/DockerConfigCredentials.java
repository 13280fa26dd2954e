package dev.mlops.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code auths} of a Docker config file ({@code ~/.docker/config.json}, or {@code $DOCKER_CONFIG/config.json}):
 * {@code auth} (base64 of {@code user:password}) or {@code username}/{@code password}. Credential helpers
 * ({@code credsStore}, {@code credHelpers}) are not run.
 */
public record DockerConfigCredentials(Path file) implements RegistryCredentials {

    /** Where Docker looks: {@code $DOCKER_CONFIG/config.json}, else {@code <home>/.docker/config.json}. */
    public static DockerConfigCredentials inDefaultPlace(Map<String, String> environment, Path home) {
        String dir = environment.get("DOCKER_CONFIG");
        return new DockerConfigCredentials(dir != null ? Path.of(dir, "config.json") : home.resolve(".docker/config.json"));
    }

    @Override
    public String describe() {
        return "Docker config file " + file;
    }

    @Override
    public Optional<RegistryCredential> lookup(String registry) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode auths;
        try {
            auths = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8)).path("auths");
        } catch (IOException e) {
            // the message of a JSON error can quote the file, which holds secrets: say only where
            throw new ConfigurationException("Cannot read the Docker config file " + file + " as JSON. Fix it, or"
                    + " point DOCKER_CONFIG at a directory with a valid config.json.", null);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (Registries.sameHost(entry.getKey(), registry)) {
                return credentialOf(entry.getValue(), entry.getKey());
            }
        }
        return Optional.empty();
    }

    private Optional<RegistryCredential> credentialOf(JsonNode auth, String key) {
        if (auth.hasNonNull("auth")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.get("auth").asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("The 'auth' of '" + key + "' in " + file + " is not base64 of"
                        + " user:password. Log in again (docker login / skopeo login) or fix the file.", null);
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new ConfigurationException("The 'auth' of '" + key + "' in " + file + " is not base64 of"
                        + " user:password. Log in again (docker login / skopeo login) or fix the file.", null);
            }
            return Optional.of(new RegistryCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        if (auth.hasNonNull("username") && auth.hasNonNull("password")) {
            return Optional.of(new RegistryCredential(auth.get("username").asText(), auth.get("password").asText()));
        }
        return Optional.empty();
    }
}
