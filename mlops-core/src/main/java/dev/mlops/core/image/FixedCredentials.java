package dev.mlops.core.image;

import java.util.Optional;

/**
 * A credential handed in by the caller for one registry, e.g. a {@code <server>} of Maven's
 * settings.xml whose id is the registry's host.
 *
 * @param source what to call it in messages, e.g. "settings.xml server 'registry.example.com'"
 */
public record FixedCredentials(String source, String registry, RegistryCredential credential)
        implements RegistryCredentials {

    @Override
    public String describe() {
        return source;
    }

    @Override
    public Optional<RegistryCredential> lookup(String host) {
        return Registries.sameHost(registry, host) ? Optional.of(credential) : Optional.empty();
    }
}
