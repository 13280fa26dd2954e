package dev.mlops.core.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.store.ModelStore;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * {@code mlops:package}: builds the model's image with jib-core, refuses to overwrite an existing version
 * tag, pushes it (or writes a tarball), and only then records the image in {@code mlops.env} and in the
 * version's manifest.
 */
public final class PackageService {

    public static final String IMAGE_JSON = "image.json";
    private static final String TOOL = "mlops-maven-plugin";

    private final ModelStore store;
    private final TagLookup tags;
    private final MlopsEvents events;
    private final Optional<Path> baseImageCache;

    /** @param baseImageCache where Jib keeps base image layers; Jib's own default when empty */
    public PackageService(ModelStore store, TagLookup tags, MlopsEvents events, Optional<Path> baseImageCache) {
        this.store = store;
        this.tags = tags;
        this.events = events;
        this.baseImageCache = baseImageCache;
    }

    /** @throws MlopsEnv.NoVersionToPackageException when no version is given and mlops.env holds none */
    public PackageReport packageImage(PackageRequest request) {
        ModelVersion version = MlopsEnv.in(request.outputDir(), request.projectDir()).versionToPackage(request.version());
        ImageReference repository = repositoryOf(request.target().repository());
        ImageReference image = repository.withQualifier(version.value());
        ImageReference base = baseOf(request.baseImage());
        if (base.getDigest().isEmpty() && !base.isScratch()) {
            events.warn(Text.of("The base image " + request.baseImage() + " is not pinned by digest, so the same inputs"
                    + " may give another image tomorrow. Pin it: ", Setting.IMAGE_BASE.is("name@sha256:…"), "."));
        }
        List<String> pushedTags = new ArrayList<>();
        Optional<String> commitTag = request.gitCommit().map(c -> c.substring(0, Math.min(8, c.length())));
        // what to push, in order: the version tag last, so that it exists only once the whole push succeeded
        List<Containerizer> pushes = new ArrayList<>();
        if (request.target() instanceof ImageTarget.Registry registry) {
            registry.setup().ensure(repository.getRegistry(), repository.getRepository());
            if (tags.exists(repository.getRegistry(), repository.getRepository(), version.value(), request.access())) {
                throw new ImageTagExistsException(image.toString());
            }
            if (commitTag.isPresent()) {
                // the commit tag is a convenience; with immutable tags it must not fail a rebuild of the same commit
                if (tags.exists(repository.getRegistry(), repository.getRepository(), commitTag.get(), request.access())) {
                    events.info("Tag " + commitTag.get() + " already exists in " + repository + "; leaving it as it is.");
                } else {
                    pushes.add(Containerizer.to(registryImage(repository.withQualifier(commitTag.get()), request.access())));
                    pushedTags.add(commitTag.get());
                }
            }
            pushes.add(Containerizer.to(registryImage(image, request.access())));
        } else {
            Path file = ((ImageTarget.Tar) request.target()).file();
            pushes.add(Containerizer.to(TarImage.at(file).named(image)));
        }
        pushedTags.add(0, version.value());

        JibContainer container = null;
        for (Containerizer containerizer : pushes) {
            containerizer.setToolName(TOOL).setAllowInsecureRegistries(request.access().allowInsecure())
                    .addEventHandler(LogEvent.class, this::forward);
            baseImageCache.ifPresent(containerizer::setBaseImageLayersCache);
            JibContainer pushed = containerize(builder(request, version, base), containerizer, image, base, request.access());
            if (container != null && !container.getDigest().equals(pushed.getDigest())) {
                throw new InfrastructureException("The image of " + image + " came out as " + pushed.getDigest()
                        + " after " + container.getDigest() + " for the commit tag: its inputs changed during the"
                        + " build. The version tag was not pushed; run the goal again.", null);
            }
            container = pushed;
        }
        String digest = container.getDigest().toString();
        PackageReport report = new PackageReport(image.toString(), digest, pushedTags,
                request.target() instanceof ImageTarget.Registry);
        record(request, version, report);
        return report;
    }

