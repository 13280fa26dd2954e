package dev.mlops.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mlops.core.image.RegistryCredential;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * The GitLab OIDC route through the SDK's default chain, as the plugin builds its ECR client: a web identity
 * token file and a role ARN; STS ({@code AssumeRoleWithWebIdentity}, query protocol) played by a stateful
 * WireMock that first answers 503 and checks STS's documented constraints; then an ECR call signed with the
 * session credentials STS returned.
 */
class WebIdentityAgainstFakeStsTest {

    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String ROLE = "arn:aws:iam::123456789012:role/mlops-ci";
    private static final String SESSION_NAME = "gitlab-4711-team-spam-classifier";
    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.web-identity-sentinel-8c2e.sig";
    private static final String SESSION_TOKEN = "sts-session-token-sentinel-41bd";
    private static final List<String> PROPERTIES = List.of("aws.roleArn", "aws.webIdentityTokenFile",
            "aws.roleSessionName", "aws.endpointUrlSts", "aws.region");

    @TempDir
    Path dir;

    private WireMockServer sts;
    private WireMockServer ecr;

    @BeforeEach
    void start() {
        sts = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ecr = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        sts.start();
        ecr.start();
    }

    @AfterEach
    void stop() {
        PROPERTIES.forEach(System::clearProperty);
        sts.stop();
        ecr.stop();
    }

    @Test
    void webIdentityTokenBecomesSessionCredentialsThatSignTheEcrCall() throws Exception {
        assertNull(System.getenv("AWS_ACCESS_KEY_ID"), "static keys in this environment would win over web identity");
        assertNull(System.getenv("AWS_ROLE_ARN"), "this test sets the role itself");
        stubSts();
        String ecrToken = Base64.getEncoder().encodeToString("AWS:ecr-password".getBytes(StandardCharsets.UTF_8));
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Security-Token", equalTo(SESSION_TOKEN))
                .withHeader("Authorization", containing("Credential=ASIAFAKESESSIONKEY01/"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"authorizationData\":[{\"authorizationToken\":\"" + ecrToken
                                + "\",\"expiresAt\":4102444800,\"proxyEndpoint\":\"https://" + HOST + "\"}]}")));
        Path tokenFile = Files.writeString(dir.resolve("id-token"), ID_TOKEN);
        // the system-property twins of AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_SESSION_NAME, AWS_ENDPOINT_URL_STS
        System.setProperty("aws.roleArn", ROLE);
        System.setProperty("aws.webIdentityTokenFile", tokenFile.toString());
        System.setProperty("aws.roleSessionName", SESSION_NAME);
        System.setProperty("aws.endpointUrlSts", "http://127.0.0.1:" + sts.port());
        System.setProperty("aws.region", "eu-west-1");

        try (EcrClient client = EcrClients.create(Region.EU_WEST_1, Optional.of(URI.create("http://127.0.0.1:" + ecr.port())))) {
            assertEquals(Optional.of(new RegistryCredential("AWS", "ecr-password")),
                    new EcrCredentials(client, EcrRegistry.require(HOST), Clock.systemUTC()).lookup(HOST));
        }

        List<LoggedRequest> calls = sts.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/")));
        assertEquals(2, calls.size(), "one 503, retried once");
        Map<String, String> form = form(calls.get(1).getBodyAsString());
        assertEquals("AssumeRoleWithWebIdentity", form.get("Action"));
        assertEquals("2011-06-15", form.get("Version"));
        assertEquals(ROLE, form.get("RoleArn"));
        assertEquals(SESSION_NAME, form.get("RoleSessionName"));
        assertEquals(ID_TOKEN, form.get("WebIdentityToken"));
        assertTrue(calls.get(1).getHeader("Content-Type").startsWith("application/x-www-form-urlencoded"));
        // STS's documented constraints (API reference, AssumeRoleWithWebIdentity)
        assertTrue(form.get("RoleArn").length() >= 20 && form.get("RoleArn").length() <= 2048, form.toString());
        assertTrue(form.get("RoleSessionName").matches("[\\w+=,.@-]{2,64}"), form.toString());
        assertTrue(form.get("WebIdentityToken").length() >= 4 && form.get("WebIdentityToken").length() <= 20000);
        assertEquals(1, ecr.getAllServeEvents().size(), "the ECR call was signed with the session credentials");
        assertEquals(200, ecr.getAllServeEvents().get(0).getResponse().getStatus());
    }

    // a fake that answers only requests within STS's documented constraints; anything else falls through to 404
    private void stubSts() {
        sts.stubFor(valid().inScenario("sts").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/xml")
                        .withBody("<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
                                + "<Message>try again</Message></Error><RequestId>r-1</RequestId></ErrorResponse>")));
        sts.stubFor(valid().inScenario("sts").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody(assumeRoleResponse())));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder valid() {
        return post(urlEqualTo("/")).withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("Action", equalTo("AssumeRoleWithWebIdentity"))
                .withFormParam("Version", equalTo("2011-06-15"))
                .withFormParam("RoleArn", matching("arn:aws:iam::\\d{12}:role/.{1,2000}"))
                .withFormParam("RoleSessionName", matching("[\\w+=,.@-]{2,64}"))
                .withFormParam("WebIdentityToken", matching("(?s).{4,20000}"));
    }

    static String assumeRoleResponse() {
        return "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleWithWebIdentityResult>"
                + "<SubjectFromWebIdentityToken>project_path:team/spam-classifier:ref_type:branch:ref:main</SubjectFromWebIdentityToken>"
                + "<Audience>https://gitlab.example.com</Audience>"
                + "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/mlops-ci/" + SESSION_NAME + "</Arn>"
                + "<AssumedRoleId>AROAFAKEROLEID:" + SESSION_NAME + "</AssumedRoleId></AssumedRoleUser>"
                + "<Credentials><SessionToken>" + SESSION_TOKEN + "</SessionToken>"
                + "<SecretAccessKey>sts-secret-key-sentinel-77aa</SecretAccessKey>"
                + "<Expiration>2099-01-01T00:00:00Z</Expiration><AccessKeyId>ASIAFAKESESSIONKEY01</AccessKeyId></Credentials>"
                + "<Provider>gitlab.example.com</Provider></AssumeRoleWithWebIdentityResult>"
                + "<ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
