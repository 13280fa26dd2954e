package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.io.MoreFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** A store in a local directory (the default: {@code ~/.mlops/store}). */
public final class FileModelStore implements ModelStore {

    static final String MANIFEST = "manifest.json";
    static final String ARCHIVE = "model.tar.gz";

    private final Path root;

    public FileModelStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    @Override
    public String describe() {
        String uri = root.toUri().toString();
        // the same text whether or not the directory exists yet
        return uri.endsWith("/") ? uri : uri + "/";
    }

    @Override
    public void checkWritable() {
        try {
            Files.createDirectories(root.resolve("models"));
            Path probe = Files.createTempFile(root.resolve("models"), ".probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new ConfigurationException("The store " + describe() + " cannot be written (" + e
                    + "). Point -Dmlops.store at a directory you can write, e.g. -Dmlops.store=file:${user.home}/.mlops/store.",
                    e);
        }
    }

    @Override
    public boolean exists(ModelName model, ModelVersion version) {
        return Files.exists(versionDir(model, version));
    }

    @Override
    public StoredVersion publish(Manifest manifest, Path modelArchive) {
        ModelName model = manifest.modelName();
        ModelVersion version = manifest.modelVersion();
        Path target = versionDir(model, version);
        if (Files.exists(target)) {
            throw new VersionExistsException(model, version, describe());
        }
        // staged beside the target, then renamed in one step: readers never see half a version
        Path staging = target.resolveSibling(".staging-" + version + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            Files.copy(modelArchive, staging.resolve(ARCHIVE));
            JsonFiles.write(staging.resolve(MANIFEST), manifest);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            deleteQuietly(staging);
            throw new InfrastructureException("The store " + describe() + " cannot rename directories atomically",
                    e);
        } catch (IOException | InfrastructureException e) {
            deleteQuietly(staging);
            // rename(2) fails with EEXIST or ENOTEMPTY when another writer got there first
            if (Files.exists(target)) {
                throw new VersionExistsException(model, version, describe());
            }
            throw new InfrastructureException("Cannot store version " + version + " of '" + model + "' in "
                    + describe() + ": " + e.getMessage(), e);
        }
        return new StoredVersion(manifest, target.resolve(ARCHIVE).toUri().toString());
    }

    @Override
    public Optional<Manifest> manifest(ModelName model, ModelVersion version) {
        Path file = versionDir(model, version).resolve(MANIFEST);
        return Files.isRegularFile(file) ? Optional.of(JsonFiles.read(file, Manifest.class)) : Optional.empty();
    }

    @Override
    public List<Manifest> versions(ModelName model) {
        Path modelDir = root.resolve("models").resolve(model.value());
        if (!Files.isDirectory(modelDir)) {
            return List.of();
        }
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> children = Files.list(modelDir)) {
            for (Path dir : children.sorted().toList()) {
                Path file = dir.resolve(MANIFEST);
                if (!dir.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
                    manifests.add(JsonFiles.read(file, Manifest.class));
                }
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot list the versions of '" + model + "' in " + describe() + ": "
                    + e.getMessage(), e);
        }
        manifests.sort(Comparator.comparing(Manifest::createdAt).thenComparing(Manifest::version));
        return manifests;
    }

    private Path versionDir(ModelName model, ModelVersion version) {
        return root.resolve("models").resolve(model.value()).resolve(version.value());
    }

    private static void deleteQuietly(Path dir) {
        try {
            MoreFiles.deleteRecursively(dir);
        } catch (IOException ignored) {
            // best effort: a leftover staging directory is invisible to readers
        }
    }
}
