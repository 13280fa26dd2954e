package dev.mlops.core.image;

import java.nio.file.Path;

/** Where the image goes, chosen explicitly: a registry (any OCI registry, or ECR) or a tarball. */
public sealed interface ImageTarget {

    /** The repository, e.g. {@code registry.example.com/team/spam-classifier}, with no tag. */
    String repository();

    /**
     * A registry.
     *
     * @param setup what must happen before a push, e.g. creating the ECR repository
     */
    record Registry(String repository, RepositorySetup setup) implements ImageTarget {}

    /** A tarball ({@code docker load} / {@code skopeo copy docker-archive:} read it), pushed nowhere. */
    record Tar(String repository, Path file) implements ImageTarget {}
}
