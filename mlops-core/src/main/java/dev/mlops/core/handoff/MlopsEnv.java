package dev.mlops.core.handoff;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.DotEnvFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code target/mlops/mlops.env}, the file every goal adds to and GitLab hands to later jobs as an
 * {@code artifacts:reports:dotenv}: its name, its keys, what each goal writes, and the rule for what a
 * later goal takes from it. No other class names a key. Locations in it are relative to the project
 * when they lie inside it ({@link DotEnvFile#portable}), because each CI job has its own directory.
 */
public final class MlopsEnv {

    public static final String FILE = "mlops.env";

    public static final String MODEL = "MLOPS_MODEL";
    public static final String STORE = "MLOPS_STORE";
    /** The version the last goal worked on: reserved (version), packaged (package), or trained (train). */
    public static final String VERSION = "MLOPS_VERSION";
    public static final String VERSION_PREVIOUS = "MLOPS_VERSION_PREVIOUS";
    /** Why mlops:version chose the version; only mlops:version writes it. */
    public static final String VERSION_REASON = "MLOPS_VERSION_REASON";
    public static final String IMAGE = "MLOPS_IMAGE";
    public static final String IMAGE_DIGEST = "MLOPS_IMAGE_DIGEST";
    public static final String IMAGE_BY_DIGEST = "MLOPS_IMAGE_BY_DIGEST";
    public static final String IMAGE_TAR = "MLOPS_IMAGE_TAR";
    public static final String MODEL_STATUS = "MLOPS_MODEL_STATUS";
    public static final String MODEL_URI = "MLOPS_MODEL_URI";
    public static final String EVALUATED_VERSION = "MLOPS_EVALUATED_VERSION";
    public static final String GATE = "MLOPS_GATE";
    public static final String GATE_SKIPPED = "MLOPS_GATE_SKIPPED";
    public static final String PRIMARY_METRIC = "MLOPS_PRIMARY_METRIC";
    public static final String PRIMARY_METRIC_VALUE = "MLOPS_PRIMARY_METRIC_VALUE";
    public static final String ENDPOINT = "MLOPS_ENDPOINT";
    public static final String ENDPOINT_URL = "MLOPS_ENDPOINT_URL";
    public static final String DEPLOYED_VERSION = "MLOPS_DEPLOYED_VERSION";
    /** Where the CI job that evaluated keeps {@code evaluation.html} (its artifacts), for notifications. */
    public static final String REPORT_URL = "MLOPS_REPORT_URL";

    private static final List<String> ENDPOINT_KEYS = List.of(ENDPOINT, ENDPOINT_URL, DEPLOYED_VERSION);

    /**
     * What mlops:package built, as a later goal takes it.
     *
     * @param pushed true when {@code image} is in a registry, false when it is a tarball on this machine
     */
    public record PackagedImage(String image, String digest, boolean pushed) {

        /** The registry reference by digest ({@code repo@sha256:…}), which names these exact bytes. */
        public String byDigest() {
            int tag = image.lastIndexOf(':');
            String repository = tag > image.lastIndexOf('/') ? image.substring(0, tag) : image;
            return repository + "@" + digest;
        }
    }

    private final Path file;
    private final Optional<Path> projectDir;

    private MlopsEnv(Path file, Optional<Path> projectDir) {
        this.file = file;
        this.projectDir = projectDir;
    }

    /**
     * @param outputDir the goal's output directory ({@code target/mlops})
     * @param projectDir the project's base directory, against which locations are written and read
     */
    public static MlopsEnv in(Path outputDir, Optional<Path> projectDir) {
        return new MlopsEnv(outputDir.resolve(FILE), projectDir);
    }

    public Path file() {
        return file;
    }

    /** Every key and value, in the file's order; empty when there is no file. */
    public Map<String, String> read() {
        return DotEnvFile.read(file);
    }

    // --- the rules for what a later goal takes -------------------------------------------------------------

    /**
     * The version mlops:version reserved in this build or pipeline: {@link #VERSION} when
     * {@link #VERSION_REASON} (which only mlops:version writes) is there too.
     */
    public Optional<ModelVersion> reservedVersion() {
        Map<String, String> values = read();
        return Optional.ofNullable(values.get(VERSION)).filter(v -> values.containsKey(VERSION_REASON))
                .map(ModelVersion::new);
    }

    /**
     * The version to package: {@code given}, else {@link #VERSION} as mlops:version (or a goal after it) left it.
     *
     * @throws NoVersionToPackageException when neither names one
     */
    public ModelVersion versionToPackage(Optional<ModelVersion> given) {
        return given.or(() -> Optional.ofNullable(read().get(VERSION)).filter(v -> !v.isBlank()).map(ModelVersion::new))
                .orElseThrow(() -> new NoVersionToPackageException(file));
    }

    /** No version to package was given, and {@link #FILE} holds none. */
    public static final class NoVersionToPackageException extends ConfigurationException {
        private final Path file;

        NoVersionToPackageException(Path file) {
            super("No version to package: " + file + " has no " + VERSION + ". Reserve one first, or name the version.");
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /**
     * The image mlops:package built for {@code version} (pipeline order version → package → train): its
     * repository (or the tarball, located under this project) and digest, when {@link #VERSION} is that version.
     */
    public Optional<PackagedImage> imageFor(ModelVersion version) {
        Map<String, String> values = read();
        String digest = values.get(IMAGE_DIGEST);
        if (digest == null || !version.value().equals(values.get(VERSION))) {
            return Optional.empty();
        }
        String tar = values.get(IMAGE_TAR);
        // the tarball is written relative to the project that packaged it, which this job has under another directory
        String image = values.getOrDefault(IMAGE, projectDir.map(dir -> DotEnvFile.located(tar, dir)).orElse(tar));
        return Optional.of(new PackagedImage(image, digest, values.containsKey(IMAGE)));
    }

    // --- what each goal writes ------------------------------------------------------------------------------

    /** mlops:version's reservation. */
    public void versionReserved(String model, ModelVersion version, Optional<ModelVersion> previous, String reason,
            String store) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(MODEL, model);
        env.put(VERSION, version.value());
        env.put(VERSION_PREVIOUS, previous.map(ModelVersion::value).orElse(""));
        env.put(VERSION_REASON, reason);
        env.put(STORE, portable(store));
        DotEnvFile.merge(file, env);
    }

    /** mlops:package's image, pushed to a registry. */
    public void imagePushed(String model, ModelVersion version, String image, String digest, String imageByDigest) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(MODEL, model);
        env.put(VERSION, version.value());
        env.put(IMAGE_DIGEST, digest);
        env.put(IMAGE, image);
        env.put(IMAGE_BY_DIGEST, imageByDigest);
        DotEnvFile.merge(file, env);
    }

    /** mlops:package's image, written to a tarball. */
    public void imageWritten(String model, ModelVersion version, String digest, Path tarball) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(MODEL, model);
        env.put(VERSION, version.value());
        env.put(IMAGE_DIGEST, digest);
        env.put(IMAGE_TAR, portable(tarball.toAbsolutePath().toString()));
        DotEnvFile.merge(file, env);
    }

    /** mlops:train's stored version. */
    public void trained(String model, String version, String status, String modelUri, String store) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(MODEL, model);
        env.put(VERSION, version);
        env.put(MODEL_STATUS, status);
        env.put(MODEL_URI, portable(modelUri));
        env.put(STORE, portable(store));
        DotEnvFile.merge(file, env);
    }

    /** mlops:evaluate's verdict. */
    public void evaluated(String model, String version, String status, String gate, boolean gateSkipped,
            String primaryMetric, String primaryMetricValue) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(MODEL, model);
        env.put(EVALUATED_VERSION, version);
        env.put(MODEL_STATUS, status);
        env.put(GATE, gate);
        env.put(GATE_SKIPPED, Boolean.toString(gateSkipped));
        env.put(PRIMARY_METRIC, primaryMetric);
        env.put(PRIMARY_METRIC_VALUE, primaryMetricValue);
        DotEnvFile.merge(file, env);
    }

    /** mlops:evaluate's report as the CI job publishes it. */
    public void reportPublished(String url) {
        DotEnvFile.merge(file, Map.of(REPORT_URL, url));
    }

    /** mlops:deploy's (and rollback's) endpoint. */
    public void deployed(String endpoint, String url, String version) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENDPOINT, endpoint);
        env.put(ENDPOINT_URL, url);
        env.put(DEPLOYED_VERSION, version);
        DotEnvFile.merge(file, env);
    }

    /** mlops:undeploy: the endpoint's keys go, the others stay. */
    public void undeployed() {
        DotEnvFile.remove(file, ENDPOINT_KEYS);
    }

    private String portable(String location) {
        return DotEnvFile.portable(location, projectDir);
    }
}
