package dev.mlops.core.image;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.io.NearestName;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** Where the image goes, chosen explicitly: a registry (any OCI registry, or ECR) or a tarball. */
public sealed interface ImageTarget {

    String REGISTRY = "registry";
    String ECR = "ecr";
    String TAR = "tar";
    List<String> NAMES = List.of(REGISTRY, ECR, TAR);

    /** The repository, e.g. {@code registry.example.com/team/spam-classifier}, with no tag. */
    String repository();

    /**
     * The target the user named: {@code registry}, {@code ecr} or {@code tar}; when none is named,
     * {@code registry} if there is a repository, else {@code tar}.
     *
     * @param repository the image repository, may be null or blank for {@code tar}
     * @param tarName the tarball's repository name when {@code repository} is blank
     * @param ecrSetup called with the registry host, only for {@code ecr}: what a push needs first
     * @throws InvalidTarget when the name is unknown, or a registry target has no repository
     */
    static ImageTarget of(String name, String repository, String tarName, Path tarFile,
            Function<String, RepositorySetup> ecrSetup) {
        boolean noRepository = repository == null || repository.isBlank();
        String chosen = name == null || name.isBlank() ? (noRepository ? TAR : REGISTRY) : name;
        if (!NAMES.contains(chosen)) {
            throw new InvalidTarget(chosen, false);
        }
        if (!chosen.equals(TAR) && noRepository) {
            throw new InvalidTarget(chosen, true);
        }
        return switch (chosen) {
            case TAR -> new Tar(noRepository ? tarName : repository, tarFile);
            case ECR -> new Registry(repository, ecrSetup.apply(Registries.registryOf(repository)));
            default -> new Registry(repository, RepositorySetup.NONE);
        };
    }

    /**
     * A registry.
     *
     * @param setup what must happen before a push, e.g. creating the ECR repository
     */
    record Registry(String repository, RepositorySetup setup) implements ImageTarget {}

    /** A tarball ({@code docker load} / {@code skopeo copy docker-archive:} read it), pushed nowhere. */
    record Tar(String repository, Path file) implements ImageTarget {}

    /** The target named is unknown, or needs a repository that is not set; the caller says where to set it. */
    final class InvalidTarget extends ConfigurationException {

        private final String target;
        private final boolean missingRepository;

        InvalidTarget(String target, boolean missingRepository) {
            super(missingRepository ? "The " + target + " target needs an image repository."
                    : "Unknown image target '" + target + "': use registry, ecr or tar.");
            this.target = target;
            this.missingRepository = missingRepository;
        }

        /** The target's name as given, or as chosen when none was. */
        public String target() {
            return target;
        }

        /** True when the target is known but has no repository; false when the name is unknown. */
        public boolean missingRepository() {
            return missingRepository;
        }

        /** The nearest known target name, as a sentence to append, or empty. */
        public String hint() {
            return missingRepository ? "" : NearestName.hint(target, NAMES);
        }
    }
}
