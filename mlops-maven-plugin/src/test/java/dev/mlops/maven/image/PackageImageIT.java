package dev.mlops.maven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.MoreFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The proof that counts: real Maven builds of the sample model repository run {@code mlops:version} and
 * {@code mlops:package} against Debian's docker-registry on 127.0.0.1 (htpasswd auth), on a jlink base
 * image built here; the image is pulled back with skopeo, unpacked with umoci and its {@code train} and
 * {@code serve} entry points run in a chroot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackageImageIT {

    private static final String REPOSITORY = "models/spam-classifier";

    private Path work;
    private Path sample;
    private LocalRegistry registry;
    private String baseImage;

    @BeforeAll
    void startRegistryAndBuildBase() throws Exception {
        work = Path.of(System.getProperty("image.it.dir", "target/image-it")).toAbsolutePath();
        unmountLeftovers(work);
        MoreFiles.deleteRecursively(work);
        Files.createDirectories(work);
        Path htpasswd = Path.of(getClass().getResource("/registry/htpasswd").toURI());
        registry = LocalRegistry.start(Files.createDirectories(work.resolve("registry")), Optional.of(htpasswd));
        baseImage = JlinkBaseImage.push(registry.host(), "base/jre", Files.createDirectories(work.resolve("base")),
                LocalRegistry.USER, LocalRegistry.PASSWORD);
        sample = SampleProject.copy(work.resolve("sample"));
    }

    @AfterAll
    void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void versionAndPackagePushAnImageThatTrainsAndServes() throws Exception {
        // credentials from a settings.xml <server> whose id is the registry host
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings><servers><server><id>" + registry.host() + "</id><username>"
                + LocalRegistry.USER + "</username><password>" + LocalRegistry.PASSWORD + "</password></server></servers></settings>");
        Tools.Result build = mvn(Map.of("DOCKER_CONFIG", work.resolve("no-docker-config").toString()), "-X", "-s",
                settings.toString(), "mlops:version", "mlops:package");
        assertEquals(0, build.exit(), build.out());
        assertFalse(build.out().contains(LocalRegistry.PASSWORD), "the password must never reach the log, even at -X");
        assertFalse(build.out().contains(basicToken()), "nor its Basic-auth encoding");
        assertTrue(build.out().contains("settings.xml server '" + registry.host() + "'"), "-X names where credentials come from");

        Map<String, String> env = DotEnvFile.read(sample.resolve("target/mlops/mlops.env"));
        assertEquals("1.0.0", env.get("MLOPS_VERSION"));
        assertEquals(registry.host() + "/" + REPOSITORY + ":1.0.0", env.get("MLOPS_IMAGE"));
        assertTrue(env.get("MLOPS_IMAGE_DIGEST").matches("sha256:[0-9a-f]{64}"), env.toString());

        JsonNode inspected = new ObjectMapper().readTree(skopeo("inspect", "docker://" + env.get("MLOPS_IMAGE")));
        assertEquals(env.get("MLOPS_IMAGE_DIGEST"), inspected.path("Digest").asText());
        JsonNode labels = inspected.path("Labels");
        assertEquals("1.0.0", labels.path("org.opencontainers.image.version").asText());
        assertEquals("spam-classifier", labels.path("org.opencontainers.image.title").asText());
        String commit = Tools.ok(List.of("git", "rev-parse", "HEAD"), sample, 30).strip();
        assertEquals(commit, labels.path("org.opencontainers.image.revision").asText());
        // the commit tag points at the same image
        JsonNode byCommit = new ObjectMapper().readTree(skopeo("inspect",
                "docker://" + registry.host() + "/" + REPOSITORY + ":" + commit.substring(0, 8)));
        assertEquals(env.get("MLOPS_IMAGE_DIGEST"), byCommit.path("Digest").asText());

        try (UnpackedImage image = UnpackedImage.pull(env.get("MLOPS_IMAGE"), Files.createDirectories(work.resolve("run")))) {
            assertTrue(image.args().contains("dev.mlops.runtime.Main"), image.args().toString());
            trainsInTheChroot(image);
            servesInTheChroot(image);
        }
    }

    private void trainsInTheChroot(UnpackedImage image) throws Exception {
        Path ml = image.rootfs().resolve("opt/ml");
        Files.createDirectories(ml.resolve("input/data/train"));
        Files.copy(sample.resolve("data/train/emails.jsonl"), ml.resolve("input/data/train/emails.jsonl"));
        Files.createDirectories(ml.resolve("input/config"));
        Files.writeString(ml.resolve("input/config/hyperparameters.json"), "{\"epochs\": \"2\", \"hash-dim\": \"65536\"}");
        Path log = work.resolve("train.log");
        Process train = image.start("train", Map.of(), log);
        assertTrue(train.waitFor(300, TimeUnit.SECONDS), "train did not finish in 300 s");
        assertEquals(0, train.exitValue(), Files.readString(log));
        assertTrue(Files.size(ml.resolve("model/model.tribuo")) > 1000, Files.readString(log));
    }

    private void servesInTheChroot(UnpackedImage image) throws Exception {
        int port = LocalRegistry.freePort();
        Path log = work.resolve("serve.log");
        Process serve = image.start("serve", Map.of("SAGEMAKER_BIND_TO_PORT", String.valueOf(port)), log);
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            URI base = URI.create("http://127.0.0.1:" + port);
            int ping = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (ping != 200 && System.nanoTime() < deadline && serve.isAlive()) {
                try {
                    ping = http.send(HttpRequest.newBuilder(base.resolve("/ping")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (ping != 200) {
                    Thread.sleep(200);
                }
            }
            assertEquals(200, ping, Files.readString(log));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/invocations"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"WIN a FREE prize now!!! click here to claim your cash\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body() + "\n" + Files.readString(log));
            assertTrue(answer.body().contains("spam") || answer.body().contains("ham"), answer.body());
        } finally {
            UnpackedImage.stop(serve);
        }
    }

    @Test
    @Order(2)
    void anExistingVersionTagIsNeverOverwritten() throws Exception {
        Path envFile = sample.resolve("target/mlops/mlops.env");
        String before = Files.readString(envFile);
        long blobs = registry.blobCount();

        Tools.Result build = mvn(credentials(LocalRegistry.PASSWORD), "mlops:package", "-Dmlops.version=1.0.0");

        assertNotEquals(0, build.exit());
        assertTrue(build.out().contains("already exists in the registry"), build.out());
        assertEquals(before, Files.readString(envFile), "nothing is recorded");
        assertEquals(blobs, registry.blobCount(), "nothing is pushed");
    }

    @Test
    @Order(3)
    void aRebuildPushesOnlyWhatChanged() throws Exception {
        long blobs = registry.blobCount();
        long bytes = registry.blobBytes();
        Tools.Result same = mvn(credentials(LocalRegistry.PASSWORD), "mlops:package", "-Dmlops.version=1.0.1");
        assertEquals(0, same.exit(), same.out());
        long sameBlobs = registry.blobCount() - blobs;
        long sameBytes = registry.blobBytes() - bytes;
        // a new version label: a new config and manifest, no layer
        assertEquals(2, sameBlobs, "no-change rebuild pushed " + sameBlobs + " blobs, " + sameBytes + " bytes");

        Path source = sample.resolve("src/main/java/dev/mlops/samples/spam/Emails.java");
        String code = Files.readString(source);
        int lastBrace = code.lastIndexOf('}');
        Files.writeString(source, code.substring(0, lastBrace) + "    static final String CHANGED = \"yes\";\n}\n");
        blobs = registry.blobCount();
        bytes = registry.blobBytes();
        Tools.Result changed = mvn(credentials(LocalRegistry.PASSWORD), "mlops:package", "-Dmlops.version=1.0.2");
        assertEquals(0, changed.exit(), changed.out());
        long changedBlobs = registry.blobCount() - blobs;
        long changedBytes = registry.blobBytes() - bytes;
        assertEquals(3, changedBlobs, "code-change rebuild pushed " + changedBlobs + " blobs, " + changedBytes + " bytes");
        assertTrue(changedBytes < 100_000, "only the classes layer (a few KB), not " + changedBytes + " bytes");
        Files.writeString(work.resolve("pushed-bytes.txt"), "no-change rebuild: " + sameBlobs + " blobs, " + sameBytes
                + " bytes\ncode-change rebuild: " + changedBlobs + " blobs, " + changedBytes + " bytes\n");
    }

    @Test
    @Order(4)
    void theSameInputsGiveTheSameDigest() throws Exception {
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Tools.Result build = mvn(credentials(LocalRegistry.PASSWORD), "mlops:package", "-Dmlops.version=2.0.0",
                    "-Dmlops.image.target=tar", "-Dmlops.image.tarFile=target/image-" + i + ".tar");
            assertEquals(0, build.exit(), build.out());
            digests.add(DotEnvFile.read(sample.resolve("target/mlops/mlops.env")).get("MLOPS_IMAGE_DIGEST"));
        }
        assertEquals(digests.get(0), digests.get(1));
        assertEquals(-1L, Files.mismatch(sample.resolve("target/image-0.tar"), sample.resolve("target/image-1.tar")),
                "the tarballs are byte for byte the same");
    }

    @Test
    @Order(5)
    void refusedCredentialsFailClearlyAndRecordNothing() throws Exception {
        Tools.Result build = mvn(credentials("wrong-password"), "-X", "mlops:package", "-Dmlops.version=3.0.0");
        assertNotEquals(0, build.exit());
        assertTrue(build.out().contains("refused the credentials"), build.out());
        // Maven itself lists every environment variable at -X ("[DEBUG] env.NAME: value"); nothing else may
        assertFalse(build.out().lines().filter(l -> !l.startsWith("[DEBUG] env.MLOPS_REGISTRY_PASSWORD:"))
                .anyMatch(l -> l.contains("wrong-password")), "the password must never reach the log");
    }

    @Test
    @Order(6)
    void anUnreachableRegistryFailsClearly() throws Exception {
        int closed = LocalRegistry.freePort();
        Tools.Result build = mvn(credentials(LocalRegistry.PASSWORD), "mlops:package", "-Dmlops.version=3.0.1",
                "-Dmlops.image=127.0.0.1:" + closed + "/" + REPOSITORY);
        assertNotEquals(0, build.exit());
        assertTrue(build.out().contains("Cannot reach registry 127.0.0.1:" + closed), build.out());
    }

    @Test
    @Order(7)
    void anInvalidImageNameFailsClearly() throws Exception {
        Tools.Result build = mvn(credentials(LocalRegistry.PASSWORD), "mlops:package", "-Dmlops.version=3.0.2",
                "-Dmlops.image=" + registry.host() + "/Models/Spam Classifier");
        assertNotEquals(0, build.exit());
        assertTrue(build.out().contains("is not a valid image reference"), build.out());
    }

    // a run killed half-way can leave /proc mounted in an unpacked image: never delete through it
    private static void unmountLeftovers(Path dir) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] fields = line.split(" ");
            if (fields.length > 1 && fields[1].startsWith(dir.toString() + "/")) {
                Tools.ok(List.of("umount", "-l", fields[1]), Path.of("/"), 30);
            }
        }
    }

    private Map<String, String> credentials(String password) {
        return Map.of("MLOPS_REGISTRY_USER", LocalRegistry.USER, "MLOPS_REGISTRY_PASSWORD", password,
                "DOCKER_CONFIG", work.resolve("no-docker-config").toString());
    }

    private static String basicToken() {
        return Base64.getEncoder().encodeToString((LocalRegistry.USER + ":" + LocalRegistry.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    private String skopeo(String... args) {
        List<String> command = new ArrayList<>(List.of("skopeo"));
        command.add(args[0]);
        command.add("--tls-verify=false");
        command.add("--creds=" + LocalRegistry.USER + ":" + LocalRegistry.PASSWORD);
        command.addAll(List.of(args).subList(1, args.length));
        return Tools.ok(command, work, 120);
    }

    private Tools.Result mvn(Map<String, String> env, String... goals) {
        List<String> args = new ArrayList<>(List.of("-Dmlops.store=" + work.resolve("store"),
                "-Dmlops.image=" + registry.host() + "/" + REPOSITORY,
                "-Dmlops.image.base=" + baseImage,
                "-Dmlops.image.allowInsecureRegistries=true"));
        args.addAll(List.of(goals));
        return SampleProject.mvn(sample, env, args);
    }
}
