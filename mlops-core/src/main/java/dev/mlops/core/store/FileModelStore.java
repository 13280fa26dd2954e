package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.Fingerprints;
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
    private static final Map<String, java.util.concurrent.locks.ReentrantLock> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    // a live publish takes seconds; an hour-old staging directory was left by a killed process
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofHours(1);

    private final Path root;
    private final java.time.Clock clock;

    public FileModelStore(Path root) {
        this(root, java.time.Clock.systemUTC());
    }

    /** @param clock tells when leftovers of a killed writer are old enough to remove */
    public FileModelStore(Path root, java.time.Clock clock) {
        this.root = root.toAbsolutePath();
        this.clock = clock;
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
            throw new ConfigurationException(Text.of("The store " + describe() + " cannot be written (" + e
                    + "). Point ", Setting.STORE, " at a directory you can write, e.g. ",
                    Setting.STORE.is("file:${user.home}/.mlops/store"), "."), e);
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
        List<String> invalid = ManifestCheck.problems(manifest);
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("an incomplete manifest cannot be stored: " + String.join("; ", invalid));
        }
        removeStaleLeftovers(model);
        // staged beside the target, then renamed in one step: readers never see half a version
        Path staging = target.resolveSibling(".staging-" + version + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            String copied = Fingerprints.copyWithSha256(modelArchive, staging.resolve(ARCHIVE));
            if (!copied.equals(manifest.artifact().sha256())) {
                throw new InfrastructureException("The model archive " + modelArchive + " changed while it was stored:"
                        + " its SHA-256 is " + copied + ", the manifest says " + manifest.artifact().sha256()
                        + ". Nothing was stored; train again.", null);
            }
            JsonFiles.write(staging.resolve(MANIFEST), manifest);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            deleteQuietly(staging);
            throw new InfrastructureException("The store " + describe() + " cannot rename directories atomically",
                    e);
        } catch (IOException | InfrastructureException e) {
            deleteQuietly(staging);
            // rename(2) fails with EEXIST or ENOTEMPTY when another writer got there first
            if (e instanceof IOException && Files.exists(target)) {
                throw new VersionExistsException(model, version, describe());
            }
            throw new InfrastructureException("Cannot store version " + version + " of '" + model + "' in "
                    + describe() + ": " + e.getMessage(), e);
        }
        return new StoredVersion(manifest, target.resolve(ARCHIVE).toUri().toString());
    }

    @Override
    public Optional<Manifest> manifest(ModelName model, ModelVersion version) {
        if (!Files.isDirectory(versionDir(model, version))) {
            return Optional.empty();
        }
        return Optional.of(readManifest(model, version.value()));
    }

    @Override
    public void copyArchive(ModelName model, ModelVersion version, Path target) {
        Manifest manifest = manifest(model, version).orElseThrow(() -> notStored(model, version));
        Path archive = versionDir(model, version).resolve(ARCHIVE);
        if (!Files.isRegularFile(archive)) {
            throw new StoreIntegrityException("Version " + version + " of '" + model + "' has no archive: " + archive
                    + " is missing. Restore it from a backup, or train the version again under another number.");
        }
        String actual;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            actual = Fingerprints.copyWithSha256(archive, target);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot copy " + archive + " to " + target + ": " + e.getMessage(), e);
        }
        if (!actual.equals(manifest.artifact().sha256())) {
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // the copy is in the goal's own work directory and is never unpacked
            }
            throw new StoreIntegrityException("The archive " + archive + " of version " + version + " of '" + model
                    + "' has SHA-256 " + actual + ", but its manifest " + archive.resolveSibling(MANIFEST)
                    + " records " + manifest.artifact().sha256() + ": the file changed after it was stored. Nothing"
                    + " was run. Restore the archive from a backup, or train the version again under another number.");
        }
    }

    @Override
    public VersionListing listing(ModelName model) {
        List<Manifest> manifests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : versionDirNames(model)) {
            try {
                manifests.add(readManifest(model, name));
            } catch (StoreIntegrityException e) {
                problems.add(e.problem().toString()); // the repair advice is for the one who asked for this version
            }
        }
        manifests.sort(Comparator.comparing(Manifest::createdAt).thenComparing(Manifest::version));
        java.util.Set<String> stored = new java.util.HashSet<>(versionDirNames(model));
        for (String name : aliasNames(model)) {
            try {
                alias(model, name).filter(a -> !stored.contains(a.version()))
                        .ifPresent(a -> problems.add(StoreIntegrityException.danglingAlias(model, a, describe()).problem().toString()));
            } catch (StoreIntegrityException e) {
                problems.add(e.problem().toString()); // the repair advice is for the one who asked for this version
            }
        }
        return new VersionListing(manifests, problems);
    }

    @Override
    public List<ModelName> models() {
        List<ModelName> models = new ArrayList<>();
        for (String name : childNames(root.resolve("models"))) {
            if (!name.startsWith(".") && Files.isDirectory(root.resolve("models").resolve(name))) {
                try {
                    models.add(new ModelName(name));
                } catch (ConfigurationException notAModel) {
                    // something else someone put there
                }
            }
        }
        return models;
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
        for (String name : childNames(modelDir(model).resolve(RESERVATIONS))) {
            try {
                names.add(new ModelVersion(name).value());
            } catch (ConfigurationException notAVersion) {
                // not something reserve() made
            }
        }
        // a version directory takes its number even when its manifest cannot be read
        names.addAll(versionDirNames(model));
        return names.stream().map(ModelVersion::new).toList();
    }

    @Override
    public Optional<Alias> alias(ModelName model, String alias) {
        Path file = aliasFile(model, requireAliasName(alias));
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            // something is there: treating it as "no alias" would let the gate approve against nothing
            throw new StoreIntegrityException(Text.of("The alias file " + file + " is not a file."),
                    Text.of(" Remove it and move the alias with ", Goal.DEPLOY.with(Setting.VERSION.any("version")), "."));
        }
        return Files.isRegularFile(file) ? Optional.of(readAlias(model, alias, file)) : Optional.empty();
    }

    @Override
    public Map<String, Alias> aliases(ModelName model) {
        Map<String, Alias> aliases = new java.util.TreeMap<>();
        for (String name : aliasNames(model)) {
            try {
                alias(model, name).ifPresent(a -> aliases.put(name, a));
            } catch (StoreIntegrityException unreadable) {
                // reported by listing(); an unreadable alias names no version
            }
        }
        return aliases;
    }

    @Override
    public Alias moveAlias(ModelName model, String alias, ModelVersion to, Optional<ModelVersion> expected,
            Instant at) {
        requireAliasName(alias);
        return withModelLock(model, () -> {
            if (manifest(model, to).isEmpty()) {
                throw notStored(model, to);
            }
            Optional<Alias> current = alias(model, alias);
            Optional<String> currentVersion = current.map(Alias::version);
            if (!currentVersion.equals(expected.map(ModelVersion::value))) {
                throw new AliasConflictException(Text.of("Alias '" + alias + "' of '" + model + "' points at "
                        + currentVersion.orElse("nothing") + ", not " + expected.map(ModelVersion::value).orElse("nothing")
                        + " as expected: another pipeline moved it. Nothing was changed; look at ", Goal.STATUS, " and retry."));
            }
            if (current.isPresent() && current.get().version().equals(to.value())) {
                return current.get(); // already there: a redeploy must not push the version onto its own history
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

    private Manifest readManifest(ModelName model, String version) {
        Path file = modelDir(model).resolve(version).resolve(MANIFEST);
        String repair = " Restore " + file + " from a backup; if the version is lost, move the directory "
                + file.getParent() + " out of the store.";
        Text fix = Text.of(" Then move any alias naming it with ", Goal.DEPLOY.with(Setting.VERSION.any("version")),
                " or ", Goal.ROLLBACK, ".");
        if (!Files.isRegularFile(file)) {
            throw new StoreIntegrityException(Text.of("Version " + version + " of '" + model + "' is incomplete: it has"
                    + " no " + file + "." + repair), fix);
        }
        Manifest manifest;
        try {
            manifest = JsonFiles.read(file, Manifest.class);
        } catch (InfrastructureException e) {
            throw new StoreIntegrityException(Text.of("The manifest " + file + " cannot be read: " + JsonFiles.problem(e) + "."
                    + repair), fix);
        }
        List<String> problems = ManifestCheck.problemsOfStored(manifest, model, version);
        if (!problems.isEmpty()) {
            throw new StoreIntegrityException(Text.of("The manifest " + file + " is not valid: "
                    + String.join("; ", problems) + "." + repair), fix);
        }
        return manifest;
    }

    private Alias readAlias(ModelName model, String name, Path file) {
        Text fix = Text.of(" Move it with ", Goal.DEPLOY.with(Setting.VERSION.any("version")), " (or delete " + file
                + " if nothing depends on it).");
        Alias alias;
        try {
            alias = JsonFiles.read(file, Alias.class);
        } catch (InfrastructureException e) {
            throw new StoreIntegrityException(Text.of("The alias file " + file + " cannot be read: " + JsonFiles.problem(e) + "."), fix);
        }
        if (alias.version() == null || !name.equals(alias.name())) {
            throw new StoreIntegrityException(Text.of("The alias file " + file + " is not valid: "
                    + (alias.version() == null ? "it names no version" : "it is named '" + alias.name() + "'") + "."), fix);
        }
        try {
            new ModelVersion(alias.version());
        } catch (ConfigurationException e) {
            throw new StoreIntegrityException(Text.of("The alias file " + file + " names '" + alias.version() + "',"
                    + " which is not a version."), fix);
        }
        return alias;
    }

    // every directory named as a version, whether or not its manifest can be read
    private List<String> versionDirNames(ModelName model) {
        List<String> names = new ArrayList<>();
        for (String name : childNames(modelDir(model))) {
            if (!name.startsWith(".") && !name.equals(ALIASES) && Files.isDirectory(modelDir(model).resolve(name))) {
                try {
                    names.add(new ModelVersion(name).value());
                } catch (ConfigurationException notAVersion) {
                    // not something the store wrote
                }
            }
        }
        return names;
    }

    private List<String> aliasNames(ModelName model) {
        return childNames(modelDir(model).resolve(ALIASES)).stream().filter(Alias::isValidName).toList();
    }

    /**
     * Removes what a killed writer left: {@code .staging-*} directories and {@code .*.tmp} files of the
     * model (beside the versions, in them and among the aliases) untouched for {@link #STALE_AFTER}.
     * Live ones are younger, so they stay.
     */
    private void removeStaleLeftovers(ModelName model) {
        Instant staleBefore = clock.instant().minus(STALE_AFTER);
        Path modelDir = modelDir(model);
        List<Path> dirs = new ArrayList<>(List.of(modelDir, modelDir.resolve(ALIASES)));
        versionDirNames(model).forEach(v -> dirs.add(modelDir.resolve(v)));
        for (Path dir : dirs) {
            for (String name : childNames(dir)) {
                boolean leftover = (dir.equals(modelDir) && name.startsWith(".staging-"))
                        || (name.startsWith(".") && name.endsWith(".tmp"));
                Path path = dir.resolve(name);
                if (leftover && lastTouched(path).isBefore(staleBefore)) {
                    deleteQuietly(path);
                }
            }
        }
    }

    // the newest modification time of the path and, for a directory, of what is directly in it
    private static Instant lastTouched(Path path) {
        try {
            Instant newest = Files.getLastModifiedTime(path).toInstant();
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    for (Path child : children.toList()) {
                        Instant touched = Files.getLastModifiedTime(child).toInstant();
                        newest = touched.isAfter(newest) ? touched : newest;
                    }
                }
            }
            return newest;
        } catch (IOException e) {
            return Instant.MAX; // gone already, or unreadable: leave it
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
        if (!Alias.isValidName(alias)) {
            throw new ConfigurationException("Invalid alias name '" + alias
                    + "': use lower-case letters, digits and '-', e.g. production or staging.");
        }
        return alias;
    }

    private ConfigurationException notStored(ModelName model, ModelVersion version) {
        return new ConfigurationException(Text.of("Version " + version + " of '" + model + "' is not in the store "
                + describe() + ". See the stored versions with ", Goal.STATUS, "."));
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
