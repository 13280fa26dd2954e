package dev.mlops.maven;

import dev.mlops.aws.EcrAccess;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.image.CredentialChain;
import dev.mlops.core.image.DockerConfigCredentials;
import dev.mlops.core.image.EnvironmentCredentials;
import dev.mlops.core.image.FixedCredentials;
import dev.mlops.core.image.ImagePlan;
import dev.mlops.core.image.ImageTarget;
import dev.mlops.core.image.PackageReport;
import dev.mlops.core.image.PackageRequest;
import dev.mlops.core.image.PackageService;
import dev.mlops.core.image.RegistryAccess;
import dev.mlops.core.image.RegistryApiTagLookup;
import dev.mlops.core.image.RegistryCredential;
import dev.mlops.core.image.RegistryCredentials;
import dev.mlops.core.image.RepositorySetup;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.GitRevision;
import dev.mlops.core.io.NearestName;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Builds the model's training and inference image with jib-core (layers for dependencies, snapshot
 * dependencies, resources and classes; {@code train} and {@code serve} entry points) and pushes it to
 * an OCI registry or ECR with the version and commit as tags, or writes a tarball. Records the digest
 * in {@code mlops.env} and in the version's manifest.
 */
@Mojo(name = "package", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class PackageMojo extends AbstractMlopsMojo {

    static final String TARGET_REGISTRY = "registry";
    static final String TARGET_ECR = "ecr";
    static final String TARGET_TAR = "tar";

    /** The version to package; {@code MLOPS_VERSION} from {@code mlops.env} (written by mlops:version) when not set. */
    @Parameter(property = MlopsProperties.VERSION)
    String version;

    /** The image repository, without a tag, e.g. {@code registry.example.com/team/spam-classifier}. */
    @Parameter(property = MlopsProperties.IMAGE)
    String image;

    /** {@code registry} (any OCI registry), {@code ecr} (Amazon ECR) or {@code tar}; {@code registry} when an image is set, else {@code tar}. */
    @Parameter(property = MlopsProperties.IMAGE_TARGET)
    String target;

    /** The base image with a Java 17+ runtime, pinned by digest ({@code name@sha256:…}). */
    @Parameter(property = MlopsProperties.IMAGE_BASE)
    String baseImage;

    /** The settings.xml {@code <server>} with the registry's credentials; by default the one whose id is the registry host. */
    @Parameter(property = MlopsProperties.IMAGE_SERVER_ID)
    String serverId;

    /** Allows plain HTTP and unverified certificates, e.g. for a registry on 127.0.0.1. */
    @Parameter(property = MlopsProperties.IMAGE_ALLOW_INSECURE, defaultValue = "false")
    boolean allowInsecureRegistries;

    /** Where the {@code tar} target writes the image. */
    @Parameter(property = MlopsProperties.IMAGE_TAR_FILE, defaultValue = "${project.build.directory}/mlops/image.tar")
    String tarFile;

    /** Flags for the JVM in the image, space-separated, e.g. {@code -XX:MaxRAMPercentage=75}. */
    @Parameter(property = MlopsProperties.IMAGE_JVM_FLAGS)
    String jvmFlags;

    /** The source repository URL for the OCI source label; {@code CI_PROJECT_URL} in GitLab CI, else the POM's SCM URL. */
    @Parameter(property = MlopsProperties.IMAGE_SOURCE, defaultValue = "${project.scm.url}")
    String source;

    /** With the {@code ecr} target: create the repository (immutable tags, scan on push) when it is missing. */
    @Parameter(property = MlopsProperties.ECR_CREATE_REPOSITORY, defaultValue = "false")
    boolean ecrCreateRepository;

    /** With the {@code ecr} target: an ECR endpoint other than AWS's public one (e.g. a VPC endpoint). */
    @Parameter(property = MlopsProperties.ECR_ENDPOINT)
    String ecrEndpoint;

    /** Skips this goal only. */
    @Parameter(property = MlopsProperties.PACKAGE_SKIP, defaultValue = "false")
    boolean skipPackage;

    @Component
    SettingsDecrypter settingsDecrypter;

    @Override
    protected String goal() {
        return "package";
    }

    @Override
    protected boolean skipGoal() {
        return commandLine().flag(MlopsProperties.PACKAGE_SKIP, skipPackage);
    }

    @Override
    protected void run() {
        Map<String, String> env = System.getenv();
        MlopsEvents events = new MavenEvents(getLog(), "");
        String repository = commandLine().string(MlopsProperties.IMAGE, image);
        String chosen = targetName(repository);
        Optional<EcrAccess> ecr = Optional.empty();
        try {
            List<RegistryCredentials> places = new ArrayList<>();
            ImageTarget imageTarget;
            if (chosen.equals(TARGET_TAR)) {
                String name = repository == null || repository.isBlank() ? modelName().value() : repository;
                imageTarget = new ImageTarget.Tar(name, baseDir().resolve(commandLine().string(MlopsProperties.IMAGE_TAR_FILE, tarFile)));
            } else if (chosen.equals(TARGET_ECR)) {
                ecr = Optional.of(EcrAccess.open(hostOf(repository), ecrEndpoint(),
                        commandLine().flag(MlopsProperties.ECR_CREATE_REPOSITORY, ecrCreateRepository), events, clock()));
                places.add(ecr.get().credentials());
                imageTarget = new ImageTarget.Registry(repository, ecr.get().repositorySetup());
            } else {
                imageTarget = new ImageTarget.Registry(repository, RepositorySetup.NONE);
            }
            settingsServer(repository).ifPresent(places::add);
            places.add(DockerConfigCredentials.inDefaultPlace(env, Path.of(System.getProperty("user.home"))));
            places.add(new EnvironmentCredentials(env));
            CredentialChain credentials = new CredentialChain(places);
            getLog().debug("Registry credentials are looked up in: " + credentials.describe());

            PackageRequest request = new PackageRequest(modelName(), version(), plan(),
                    commandLine().string(MlopsProperties.IMAGE_BASE, baseImage), jvmFlags(), imageTarget,
                    new RegistryAccess(credentials, commandLine().flag(MlopsProperties.IMAGE_ALLOW_INSECURE, allowInsecureRegistries)),
                    GitRevision.of(ci(), baseDir()), sourceUrl(), outputDir(), Optional.of(baseDir()));
            PackageReport report = new PackageService(modelStore(), new RegistryApiTagLookup(), events, Optional.empty())
                    .packageImage(request);
            getLog().info("Image: " + (report.pushed() ? report.imageByDigest() : report.image() + " (" + report.digest() + ")"));
        } finally {
            ecr.ifPresent(EcrAccess::close);
        }
    }

    private String targetName(String repository) {
        String given = commandLine().string(MlopsProperties.IMAGE_TARGET, target);
        String chosen = given == null || given.isBlank() ? (repository == null || repository.isBlank() ? TARGET_TAR : TARGET_REGISTRY) : given;
        if (!List.of(TARGET_REGISTRY, TARGET_ECR, TARGET_TAR).contains(chosen)) {
            throw new ConfigurationException("Unknown image target '" + chosen + "': use registry, ecr or tar in <target>"
                    + " or -D" + MlopsProperties.IMAGE_TARGET + "."
                    + NearestName.hint(chosen, List.of(TARGET_REGISTRY, TARGET_ECR, TARGET_TAR)));
        }
        if (!chosen.equals(TARGET_TAR) && (repository == null || repository.isBlank())) {
            throw new ConfigurationException("The " + chosen + " target needs an image repository: set <image> or -D"
                    + MlopsProperties.IMAGE + "=registry.example.com/team/" + modelName() + ".");
        }
        return chosen;
    }

    ModelVersion version() {
        String given = commandLine().string(MlopsProperties.VERSION, version);
        if (given == null || given.isBlank()) {
            given = DotEnvFile.read(outputDir().resolve(PackageService.DOTENV)).get("MLOPS_VERSION");
        }
        if (given == null || given.isBlank()) {
            throw new ConfigurationException("No version to package. Run mvn mlops:version first (it writes MLOPS_VERSION"
                    + " to " + outputDir().resolve(PackageService.DOTENV) + "), or pass -D" + MlopsProperties.VERSION + "=<version>.");
        }
        return new ModelVersion(given);
    }

    private ImagePlan plan() {
        List<Path> jars = project.getArtifacts().stream()
                .filter(a -> !Artifact.SCOPE_TEST.equals(a.getScope()) && !Artifact.SCOPE_PROVIDED.equals(a.getScope())
                        && !Artifact.SCOPE_SYSTEM.equals(a.getScope()))
                .map(a -> a.getFile().toPath()).sorted().toList();
        return ImagePlan.of(Path.of(project.getBuild().getOutputDirectory()), jars);
    }

    private List<String> jvmFlags() {
        String flags = commandLine().string(MlopsProperties.IMAGE_JVM_FLAGS, jvmFlags);
        return flags == null || flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
    }

    private Optional<String> sourceUrl() {
        String given = commandLine().string(MlopsProperties.IMAGE_SOURCE, null);
        return given != null ? Optional.of(given).filter(s -> !s.isBlank())
                : ci().projectUrl().or(() -> Optional.ofNullable(source).filter(s -> !s.isBlank()));
    }

    private Optional<URI> ecrEndpoint() {
        String given = commandLine().string(MlopsProperties.ECR_ENDPOINT, ecrEndpoint);
        return Optional.ofNullable(given).filter(s -> !s.isBlank()).map(URI::create);
    }

    /** The settings.xml server named by serverId, else the one whose id is the registry host; decrypted. */
    private Optional<RegistryCredentials> settingsServer(String repository) {
        if (repository == null || repository.isBlank()) {
            return Optional.empty();
        }
        String host = hostOf(repository);
        String explicitId = commandLine().string(MlopsProperties.IMAGE_SERVER_ID, serverId);
        String id = explicitId == null || explicitId.isBlank() ? host : explicitId;
        Server server = session.getSettings().getServer(id);
        if (server == null) {
            if (explicitId != null && !explicitId.isBlank()) {
                throw new ConfigurationException("No <server> with <id>" + id + "</id> in settings.xml, as <serverId> /"
                        + " -D" + MlopsProperties.IMAGE_SERVER_ID + " asks. Add it, or leave serverId out.");
            }
            return Optional.empty();
        }
        SettingsDecryptionResult decrypted = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (!decrypted.getProblems().isEmpty()) {
            throw new ConfigurationException("Cannot decrypt the password of settings.xml server '" + id + "': "
                    + decrypted.getProblems().get(0).getMessage() + ". Check settings-security.xml.");
        }
        Server plain = decrypted.getServer();
        if (plain.getUsername() == null || plain.getPassword() == null) {
            return Optional.empty();
        }
        return Optional.of(new FixedCredentials("settings.xml server '" + id + "'", host,
                new RegistryCredential(plain.getUsername(), plain.getPassword())));
    }

    private static String hostOf(String repository) {
        int slash = repository.indexOf('/');
        String first = slash > 0 ? repository.substring(0, slash) : "";
        // the same rule as Docker's: the first component is a registry only if it looks like a host
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : "registry-1.docker.io";
    }
}
