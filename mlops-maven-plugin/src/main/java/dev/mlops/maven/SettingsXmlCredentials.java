package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.image.FixedCredentials;
import dev.mlops.core.image.Registries;
import dev.mlops.core.image.RegistryCredential;
import dev.mlops.core.image.RegistryCredentials;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Registry credentials from a {@code <server>} of Maven's settings.xml, decrypted (settings-security.xml). */
final class SettingsXmlCredentials {

    private SettingsXmlCredentials() {}

    /**
     * The server named by {@code serverId}, else the one whose id is the registry host of {@code repository};
     * empty when there is none (or it has no username and password) and no id was asked for.
     *
     * @throws ConfigurationException when the asked-for server is missing or its password cannot be decrypted
     */
    static Optional<RegistryCredentials> find(Settings settings, SettingsDecrypter decrypter, String serverId,
            String repository) {
        if (repository == null || repository.isBlank()) {
            return Optional.empty();
        }
        String host = Registries.registryOf(repository);
        boolean explicit = serverId != null && !serverId.isBlank();
        String id = explicit ? serverId : host;
        Server server = settings.getServer(id);
        if (server == null) {
            if (explicit) {
                throw new ConfigurationException("No <server> with <id>" + id + "</id> in settings.xml, as <serverId> /"
                        + " -D" + MlopsProperties.IMAGE_SERVER_ID + " asks. Add it, or leave serverId out.");
            }
            return Optional.empty();
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!decrypted.getProblems().isEmpty()) {
            throw new ConfigurationException("Cannot decrypt the password of settings.xml server '" + id + "': "
                    + decrypted.getProblems().get(0).getMessage() + ". Check settings-security.xml.");
        }
        Server plain = decrypted.getServer();
        if (plain.getUsername() == null || plain.getPassword() == null) {
            return Optional.empty();
        }
        return Optional.of(new FixedCredentials("settings.xml server '" + id + "'", host,
                new RegistryCredential(plain.getUsername(), plain.getPassword())));
    }
}
