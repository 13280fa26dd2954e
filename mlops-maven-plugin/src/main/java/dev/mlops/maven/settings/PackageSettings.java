package dev.mlops.maven.settings;

import dev.mlops.core.domain.ModelVersion;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code mlops:package}'s settings.
 *
 * @param version the version asked for; by default the one {@code mlops:version} wrote to {@code mlops.env}
 * @param repository the image repository without a tag, if any
 * @param target {@code registry}, {@code ecr} or {@code tar}; by default chosen by whether a repository is set
 * @param tarFile where the {@code tar} target writes, resolved against the project
 * @param source the OCI source label's URL: given, else GitLab's project URL, else the POM's SCM URL
 */
public record PackageSettings(CommonSettings common, Optional<ModelVersion> version, String repository, String target,
        String baseImage, String serverId, boolean allowInsecureRegistries, Path tarFile, List<String> jvmFlags,
        Optional<String> source, boolean ecrCreateRepository, Optional<URI> ecrEndpoint) {}
