package dev.mlops.core.image;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;

/** The version's tag is already in the registry; tags are never overwritten. */
public final class ImageTagExistsException extends ConfigurationException {

    public ImageTagExistsException(String image) {
        super(Text.of("The tag of " + image + " already exists in the registry, and a version tag is never"
                + " overwritten (ECR's tag immutability demands the same). Nothing was pushed or recorded. Package a new"
                + " version: run ", Goal.VERSION, " first, or pass another ", Setting.VERSION.any("version"), "."));
    }
}
