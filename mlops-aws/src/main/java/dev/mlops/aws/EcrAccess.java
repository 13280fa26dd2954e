package dev.mlops.aws;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.image.RegistryCredentials;
import dev.mlops.core.image.RepositorySetup;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/** What a push to ECR needs, for an adapter that should not see AWS SDK types: credentials and repository set-up. */
public final class EcrAccess implements AutoCloseable {

    private final EcrClient ecr;
    private final EcrCredentials credentials;
    private final EcrRepositorySetup setup;

    private EcrAccess(EcrClient ecr, EcrRegistry registry, boolean createRepository, MlopsEvents events, Clock clock) {
        this.ecr = ecr;
        this.credentials = new EcrCredentials(ecr, registry, clock);
        this.setup = new EcrRepositorySetup(ecr, createRepository, events);
    }

    /**
     * @param host the registry host of the image, {@code <account>.dkr.ecr.<region>.amazonaws.com}
     * @param endpoint an ECR API endpoint other than AWS's, when set
     */
    public static EcrAccess open(String host, Optional<URI> endpoint, boolean createRepository, MlopsEvents events,
            Clock clock) {
        EcrRegistry registry = EcrRegistry.require(host);
        return new EcrAccess(EcrClients.create(Region.of(registry.region()), endpoint), registry, createRepository,
                events, clock);
    }

    public RegistryCredentials credentials() {
        return credentials;
    }

    public RepositorySetup repositorySetup() {
        return setup;
    }

    @Override
    public void close() {
        ecr.close();
    }
}
