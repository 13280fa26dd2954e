package dev.mlops.core.image;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Asks each place in turn; the first that has a credential for the registry wins. */
public record CredentialChain(List<RegistryCredentials> places) implements RegistryCredentials {

    public CredentialChain {
        places = List.copyOf(places);
    }

    @Override
    public String describe() {
        return places.isEmpty() ? "no credentials"
                : places.stream().map(RegistryCredentials::describe).collect(Collectors.joining(", then "));
    }

    @Override
    public Optional<RegistryCredential> lookup(String registry) {
        for (RegistryCredentials place : places) {
            Optional<RegistryCredential> found = place.lookup(registry);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Which place has a credential for {@code registry}, for messages. */
    public String describeSource(String registry) {
        return places.stream().filter(p -> p.lookup(registry).isPresent()).findFirst()
                .map(RegistryCredentials::describe).orElse("none (anonymous)");
    }
}
