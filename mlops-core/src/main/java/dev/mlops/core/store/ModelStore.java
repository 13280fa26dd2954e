package dev.mlops.core.store;

import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

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

    /**
     * Copies the model archive of a stored version to {@code target} on this machine.
     *
     * @throws dev.mlops.core.ConfigurationException when the version is not stored
     */
    void copyArchive(ModelName model, ModelVersion version, Path target);

    /** Every stored version of {@code model}, oldest first. */
    List<Manifest> versions(ModelName model);

    /**
     * Changes the manifest of a stored version (status, metrics, image, audit) while holding the
     * model's lock, so that concurrent changes are never lost. The model archive never changes.
     *
     * @throws IllegalArgumentException when {@code change} alters the model, version or artifact
     * @throws dev.mlops.core.ConfigurationException when the version is not stored
     */
    Manifest update(ModelName model, ModelVersion version, UnaryOperator<Manifest> change);

    /**
     * Reserves a version number for a pipeline that will store it later, so that two pipelines never
     * get the same one.
     *
     * @return false when the version is already reserved or stored
     */
    boolean reserve(ModelName model, ModelVersion version);

    /** Every version number reserved or stored for {@code model}. */
    List<ModelVersion> reservedOrStored(ModelName model);

    Optional<Alias> alias(ModelName model, String alias);

    /** Every alias of {@code model}, by name. */
    Map<String, Alias> aliases(ModelName model);

    /**
     * Points {@code alias} at {@code to} in one step, but only if it still points at {@code expected}
     * (empty: the alias must not exist yet).
     *
     * @throws AliasConflictException when the alias moved in the meantime; nothing changes
     * @throws dev.mlops.core.ConfigurationException when {@code to} is not stored
     */
    Alias moveAlias(ModelName model, String alias, ModelVersion to, Optional<ModelVersion> expected, Instant at);
}
