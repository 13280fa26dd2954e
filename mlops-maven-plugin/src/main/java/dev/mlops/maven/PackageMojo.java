package dev.mlops.maven;

import dev.mlops.aws.EcrAccess;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.image.CredentialChain;
import dev.mlops.core.image.DockerConfigCredentials;
import dev.mlops.core.image.EnvironmentCredentials;
import dev.mlops.core.image.ImagePlan;
import dev.mlops.core.image.ImageTarget;
import dev.mlops.core.image.PackageReport;
import dev.mlops.core.image.PackageRequest;
import dev.mlops.core.image.PackageService;
import dev.mlops.core.image.RegistryAccess;
import dev.mlops.core.image.RegistryApiTagLookup;
import dev.mlops.core.image.RegistryCredentials;
import dev.mlops.core.image.RepositorySetup;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.io.GitRevision;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.PackageSettings;
import dev.mlops.maven.settings.SettingsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds the model's training and inference image with jib-core (layers for dependencies, snapshot
 * dependencies, resources and classes; {@code train} and {@code serve} entry points) and pushes it to
 * an OCI registry or ECR with the version and commit as tags, or writes a tarball. Records the digest
 * in {@code mlops.env} and in the version's manifest.
 */
@Mojo(name = "package", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class PackageMojo extends AbstractMlopsMojo {

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
        return reader().flag(MlopsProperties.PACKAGE_SKIP, skipPackage);
    }

    @Override
    protected void run() {
        PackageSettings settings = settings();
        CommonSettings common = settings.common();
        Map<String, String> env = environment();
        MlopsEvents events = new MavenEvents(getLog(), "");
        List<EcrAccess> ecr = new ArrayList<>();
        try {
            ImageTarget imageTarget = imageTarget(settings, registry -> {
                ecr.add(EcrAccess.open(registry, settings.ecrEndpoint(), settings.ecrCreateRepository(), events, clock()));
                return ecr.get(0).repositorySetup();
            });
            List<RegistryCredentials> places = new ArrayList<>();
            ecr.forEach(access -> places.add(access.credentials()));
            SettingsXmlCredentials.find(session.getSettings(), settingsDecrypter, settings.serverId(), settings.repository())
                    .ifPresent(places::add);
            places.add(DockerConfigCredentials.inDefaultPlace(env, Path.of(System.getProperty("user.home"))));
            places.add(new EnvironmentCredentials(env));
            CredentialChain credentials = new CredentialChain(places);
            getLog().debug("Registry credentials are looked up in: " + credentials.describe());

            PackageRequest request = new PackageRequest(common.model(), settings.version(), plan(), settings.baseImage(),
                    settings.jvmFlags(), imageTarget, new RegistryAccess(credentials, settings.allowInsecureRegistries()),
                    GitRevision.of(ci(), baseDir()), settings.source(), common.outputDir(), Optional.of(baseDir()));
            PackageReport report;
            try {
                report = new PackageService(modelStore(common), new RegistryApiTagLookup(), events, Optional.empty())
                        .packageImage(request);
            } catch (MlopsEnv.NoVersionToPackageException e) {
                throw new ConfigurationException("No version to package. Run mvn mlops:version first (it writes MLOPS_VERSION"
                        + " to " + e.file() + "), or pass -D" + MlopsProperties.VERSION + "=<version>.", e);
            }
            getLog().info("Image: " + (report.pushed() ? report.imageByDigest() : report.image() + " (" + report.digest() + ")"));
        } finally {
            ecr.forEach(EcrAccess::close);
        }
    }

    PackageSettings settings() {
        SettingsReader read = reader();
        String tar = read.string(MlopsProperties.IMAGE_TAR_FILE, tarFile);
        String givenSource = read.string(MlopsProperties.IMAGE_SOURCE, null);
        // a blank -D leaves the label out; no -D takes GitLab's project URL, else the POM's SCM URL
        Optional<String> sourceUrl = givenSource != null ? Optional.of(givenSource).filter(s -> !s.isBlank())
                : ci().projectUrl().or(() -> Optional.ofNullable(source).filter(s -> !s.isBlank()));
        return new PackageSettings(commonSettings(), requestedVersion(version), read.string(MlopsProperties.IMAGE, image),
                read.string(MlopsProperties.IMAGE_TARGET, target), read.string(MlopsProperties.IMAGE_BASE, baseImage),
                read.string(MlopsProperties.IMAGE_SERVER_ID, serverId), read.flag(MlopsProperties.IMAGE_ALLOW_INSECURE,
                        allowInsecureRegistries), tar == null ? null : baseDir().resolve(tar),
                read.list(MlopsProperties.IMAGE_JVM_FLAGS, jvmFlags), sourceUrl,
                read.flag(MlopsProperties.ECR_CREATE_REPOSITORY, ecrCreateRepository),
                read.httpUrl(MlopsProperties.ECR_ENDPOINT, ecrEndpoint));
    }

    private ImageTarget imageTarget(PackageSettings settings, Function<String, RepositorySetup> ecrSetup) {
        String model = settings.common().model().value();
        try {
            return ImageTarget.of(settings.target(), settings.repository(), model, settings.tarFile(), ecrSetup);
        } catch (ImageTarget.InvalidTarget e) {
            throw new ConfigurationException(e.missingRepository()
                    ? Text.of("The " + e.target() + " target needs an image repository: set ",
                            Setting.IMAGE.is("registry.example.com/team/" + model), ".")
                    : Text.of("Unknown image target '" + e.target() + "': use registry, ecr or tar in ",
                            Setting.IMAGE_TARGET, ".", e.hint()));
        }
    }

    private ImagePlan plan() {
        List<Path> jars = project.getArtifacts().stream()
                .filter(a -> !Artifact.SCOPE_TEST.equals(a.getScope()) && !Artifact.SCOPE_PROVIDED.equals(a.getScope())
                        && !Artifact.SCOPE_SYSTEM.equals(a.getScope()))
                .map(a -> a.getFile().toPath()).sorted().toList();
        return ImagePlan.of(Path.of(project.getBuild().getOutputDirectory()), jars);
    }
}
