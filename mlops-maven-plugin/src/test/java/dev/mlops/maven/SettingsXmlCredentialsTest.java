package dev.mlops.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.image.RegistryCredential;
import dev.mlops.core.image.RegistryCredentials;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

class SettingsXmlCredentialsTest {

    @TempDir
    Path dir;

    private SettingsDecrypter decrypter() throws Exception {
        // Maven's own decrypter, with a settings-security.xml that does not exist
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                dir.resolve("settings-security.xml").toString()));
    }

    private static Settings withServer(String id, String user, String password) {
        Server server = new Server();
        server.setId(id);
        server.setUsername(user);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    @Test
    void theServerWhoseIdIsTheRegistryHostIsUsedForThatHostOnly() throws Exception {
        Optional<RegistryCredentials> found = SettingsXmlCredentials.find(withServer("registry.example.com", "ci", "s3cret"),
                decrypter(), null, "registry.example.com/team/spam");
        assertEquals("settings.xml server 'registry.example.com'", found.orElseThrow().describe());
        assertEquals(Optional.of(new RegistryCredential("ci", "s3cret")), found.get().lookup("registry.example.com"));
        assertEquals(Optional.empty(), found.get().lookup("other.example.com"));
    }

    @Test
    void aServerIdPicksAnotherServerAndADockerHubImageIsMatchedByDockersHostRule() throws Exception {
        Optional<RegistryCredentials> found = SettingsXmlCredentials.find(withServer("hub", "ci", "s3cret"),
                decrypter(), "hub", "team/spam");
        assertEquals(Optional.of(new RegistryCredential("ci", "s3cret")), found.orElseThrow().lookup("index.docker.io"));
    }

    @Test
    void noServerIsNoCredentialUnlessOneWasAskedFor() throws Exception {
        Settings settings = withServer("other.example.com", "ci", "s3cret");
        assertEquals(Optional.empty(), SettingsXmlCredentials.find(settings, decrypter(), " ", "registry.example.com/spam"));
        assertEquals(Optional.empty(), SettingsXmlCredentials.find(settings, decrypter(), null, null));
        assertEquals(Optional.empty(), SettingsXmlCredentials.find(withServer("registry.example.com", "ci", null),
                decrypter(), null, "registry.example.com/spam"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> SettingsXmlCredentials.find(settings, decrypter(), "missing", "registry.example.com/spam"));
        assertTrue(e.getMessage().contains("<id>missing</id>") && e.getMessage().contains("-D" + MlopsProperties.IMAGE_SERVER_ID),
                e.getMessage());
    }

    @Test
    void anEncryptedPasswordThatCannotBeDecryptedIsAClearErrorWithoutThePassword() throws Exception {
        String encrypted = "{COQLCE6DU6GtcS5P=}";
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SettingsXmlCredentials.find(
                withServer("registry.example.com", "ci", encrypted), decrypter(), null, "registry.example.com/spam"));
        assertTrue(e.getMessage().startsWith("Cannot decrypt the password of settings.xml server 'registry.example.com'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("COQLCE6DU6GtcS5P"), e.getMessage());
    }
}
