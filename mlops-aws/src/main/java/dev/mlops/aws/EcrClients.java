package dev.mlops.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/** Builds the ECR client: the region of the registry, the default credential chain, an optional endpoint. */
public final class EcrClients {

    private EcrClients() {}

    /**
     * @param endpoint an endpoint other than AWS's (a VPC endpoint, or a test double)
     */
    public static EcrClient create(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        AwsSdkLogging.capAtInfo();
        EcrClientBuilder builder = EcrClient.builder().region(region).credentialsProvider(credentials)
                // the small JDK-based client keeps Apache HttpClient and Netty out of the plugin
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static EcrClient create(Region region, Optional<URI> endpoint) {
        return create(region, endpoint, DefaultCredentialsProvider.builder().build());
    }
}
