package dev.mlops.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegistriesTest {

    @Test
    void aFirstComponentWithADotOrAPortOrLocalhostIsTheRegistry() {
        assertEquals("registry.example.com", Registries.registryOf("registry.example.com/team/spam"));
        assertEquals("127.0.0.1:5000", Registries.registryOf("127.0.0.1:5000/spam"));
        assertEquals("registry:5000", Registries.registryOf("registry:5000/spam"));
        assertEquals("localhost", Registries.registryOf("localhost/spam"));
    }

    @Test
    void otherwiseTheRepositoryIsOnDockerHub() {
        assertEquals("registry-1.docker.io", Registries.registryOf("team/spam"));
        assertEquals("registry-1.docker.io", Registries.registryOf("spam"));
        assertEquals("registry-1.docker.io", Registries.registryOf("localhostish/spam"));
    }

    @Test
    void dockerHubsNamesAreOneRegistry() {
        assertTrue(Registries.sameHost("https://index.docker.io/v1/", Registries.registryOf("team/spam")));
        assertTrue(Registries.sameHost("docker.io", "registry-1.docker.io"));
        assertFalse(Registries.sameHost("registry.example.com", "registry-1.docker.io"));
    }
}
