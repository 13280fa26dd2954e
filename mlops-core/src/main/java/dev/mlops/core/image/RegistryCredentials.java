package dev.mlops.core.image;

import java.util.Optional;

/** One place registry credentials can come from; {@link #describe()} says which, for error messages. */
public interface RegistryCredentials {

    /** Where this looks, e.g. "settings.xml server 'registry.example.com'"; never the secret itself. */
    String describe();

    /**
     * The credential for {@code registry} (a host, with the port if any), when this place has one.
     *
     * @throws dev.mlops.core.MlopsException when the place exists but cannot be read
     */
    Optional<RegistryCredential> lookup(String registry);

    /** No credentials: anonymous access. */
    RegistryCredentials NONE = new RegistryCredentials() {
        @Override public String describe() { return "no credentials"; }
        @Override public Optional<RegistryCredential> lookup(String registry) { return Optional.empty(); }
    };
}
