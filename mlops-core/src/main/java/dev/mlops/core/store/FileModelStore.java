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
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** A store in a local directory (the default: {@code ~/.mlops/store}). */
public final class FileModelStore implements ModelStore {

    static final String MANIFEST = "manifest.json";
    static final String ARCHIVE = "model.tar.gz";
    static final String ALIASES = "aliases";
    static final String RESERVATIONS = ".reservations";
    private static final int ALIAS_HISTORY = 20;
    private static final java.util.regex.Pattern ALIAS_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Map<String, java.util.concurrent.locks.ReentrantLock> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

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
    public void copyArchive(ModelName model, ModelVersion version, Path target) {
        Path archive = versionDir(model, version).resolve(ARCHIVE);
        if (!Files.isRegularFile(archive)) {
            throw notStored(model, version);
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(archive, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot copy " + archive + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Manifest> versions(ModelName model) {
        Path modelDir = modelDir(model);
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

    @Override
    public Manifest update(ModelName model, ModelVersion version, UnaryOperator<Manifest> change) {
        return withModelLock(model, () -> {
            Manifest before = manifest(model, version).orElseThrow(() -> notStored(model, version));
            Manifest after = change.apply(before);
            if (!after.model().equals(before.model()) || !after.version().equals(before.version())
                    || !java.util.Objects.equals(after.artifact(), before.artifact())) {
                throw new IllegalArgumentException("a manifest update may not change the model, version or artifact");
            }
            replaceFile(versionDir(model, version).resolve(MANIFEST), JsonFiles.toJson(after));
            return after;
        });
    }

    @Override
    public boolean reserve(ModelName model, ModelVersion version) {
        if (exists(model, version)) {
            return false;
        }
        try {
            Path reservations = Files.createDirectories(modelDir(model).resolve(RESERVATIONS));
            Files.createDirectory(reservations.resolve(version.value())); // atomic: exactly one caller creates it
            return !exists(model, version);
        } catch (java.nio.file.FileAlreadyExistsException taken) {
            return false;
        } catch (IOException e) {
            throw new InfrastructureException("Cannot reserve version " + version + " of '" + model + "' in "
                    + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ModelVersion> reservedOrStored(ModelName model) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        names.addAll(childNames(modelDir(model).resolve(RESERVATIONS)));
        versions(model).forEach(m -> names.add(m.version()));
        return names.stream().map(ModelVersion::new).toList();
    }

    @Override
    public Optional<Alias> alias(ModelName model, String alias) {
        Path file = aliasFile(model, requireAliasName(alias));
        return Files.isRegularFile(file) ? Optional.of(JsonFiles.read(file, Alias.class)) : Optional.empty();
    }

    @Override
    public Map<String, Alias> aliases(ModelName model) {
        Map<String, Alias> aliases = new java.util.TreeMap<>();
        for (String name : childNames(modelDir(model).resolve(ALIASES))) {
            if (!name.startsWith(".")) {
                alias(model, name).ifPresent(a -> aliases.put(name, a));
            }
        }
        return aliases;
    }

    @Override
    public Alias moveAlias(ModelName model, String alias, ModelVersion to, Optional<ModelVersion> expected,
            Instant at) {
        requireAliasName(alias);
        return withModelLock(model, () -> {
            if (!exists(model, to)) {
                throw notStored(model, to);
            }
            Optional<Alias> current = alias(model, alias);
            Optional<String> currentVersion = current.map(Alias::version);
            if (!currentVersion.equals(expected.map(ModelVersion::value))) {
                throw new AliasConflictException("Alias '" + alias + "' of '" + model + "' points at "
                        + currentVersion.orElse("nothing") + ", not " + expected.map(ModelVersion::value).orElse("nothing")
                        + " as expected: another pipeline moved it. Nothing was changed; look at mvn mlops:status and retry.");
            }
            List<String> previous = new ArrayList<>();
            current.ifPresent(a -> {
                previous.add(a.version());
                previous.addAll(a.previous());
            });
            Alias moved = new Alias(alias, to.value(), at.toString(),
                    previous.subList(0, Math.min(previous.size(), ALIAS_HISTORY)));
            replaceFile(aliasFile(model, alias), JsonFiles.toJson(moved));
            return moved;
        });
    }

    private <T> T withModelLock(ModelName model, java.util.function.Supplier<T> action) {
        Path lockFile = modelDir(model).resolve(".lock");
        // the file lock keeps other processes out; it cannot be taken twice in one JVM, so threads queue first
        java.util.concurrent.locks.ReentrantLock threads = LOCKS.computeIfAbsent(lockFile.toString(),
                k -> new java.util.concurrent.locks.ReentrantLock());
        threads.lock();
        try {
            Files.createDirectories(lockFile.getParent());
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    java.nio.channels.FileLock ignored = channel.lock()) {
                return action.get();
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot lock '" + model + "' in " + describe() + ": " + e.getMessage(), e);
        } finally {
            threads.unlock();
        }
    }

    // written beside the target and renamed over it: a reader sees the old or the new file, never half
    private static void replaceFile(Path target, String content) {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a stray temporary file is invisible to readers
            }
            throw new InfrastructureException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static List<String> childNames(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new InfrastructureException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String requireAliasName(String alias) {
        if (alias == null || !ALIAS_NAME.matcher(alias).matches()) {
            throw new ConfigurationException("Invalid alias name '" + alias
                    + "': use lower-case letters, digits and '-', e.g. production or staging.");
        }
        return alias;
    }

    private ConfigurationException notStored(ModelName model, ModelVersion version) {
        return new ConfigurationException("Version " + version + " of '" + model + "' is not in the store "
                + describe() + ". See the stored versions with mvn mlops:status.");
    }

    private Path modelDir(ModelName model) {
        return root.resolve("models").resolve(model.value());
    }

    private Path aliasFile(ModelName model, String alias) {
        return modelDir(model).resolve(ALIASES).resolve(alias);
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
