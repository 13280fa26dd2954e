package dev.mlops.core.store;

import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where models live: {@code models/<model>/<version>/} holds {@code model.tar.gz} and
 * {@code manifest.json}. A version, once written, is never overwritten.
 */
public interface ModelStore {

    /** The store's location as the user wrote it, for messages. */
    String describe();

    /**
     * Fails with a {@link dev.mlops.core.ConfigurationException} naming the location when the store
     * cannot be written, so that a run can stop before spending time on training.
     */
    void checkWritable();

    boolean exists(ModelName model, ModelVersion version);

    /**
     * Stores a new version all at once: a reader sees either nothing or the complete version.
     *
     * @throws VersionExistsException when the version is already there (another writer won)
     */
    StoredVersion publish(Manifest manifest, Path modelArchive);

    Optional<Manifest> manifest(ModelName model, ModelVersion version);

    /** Every stored version of {@code model}, oldest first. */
    List<Manifest> versions(ModelName model);
}
