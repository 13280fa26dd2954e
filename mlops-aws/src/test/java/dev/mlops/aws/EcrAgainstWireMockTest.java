package dev.mlops.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.image.RegistryCredential;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ECR's JSON 1.1 protocol (POST with X-Amz-Target) played by WireMock on 127.0.0.1. */
class EcrAgainstWireMockTest {

    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";

    private WireMockServer ecr;
    private EcrClient client;

    @BeforeEach
    void start() {
        ecr = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ecr.start();
        client = EcrClients.create(Region.EU_WEST_1, Optional.of(URI.create("http://127.0.0.1:" + ecr.port())),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
    }

    @AfterEach
    void stop() {
        client.close();
        ecr.stop();
    }

    @Test
    void authorizationTokenBecomesRegistryCredentialAfterAThrottle() {
        String token = Base64.getEncoder().encodeToString("AWS:ecr-password".getBytes(StandardCharsets.UTF_8));
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken"))
                .inScenario("token").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("throttled")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON)
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken"))
                .inScenario("token").whenScenarioStateIs("throttled")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON)
                        .withBody("{\"authorizationData\":[{\"authorizationToken\":\"" + token
                                + "\",\"expiresAt\":4102444800,\"proxyEndpoint\":\"https://" + HOST + "\"}]}")));

        EcrCredentials credentials = new EcrCredentials(client, EcrRegistry.require(HOST), Clock.systemUTC());

        assertEquals(Optional.of(new RegistryCredential("AWS", "ecr-password")), credentials.lookup(HOST));
        assertEquals(Optional.empty(), credentials.lookup("registry.example.com"));
        credentials.lookup(HOST); // cached until it expires
        ecr.verify(2, postRequestedFor(urlEqualTo("/")));
        assertFalse(credentials.describe().contains("ecr-password"));
    }

    @Test
    void persistentServerErrorIsAnInfrastructureFault() {
        ecr.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(500).withHeader("Content-Type", JSON)
                .withBody("{\"__type\":\"ServerException\",\"message\":\"boom\"}")));
        EcrCredentials credentials = new EcrCredentials(client, EcrRegistry.require(HOST), Clock.systemUTC());

        assertThrows(InfrastructureException.class, () -> credentials.lookup(HOST));
        assertTrue(ecr.countRequestsMatching(postRequestedFor(urlEqualTo("/")).build()).getCount() > 1,
                "the SDK retries a 5xx before giving up");
    }

    @Test
    void accessDeniedNamesThePermission() {
        ecr.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON)
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}")));
        EcrCredentials credentials = new EcrCredentials(client, EcrRegistry.require(HOST), Clock.systemUTC());

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> credentials.lookup(HOST));
        assertTrue(e.getMessage().contains("ecr:GetAuthorizationToken"), e.getMessage());
    }

    @Test
    void missingRepositoryIsCreatedWithImmutableTags() {
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DescribeRepositories"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON)
                        .withBody("{\"__type\":\"RepositoryNotFoundException\",\"message\":\"nope\"}")));
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "CreateRepository"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON)
                        .withBody("{\"repository\":{\"repositoryName\":\"spam-classifier\"}}")));

        new EcrRepositorySetup(client, true, MlopsEvents.NONE).ensure(HOST, "spam-classifier");

        ecr.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "CreateRepository"))
                .withRequestBody(containing("\"imageTagMutability\":\"IMMUTABLE\""))
                .withRequestBody(containing("\"repositoryName\":\"spam-classifier\"")));
    }

    @Test
    void missingRepositoryWithoutCreateSaysHowToCreateIt() {
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DescribeRepositories"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON)
                        .withBody("{\"__type\":\"RepositoryNotFoundException\",\"message\":\"nope\"}")));

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new EcrRepositorySetup(client, false, MlopsEvents.NONE).ensure(HOST, "spam-classifier"));
        assertTrue(e.text().values().contains(Setting.ECR_CREATE_REPOSITORY.is(true)), e.getMessage());
        ecr.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "CreateRepository")));
    }

    @Test
    void onlyEcrHostsAreAccepted() {
        assertEquals("eu-west-1", EcrRegistry.require(HOST).region());
        assertThrows(ConfigurationException.class, () -> EcrRegistry.require("registry.example.com"));
    }
}
