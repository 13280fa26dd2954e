package dev.mlops.core.image;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code mlops:package} is asked to build.
 *
 * @param version the version to package; by default the one {@code mlops.env} names
 * @param baseImage the image with a JRE to build on, best pinned by digest ({@code name@sha256:…})
 * @param jvmFlags flags for the JVM in the image, before {@code -cp}
 * @param gitCommit the commit the image is built from: a label, and a second tag (its first 8 characters)
 * @param source where the source lives (e.g. the GitLab project URL), for the OCI source label
 * @param outputDir where {@code mlops.env} and {@code image.json} are written
 * @param projectDir the project's base directory: paths in {@code mlops.env} are relative to it
 */
public record PackageRequest(ModelName model, Optional<ModelVersion> version, ImagePlan plan, String baseImage,
        List<String> jvmFlags, ImageTarget target, RegistryAccess access, Optional<String> gitCommit,
        Optional<String> source, Path outputDir, Optional<Path> projectDir) {

    public PackageRequest {
        jvmFlags = List.copyOf(jvmFlags);
    }
}
