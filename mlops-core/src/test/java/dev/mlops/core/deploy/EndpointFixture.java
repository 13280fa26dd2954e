package dev.mlops.core.deploy;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.store.FileModelStore;
import dev.mlops.testmodels.WordCountModel;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store of word-count versions and local endpoints over them, for tests on real processes. */
final class EndpointFixture {

    final Path temp;
    final FileModelStore store;

    EndpointFixture(Path temp) {
        this.temp = temp;
        this.store = new FileModelStore(temp.resolve("store"));
    }

    static List<Path> testClasspath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    LocalEndpointBackend.Settings settings(int port, Duration invocationTimeout, int maxPayloadMb, Duration lockTimeout) {
        return settings(WordCountModel.class.getName(), port, invocationTimeout, maxPayloadMb, lockTimeout);
    }

    LocalEndpointBackend.Settings settings(String modelClass, int port, Duration invocationTimeout, int maxPayloadMb,
            Duration lockTimeout) {
        ModelJvm model = new ModelJvm(java(), testClasspath(), List.of("-Xmx64m"), Map.of("MLOPS_MODEL_CLASS", modelClass));
        return new LocalEndpointBackend.Settings(temp.resolve("endpoints"), model,
                new ModelJvm(java(), testClasspath(), List.of(), Map.of()), port, Duration.ofSeconds(30),
                invocationTimeout, maxPayloadMb, lockTimeout, dev.mlops.core.io.TarGz.Limits.DEFAULT);
    }

    DeploymentService service(LocalEndpointBackend.Settings settings, MlopsEvents events) {
        return new DeploymentService(store, new LocalEndpointBackend(settings, store, Clock.systemUTC()), Clock.systemUTC(),
                events);
    }

    void publish(String model, String version, String count) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("models/" + model + "/" + version));
        Files.writeString(dir.resolve("count.txt"), count);
        Path archive = temp.resolve(model + "-" + version + ".tar.gz");
        TarGz.archive(dir, archive);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
        store.publish(Manifest.candidate(model, version, "2026-11-25T10:00:00Z", null, "local", null, Map.of(), Map.of(),
                new Manifest.ModelArtifact("model.tar.gz", Files.size(archive), sha256)), archive);
        store.update(new ModelName(model), new ModelVersion(version), m -> m.withStatus(VersionStatus.APPROVED_BY_GATE));
    }

    DeployRequest request(String model, String endpoint, String version) {
        return new DeployRequest(new ModelName(model), endpoint, java.util.Optional.of(new ModelVersion(version)),
                "production", false, java.util.Optional.empty(), temp.resolve("target"), "test",
                dev.mlops.core.deploy.DeploymentPolicy.DEFAULT);
    }

    /** Keeps every message, to find what a deployment said (and the pids it named). */
    static final class Recorded implements MlopsEvents {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override public void info(String message) { lines.add(message); }
        @Override public void warn(String message) { lines.add("WARN " + message); }
        @Override public void debug(String message) { }
        @Override public void processOutput(String line) { }

        List<Long> serverPids() {
            java.util.regex.Pattern pid = java.util.regex.Pattern.compile("Model server \\(pid (\\d+)\\)");
            return lines.stream().map(pid::matcher).filter(java.util.regex.Matcher::find)
                    .map(m -> Long.parseLong(m.group(1))).toList();
        }
    }
}
