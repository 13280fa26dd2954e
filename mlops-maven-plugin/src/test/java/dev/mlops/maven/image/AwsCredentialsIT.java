package dev.mlops.maven.image;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mlops.core.io.MoreFiles;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real {@code mvn -X mlops:package} runs of the sample with the {@code ecr} target, ECR's API and STS played by
 * WireMock on 127.0.0.1 (recording every request under the test's output): AWS credentials sign the calls, and
 * none of them, nor what STS and ECR hand back, reaches the build log at debug level. The push itself cannot
 * happen here (the ECR registry host does not resolve offline): the runs end at the registry, after every AWS call.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCredentialsIT {

    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final String TARGET = "AmazonEC2ContainerRegistry_V20150921.";
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String ECR_PASSWORD = "ecr-registry-password-sentinel-d41c";
    private static final String ROLE = "arn:aws:iam::123456789012:role/mlops-ci";
    private static final String ID_TOKEN = "eyJhbGciOiJSUzI1NiJ9.gitlab-id-token-sentinel-2b9f.c2ln";
    private static final String STS_SECRET = "sts-secret-key-sentinel-77aa";
    private static final String STS_SESSION = "sts-session-token-sentinel-41bd";

    private Path work;
    private Path sample;
    private WireMockServer ecr;
    private WireMockServer sts;

    @BeforeAll
    void copySample() throws IOException {
        work = Path.of(System.getProperty("image.it.dir", "target/image-it")).toAbsolutePath().resolveSibling("aws-it");
        MoreFiles.deleteRecursively(work);
        Files.createDirectories(work);
        sample = SampleProject.copy(work.resolve("sample"));
        ecr = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        sts = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ecr.start();
        sts.start();
    }

    @BeforeEach
    void stubs() {
        ecr.resetAll();
        sts.resetAll();
        String token = Base64.getEncoder().encodeToString(("AWS:" + ECR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "DescribeRepositories"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(
                        "{\"repositories\":[{\"repositoryName\":\"spam-classifier\",\"registryId\":\"123456789012\"}]}")));
        ecr.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetAuthorizationToken"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", JSON)
                        .withBody("{\"authorizationData\":[{\"authorizationToken\":\"" + token
                                + "\",\"expiresAt\":4102444800,\"proxyEndpoint\":\"https://" + HOST + "\"}]}")));
        sts.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                .withBody("<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                        + "<AssumeRoleWithWebIdentityResult><AssumedRoleUser>"
                        + "<Arn>arn:aws:sts::123456789012:assumed-role/mlops-ci/s</Arn><AssumedRoleId>AROAX:s</AssumedRoleId>"
                        + "</AssumedRoleUser><Credentials><SessionToken>" + STS_SESSION + "</SessionToken>"
                        + "<SecretAccessKey>" + STS_SECRET + "</SecretAccessKey><Expiration>2099-01-01T00:00:00Z</Expiration>"
                        + "<AccessKeyId>ASIASTSSESSIONKEY001</AccessKeyId></Credentials>"
                        + "</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
                        + "</AssumeRoleWithWebIdentityResponse>")));
    }

    @AfterAll
    void stop() {
        if (ecr != null) {
            ecr.stop();
        }
        if (sts != null) {
            sts.stop();
        }
    }

    @Test
    void staticKeysAndSessionTokenNeverReachTheDebugLog() throws Exception {
        String keyId = "AKIASENTINELKEYID0001";
        String secret = "aws-secret-access-key-sentinel-90e1";
        String session = "aws-session-token-sentinel-c7d3";
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", keyId, "AWS_SECRET_ACCESS_KEY", secret,
                "AWS_SESSION_TOKEN", session));

        Tools.Result build = packageToEcr(env, "static");

        assertTrue(build.out().contains("Cannot reach registry " + HOST), "the run got past every AWS call:\n" + build.out());
        assertEquals(session, ecr.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getHeader("X-Amz-Security-Token"),
                "the calls were signed with the session token, so the SDK had it to log");
        // the session token and key id are in the environment: only maven-resources-plugin's dump may show them
        List<String> leaks = BuildLog.leaks(BuildLog.withoutResourcesPluginEnvironmentDump(build.out()),
                List.of(secret, session, ECR_PASSWORD, keyId));
        assertEquals(List.of(), leaks);
    }

    @Test
    void webIdentityRouteWorksAndNothingItHandsOutIsLogged() throws Exception {
        Path tokenFile = Files.writeString(work.resolve("gitlab-id-token"), ID_TOKEN);
        Map<String, String> env = new HashMap<>(Map.of("AWS_ROLE_ARN", ROLE,
                "AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile.toString(), "AWS_ROLE_SESSION_NAME", "gitlab-4711-spam",
                "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + sts.port()));

        Tools.Result build = packageToEcr(env, "web-identity");

        assertTrue(build.out().contains("Cannot reach registry " + HOST), "the run got past every AWS call:\n" + build.out());
        List<LoggedRequest> assumed = sts.findAll(postRequestedFor(urlEqualTo("/")));
        assertEquals(1, assumed.size());
        Map<String, String> form = form(assumed.get(0).getBodyAsString());
        assertEquals("AssumeRoleWithWebIdentity", form.get("Action"));
        assertEquals(ROLE, form.get("RoleArn"));
        assertEquals(ID_TOKEN, form.get("WebIdentityToken"));
        assertEquals("gitlab-4711-spam", form.get("RoleSessionName"));
        for (LoggedRequest call : ecr.findAll(postRequestedFor(urlEqualTo("/")))) {
            assertEquals(STS_SESSION, call.getHeader("X-Amz-Security-Token"), "ECR calls use STS's session credentials");
            assertTrue(call.getHeader("Authorization").contains("Credential=ASIASTSSESSIONKEY001/"), call.getHeader("Authorization"));
        }
        // none of these is in the environment: no line of the log may hold one
        assertEquals(List.of(), BuildLog.leaks(List.of(build.out().split("\n")),
                List.of(ID_TOKEN, STS_SECRET, STS_SESSION, ECR_PASSWORD)));
    }

    private Tools.Result packageToEcr(Map<String, String> env, String name) throws IOException {
        env.put("AWS_REGION", "eu-west-1");
        // no profile, no Docker config of this machine's user
        env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
        env.put("DOCKER_CONFIG", work.resolve("no-docker-config").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Tools.Result build = SampleProject.mvn(sample, env, List.of("-X", "-Dmlops.store=" + work.resolve("store"),
                "-Dmlops.version=1.0.0", "-Dmlops.image.target=ecr", "-Dmlops.image=" + HOST + "/spam-classifier",
                "-Dmlops.image.base=scratch", "-Dmlops.ecr.endpoint=http://127.0.0.1:" + ecr.port(), "mlops:package"));
        Files.writeString(work.resolve(name + "-build.log"), build.out());
        record(ecr, work.resolve(name + "-ecr-requests.jsonl"));
        record(sts, work.resolve(name + "-sts-requests.jsonl"));
        assertNotEquals(0, build.exit(), "the ECR host cannot be reached offline");
        return build;
    }

    // the fakes' request journals, one JSON line per request, beside the build logs
    private static void record(WireMockServer fake, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        fake.getAllServeEvents().forEach(e -> lines.add(com.github.tomakehurst.wiremock.common.Json.write(e.getRequest())
                .replace("\n", " ")));
        Files.write(file, lines);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
