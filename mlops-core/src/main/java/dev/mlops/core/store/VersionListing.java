package dev.mlops.core.store;

import dev.mlops.core.domain.Manifest;
import java.util.List;

/**
 * The versions of a model that can be read, oldest first, and what could not be read.
 *
 * @param problems one sentence per unreadable or incomplete manifest, unreadable alias, or alias naming a
 *     version that is not stored: the file or value, and how to fix it
 */
public record VersionListing(List<Manifest> versions, List<String> problems) {

    public VersionListing {
        versions = List.copyOf(versions);
        problems = List.copyOf(problems);
    }
}
