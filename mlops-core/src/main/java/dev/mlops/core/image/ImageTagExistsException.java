package dev.mlops.core.image;

import dev.mlops.core.ConfigurationException;

/** The version's tag is already in the registry; tags are never overwritten. */
public final class ImageTagExistsException extends ConfigurationException {

    public ImageTagExistsException(String image) {
        super("The tag of " + image + " already exists in the registry, and a version tag is never overwritten"
                + " (ECR's tag immutability demands the same). Nothing was pushed or recorded. Package a new version:"
                + " run mvn mlops:version first, or pass another -Dmlops.version=<version>.");
    }
}