    private JibContainerBuilder builder(PackageRequest request, ModelVersion version, ImageReference base) {
        JibContainerBuilder builder = Jib.from(registryImage(base, request.access()));
        for (ImagePlan.Layer layer : request.plan().layers()) {
            FileEntriesLayer.Builder entries = FileEntriesLayer.builder().setName(layer.name());
            layer.entries().forEach(e -> entries.addEntry(e.source(), AbsoluteUnixPath.get(e.target())));
            builder.addFileEntriesLayer(entries.build());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", request.model().value());
        labels.put("org.opencontainers.image.version", version.value());
        request.gitCommit().ifPresent(c -> labels.put("org.opencontainers.image.revision", c));
        request.source().ifPresent(s -> labels.put("org.opencontainers.image.source", s));
        labels.put("dev.mlops.model", request.model().value());
        // Jib's fixed creation time and file times make the digest a function of the inputs alone
        return builder.setEntrypoint(ImageLayout.entrypoint(request.jvmFlags())).setProgramArguments(List.of())
                .setLabels(labels).setWorkingDirectory(AbsoluteUnixPath.get("/app"));
    }

    private JibContainer containerize(JibContainerBuilder builder, Containerizer containerizer, ImageReference image,
            ImageReference base, RegistryAccess access) {
        try {
            events.info("Building " + image + " on " + base);
            return builder.containerize(containerizer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while building " + image, e);
        } catch (ExecutionException | RegistryException | IOException | CacheDirectoryCreationException e) {
            throw translate(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e, image, access);
        }
    }

    private RuntimeException translate(Throwable e, ImageReference image, RegistryAccess access) {
        if (e instanceof RegistryUnauthorizedException u) {
            // getImageReference() is "registry/repository"
            String registry = u.getImageReference().split("/", 2)[0];
            boolean had = access.credentials().lookup(registry).isPresent();
            return RegistryApiTagLookup.refused(registry, access, had);
        }
        if (e instanceof RegistryAuthenticationFailedException f) {
            return RegistryApiTagLookup.refused(f.getServerUrl(), access, true);
        }
        if (e instanceof InsecureRegistryException) {
            return new ConfigurationException(Text.of("A registry for " + image + " serves plain HTTP or an untrusted"
                    + " certificate. If you trust it (e.g. one on 127.0.0.1), set ", Setting.IMAGE_ALLOW_INSECURE.is(true),
                    "."), e);
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, UnknownHostException.class)) {
            return new InfrastructureException(Text.of("Cannot reach the registry of " + image + " or of the base image ("
                    + rootMessage(e) + "). Check the host and port in ", Setting.IMAGE, " and ", Setting.IMAGE_BASE,
                    ", and that the registry is up. Nothing was recorded."), e);
        }
        return new InfrastructureException("Building or pushing " + image + " failed: " + rootMessage(e)
                + ". Nothing was recorded; run the goal again once the cause is fixed.", e);
    }

    private void record(PackageRequest request, ModelVersion version, PackageReport report) {
        ModelName model = request.model();
        MlopsEnv env = MlopsEnv.in(request.outputDir(), request.projectDir());
        if (report.pushed()) {
            if (store.exists(model, version)) {
                store.update(model, version, m -> m.withImage(report.image(), report.digest()));
                events.info("Recorded " + report.imageByDigest() + " in the manifest of " + version);
            } else {
                events.info("Version " + version + " is not stored yet; the image is in mlops.env (MLOPS_IMAGE) for the"
                        + " jobs that follow.");
            }
            events.info("Pushed " + report.image() + " (tags " + String.join(", ", report.tags()) + "), digest " + report.digest());
        } else {
            Path file = ((ImageTarget.Tar) request.target()).file();
            events.info(Text.of("Wrote " + report.image() + " to " + file + ", digest " + report.digest()
                    + " (no registry configured: set ", Setting.IMAGE, " and ", Setting.IMAGE_TARGET.is(ImageTarget.REGISTRY),
                    " to push)."));
        }
        JsonFiles.write(request.outputDir().resolve(IMAGE_JSON), report);
        if (report.pushed()) {
            env.imagePushed(model.value(), version, report.image(), report.digest(), report.imageByDigest());
        } else {
            env.imageWritten(model.value(), version, report.digest(), ((ImageTarget.Tar) request.target()).file());
        }
    }

    private void forward(LogEvent event) {
        switch (event.getLevel()) {
            case ERROR, WARN -> events.warn(event.getMessage());
            case LIFECYCLE -> events.info(event.getMessage());
            default -> events.debug(event.getMessage());
        }
    }

    private static RegistryImage registryImage(ImageReference reference, RegistryAccess access) {
        return RegistryImage.named(reference).addCredentialRetriever(retriever(reference.getRegistry(), access));
    }

    private static CredentialRetriever retriever(String registry, RegistryAccess access) {
        return () -> access.credentials().lookup(registry).map(c -> Credential.from(c.username(), c.password()));
    }

    static ImageReference repositoryOf(String repository) {
        ImageReference parsed = parse(repository, Setting.IMAGE, "registry.example.com/team/spam-classifier");
        if (parsed.getDigest().isPresent() || !parsed.usesDefaultTag() || repository.endsWith(":latest")) {
            throw new ConfigurationException(Text.of("The image '" + repository + "' has a tag or digest; give the"
                    + " repository alone (the tags are the version and the commit): ",
                    Setting.IMAGE.is("registry.example.com/team/spam-classifier"), "."));
        }
        return parsed;
    }

    private static ImageReference baseOf(String base) {
        if (base == null || base.isBlank()) {
            throw new ConfigurationException(Text.of("No base image is configured. Set ", Setting.IMAGE_BASE, " to an"
                    + " image with a Java 17+ runtime, pinned by digest (e.g. eclipse-temurin:17-jre@sha256:…)."));
        }
        return parse(base, Setting.IMAGE_BASE, "eclipse-temurin:17-jre@sha256:…");
    }

    private static ImageReference parse(String reference, Setting where, String example) {
        try {
            return ImageReference.parse(reference);
        } catch (InvalidImageReferenceException | RuntimeException e) {
            throw new ConfigurationException(Text.of("'" + reference + "' is not a valid image reference. Set ", where,
                    " to something like " + example + "."), e);
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
