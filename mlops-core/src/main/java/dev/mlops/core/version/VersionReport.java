package dev.mlops.core.version;

import dev.mlops.core.domain.ModelVersion;
import java.util.Optional;

/**
 * The version reserved for this pipeline and how it was found.
 *
 * @param previous the latest release it was computed from
 * @param reason {@code explicit}, {@code major}, {@code minor}, {@code patch}, {@code schedule} or {@code pre-release}
 * @param since the commit the "commits since the last release" start after, when known
 * @param commits how many commit messages were read
 */
public record VersionReport(ModelVersion version, Optional<ModelVersion> previous, String reason,
        Optional<String> since, int commits) {}
