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

    /**
     * The manifest of a stored version, checked: complete, and naming the model and version it is stored as.
     *
     * @return empty when the version is not stored
     * @throws StoreIntegrityException when the version is there but its manifest is unreadable, incomplete or
     *     names another model or version
     */
    Optional<Manifest> manifest(ModelName model, ModelVersion version);

    /**
     * Copies the model archive of a stored version to {@code target} on this machine and checks its
     * SHA-256 against the manifest's; on a mismatch {@code target} is deleted.
     *
     * @throws dev.mlops.core.ConfigurationException when the version is not stored
     * @throws StoreIntegrityException when the archive is not the one its manifest records
     */
    void copyArchive(ModelName model, ModelVersion version, Path target);

    /**
     * The readable versions of {@code model}, oldest first, and one problem per manifest or alias that
     * could not be read (those versions are left out).
     */
    VersionListing listing(ModelName model);

    /** Every readable version of {@code model}, oldest first; see {@link #listing} for the unreadable ones. */
    default List<Manifest> versions(ModelName model) {
        return listing(model).versions();
    }

    /** Every readable version of {@code model}, oldest first, warning of each one left out and why. */
    default List<Manifest> versions(ModelName model, dev.mlops.core.MlopsEvents events) {
        VersionListing listing = listing(model);
        listing.problems().forEach(problem -> events.warn("Skipped: " + problem));
        return listing.versions();
    }

    /** The names of the models the store holds, sorted. */
    List<ModelName> models();

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

    /**
     * The manifest of the version {@code alias} names.
     *
     * @return empty when there is no such alias
     * @throws StoreIntegrityException when the alias names a version that is not stored (naming the alias,
     *     the version, the store and how to fix it), or its manifest is unreadable
     */
    default Optional<Manifest> aliasedManifest(ModelName model, String alias) {
        return alias(model, alias).map(a -> manifest(model, new ModelVersion(a.version()))
                .orElseThrow(() -> StoreIntegrityException.danglingAlias(model, a, describe())));
    }

    /** Every readable alias of {@code model}, by name (unreadable ones are {@link #listing} problems). */
    Map<String, Alias> aliases(ModelName model);

    /**
     * Points {@code alias} at {@code to} in one step, but only if it still points at {@code expected}
     * (empty: the alias must not exist yet). Moving it to the version it already names changes nothing,
     * so its history never holds the version it points at.
     *
     * @throws AliasConflictException when the alias moved in the meantime; nothing changes
     * @throws dev.mlops.core.ConfigurationException when {@code to} is not stored
     */
    Alias moveAlias(ModelName model, String alias, ModelVersion to, Optional<ModelVersion> expected, Instant at);
}
