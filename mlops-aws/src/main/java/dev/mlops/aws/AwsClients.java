package dev.mlops.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds every AWS client the plugin uses the same way: logging capped first, the region given or
 * from the SDK's chain, credentials from the default chain (web identity included), the JDK-based
 * HTTP client, and an endpoint override per service for VPC endpoints, S3-compatible stores and tests.
 */
public final class AwsClients {

    /** Where the clients go: a region (empty: the SDK's region chain) and endpoint overrides by service. */
    public record Settings(Optional<Region> region, Map<Service, URI> endpoints) {
        public Settings {
            endpoints = Map.copyOf(endpoints);
        }

        public static Settings defaults() {
            return new Settings(Optional.empty(), Map.of());
        }

        public Optional<URI> endpoint(Service service) {
            return Optional.ofNullable(endpoints.get(service));
        }

        /** The region given, else the SDK's chain (AWS_REGION, the profile, the instance). */
        public Region resolvedRegion() {
            return region.orElseGet(() -> new DefaultAwsRegionProviderChain().getRegion());
        }
    }

    /** The services the plugin calls, each with its own endpoint override. */
    public enum Service { S3, SAGEMAKER, LOGS, ECR, STS, SNS }

    private final Settings settings;
    private final AwsCredentialsProvider credentials;

    public AwsClients(Settings settings, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.credentials = credentials;
    }

    public AwsClients(Settings settings) {
        this(settings, DefaultCredentialsProvider.builder().build());
    }

    public Settings settings() {
        return settings;
    }

    /** Path-style addressing when an endpoint is given: S3-compatible stores (s3proxy, MinIO) need it. */
    public S3Client s3() {
        return s3(java.util.List.of());
    }

    /** An S3 client that also tells {@code observers} of every call (tests record the operations and headers). */
    public S3Client s3(java.util.List<ExecutionInterceptor> observers) {
        var builder = S3Client.builder();
        settings.endpoint(Service.S3).ifPresent(e -> builder.forcePathStyle(true));
        // the JDK's HttpURLConnection cannot read a 412 sent in answer to "Expect: 100-continue": a conditional
        // write that lost (If-None-Match, If-Match) came back as "Error writing request body to server"
        builder.overrideConfiguration(o -> {
            o.addExecutionInterceptor(new NoExpectContinue());
            observers.forEach(o::addExecutionInterceptor);
        });
        return configure(builder, Service.S3).build();
    }

    public SageMakerClient sageMaker() {
        return configure(SageMakerClient.builder(), Service.SAGEMAKER).build();
    }

    public CloudWatchLogsClient logs() {
        return configure(CloudWatchLogsClient.builder(), Service.LOGS).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder(), Service.SNS).build();
    }

    private static final class NoExpectContinue implements ExecutionInterceptor {
        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            return context.httpRequest().toBuilder().removeHeader("Expect").build();
        }
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Service service) {
        AwsSdkLogging.capAtInfo(); // before the client exists: Maven's logger fixes levels at creation
        builder.region(settings.resolvedRegion()).credentialsProvider(credentials)
                // the small JDK-based client keeps Apache HttpClient and Netty out of the plugin
                .httpClient(UrlConnectionHttpClient.create());
        settings.endpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }
}
