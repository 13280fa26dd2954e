package dev.mlops.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsTest {

    @TempDir
    Path dir;

    @Test
    void dockerConfigAuthIsMatchedByHostWhateverTheScheme() throws Exception {
        String auth = Base64.getEncoder().encodeToString("ci:pa:ss".getBytes(StandardCharsets.UTF_8));
        Path file = Files.writeString(dir.resolve("config.json"),
                "{\"auths\":{\"https://registry.example.com\":{\"auth\":\"" + auth + "\"}}}");
        DockerConfigCredentials config = new DockerConfigCredentials(file);
        assertEquals(Optional.of(new RegistryCredential("ci", "pa:ss")), config.lookup("registry.example.com"));
        assertEquals(Optional.empty(), config.lookup("other.example.com"));
    }

    @Test
    void aBrokenDockerConfigIsNamedButNotQuoted() throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), "{\"auths\": {\"x\": {\"auth\": \"top-secret\"");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new DockerConfigCredentials(file).lookup("x"));
        assertTrue(e.getMessage().contains(file.toString()));
        assertFalse(e.getMessage().contains("top-secret"));
    }

    @Test
    void environmentGivesMlopsVariablesOrGitLabsForItsOwnRegistry() {
        assertEquals(Optional.of(new RegistryCredential("u", "p")), new EnvironmentCredentials(
                Map.of("MLOPS_REGISTRY_USER", "u", "MLOPS_REGISTRY_PASSWORD", "p")).lookup("any.example.com"));
        EnvironmentCredentials gitlab = new EnvironmentCredentials(Map.of("CI_REGISTRY", "registry.gitlab.example.com",
                "CI_REGISTRY_USER", "gitlab-ci-token", "CI_REGISTRY_PASSWORD", "job-token"));
        assertEquals("gitlab-ci-token", gitlab.lookup("registry.gitlab.example.com").orElseThrow().username());
        assertEquals(Optional.empty(), gitlab.lookup("other.example.com"));
    }

    @Test
    void aPasswordFileKeepsTheSecretOutOfTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("registry-password"), "s3cret\n");
        assertEquals(Optional.of(new RegistryCredential("u", "s3cret")), new EnvironmentCredentials(
                Map.of("MLOPS_REGISTRY_USER", "u", "MLOPS_REGISTRY_PASSWORD_FILE", file.toString())).lookup("r.example.com"));

        Files.writeString(file, "\n");
        ConfigurationException empty = assertThrows(ConfigurationException.class, () -> new EnvironmentCredentials(
                Map.of("MLOPS_REGISTRY_USER", "u", "MLOPS_REGISTRY_PASSWORD_FILE", file.toString())).lookup("r.example.com"));
        assertTrue(empty.getMessage().contains("MLOPS_REGISTRY_PASSWORD_FILE") && empty.getMessage().contains("is empty"));

        Path missing = dir.resolve("no-such-file");
        ConfigurationException unreadable = assertThrows(ConfigurationException.class, () -> new EnvironmentCredentials(
                Map.of("MLOPS_REGISTRY_USER", "u", "MLOPS_REGISTRY_PASSWORD_FILE", missing.toString())).lookup("r.example.com"));
        assertTrue(unreadable.getMessage().contains(missing.toString()), unreadable.getMessage());
    }

    @Test
    void theChainDescribesEveryPlaceAndNeverTheSecret() {
        CredentialChain chain = new CredentialChain(List.of(
                new FixedCredentials("settings.xml server 'r.example.com'", "r.example.com", new RegistryCredential("u", "hunter2")),
                new EnvironmentCredentials(Map.of())));
        assertEquals("hunter2", chain.lookup("r.example.com").orElseThrow().password());
        assertTrue(chain.describe().startsWith("settings.xml server 'r.example.com', then environment variables"));
        assertFalse(chain.lookup("r.example.com").orElseThrow().toString().contains("hunter2"));
    }
}
