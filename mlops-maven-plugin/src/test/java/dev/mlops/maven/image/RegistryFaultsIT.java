package dev.mlops.maven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.MoreFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real {@code mvn mlops:package} runs of the sample pushing through {@link FaultProxy} to Debian's docker-registry:
 * connections reset mid-push and 503 answers. Whatever happens, a run either succeeds or fails with a clear error;
 * after a failure the version tag does not exist in the registry and nothing is recorded; a rerun succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryFaultsIT {

    private static final String REPOSITORY = "models/spam-classifier";

    private Path work;
    private Path sample;
    private LocalRegistry registry;
    private FaultProxy proxy;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        work = Path.of(System.getProperty("image.it.dir", "target/image-it")).toAbsolutePath().resolveSibling("faults-it");
        MoreFiles.deleteRecursively(work);
        Files.createDirectories(work);
        registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")), Optional.empty());
        proxy = FaultProxy.start(registry.port());
        sample = SampleProject.copy(work.resolve("sample"));
    }

    @AfterAll
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void aConnectionResetMidUploadFailsClearlyLeavesNoTagAndARerunSucceeds() throws Exception {
        proxy.resetAfter(1_000_000);

        Tools.Result failed = mvn("1.0.0", "reset-mid-upload");

        assertNotEquals(0, failed.exit(), "every connection is reset after 1 MB: the push cannot succeed");
        assertTrue(proxy.resets() > 0, "the fault was injected");
        assertClearFailureAndNothingLeft(failed, "1.0.0");
        rerunSucceeds("1.0.0");
    }

    @Test
    @Order(2)
    void aResetOnTheCommitTagNeverLeavesTheVersionTagBehind() throws Exception {
        String commit = newCommit();
        proxy.resetOn("PUT /v2/" + REPOSITORY + "/manifests/" + commit + " ");

        Tools.Result failed = mvn("1.0.1", "reset-on-commit-tag");

        assertNotEquals(0, failed.exit(), "the commit tag's manifest can never be written");
        assertClearFailureAndNothingLeft(failed, "1.0.1");
        rerunSucceeds("1.0.1");
        assertEquals(200, manifestStatus(commit), "the rerun pushed the commit tag too");
    }

    @Test
    @Order(3)
    void aResetOnTheVersionTagLeavesItAbsentAndTheRerunKeepsTheCommitTag() throws Exception {
        String commit = newCommit();
        proxy.resetOn("PUT /v2/" + REPOSITORY + "/manifests/1.0.2 ");

        Tools.Result failed = mvn("1.0.2", "reset-on-version-tag");

        assertNotEquals(0, failed.exit());
        assertClearFailureAndNothingLeft(failed, "1.0.2");
        assertEquals(200, manifestStatus(commit), "the commit tag, pushed first, is there");
        Tools.Result rerun = rerunSucceeds("1.0.2");
        assertTrue(rerun.out().contains("Tag " + commit + " already exists"), rerun.out());
    }

    @Test
    @Order(4)
    void registry503sAreRetriedOrFailClearly() throws Exception {
        newCommit();
        proxy.unavailableFor(3);

        Tools.Result build = mvn("1.0.3", "unavailable");

        assertTrue(proxy.answered503() > 0, "the fault was injected");
        if (build.exit() == 0) {
            assertEquals(200, manifestStatus("1.0.3"), build.out());
            assertEquals(proxy.host() + "/" + REPOSITORY + ":1.0.3",
                    DotEnvFile.read(sample.resolve("target/mlops/mlops.env")).get("MLOPS_IMAGE"));
        } else {
            assertClearFailureAndNothingLeft(build, "1.0.3");
            rerunSucceeds("1.0.3");
        }
    }

    private void assertClearFailureAndNothingLeft(Tools.Result failed, String version) throws Exception {
        assertTrue(failed.out().contains("[ERROR]") && failed.out().contains(proxy.host()),
                "the error names the registry:\n" + failed.out());
        assertTrue(failed.out().contains("Nothing was recorded") || failed.out().contains("run the goal again"),
                "the error says what to do:\n" + failed.out());
        assertFalse(failed.out().contains("NullPointerException"), failed.out());
        assertEquals(404, manifestStatus(version), "no version tag after a failed push");
        Map<String, String> env = DotEnvFile.read(sample.resolve("target/mlops/mlops.env"));
        assertFalse((proxy.host() + "/" + REPOSITORY + ":" + version).equals(env.get("MLOPS_IMAGE")), env.toString());
    }

    private Tools.Result rerunSucceeds(String version) throws Exception {
        proxy.heal();
        Tools.Result rerun = mvn(version, "rerun-" + version);
        assertEquals(0, rerun.exit(), rerun.out());
        assertEquals(200, manifestStatus(version));
        assertEquals(proxy.host() + "/" + REPOSITORY + ":" + version,
                DotEnvFile.read(sample.resolve("target/mlops/mlops.env")).get("MLOPS_IMAGE"));
        return rerun;
    }

    // asks the registry itself, not through the proxy
    private int manifestStatus(String tag) throws IOException, InterruptedException {
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://" + registry.host() + "/v2/" + REPOSITORY
                        + "/manifests/" + tag)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json,application/vnd.docker.distribution.manifest.v2+json")
                .build();
        return http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String newCommit() throws IOException {
        Files.writeString(sample.resolve("CHANGES.txt"), "change " + System.nanoTime() + "\n");
        Tools.ok(List.of("git", "-c", "user.name=it", "-c", "user.email=it@example.com", "add", "."), sample, 30);
        Tools.ok(List.of("git", "-c", "user.name=it", "-c", "user.email=it@example.com", "commit", "-q", "-m",
                "chore: next"), sample, 30);
        return Tools.ok(List.of("git", "rev-parse", "HEAD"), sample, 30).strip().substring(0, 8);
    }

    private Tools.Result mvn(String version, String name) throws IOException {
        List<String> args = new ArrayList<>(List.of("-Dmlops.store=" + work.resolve("store"),
                "-Dmlops.image=" + proxy.host() + "/" + REPOSITORY, "-Dmlops.image.base=scratch",
                "-Dmlops.image.allowInsecureRegistries=true", "-Dmlops.version=" + version, "mlops:package"));
        Tools.Result build = SampleProject.mvn(sample, Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), args);
        Files.writeString(work.resolve(name + "-build.log"), build.out());
        return build;
    }
}
