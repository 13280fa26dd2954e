package dev.mlops.core.image;

/** Prepares a registry's repository before a push (e.g. creates it in ECR); nothing for most registries. */
public interface RepositorySetup {

    /** Makes sure {@code repository} (the path within {@code registry}) can be pushed to. */
    void ensure(String registry, String repository);

    RepositorySetup NONE = (registry, repository) -> {};
}
