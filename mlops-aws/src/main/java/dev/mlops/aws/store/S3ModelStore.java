package dev.mlops.aws.store;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.store.Alias;
import dev.mlops.core.store.AliasConflictException;
import dev.mlops.core.store.ManifestCheck;
import dev.mlops.core.store.ModelStore;
import dev.mlops.core.store.StoreIntegrityException;
import dev.mlops.core.store.StoredVersion;
import dev.mlops.core.store.VersionExistsException;
import dev.mlops.core.store.VersionListing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The store in an S3 bucket ({@code s3://bucket/prefix}), with the file store's layout under the prefix and its
 * guarantees got from S3's conditional writes, with no lock table:
 * <ul>
 * <li>a version exists only when its {@code manifest.json} does; the archive is uploaded first (created with
 * {@code If-None-Match: *}, multipart and streamed for large ones, SHA-256 computed while uploading and checked
 * against the manifest before the upload is completed, each part's SHA-256 checked by S3), the manifest last with
 * {@code If-None-Match: *}: exactly one writer of a version wins;</li>
 * <li>manifest updates and alias moves are compare-and-set with {@code If-Match: <ETag>}, retried on conflict;</li>
 * <li>reservations are objects created with {@code If-None-Match: *}.</li>
 * </ul>
 */
public final class S3ModelStore implements ModelStore {

    /** Every S3 operation this store calls, with the IAM action that grants it (the policy in docs/registry.md). */
    public static final Map<String, String> OPERATIONS = operations();

    /** The IAM actions the store needs on its bucket and prefix, each once. */
    public static final List<String> IAM_ACTIONS = List.copyOf(new TreeSet<>(OPERATIONS.values()));

    static final String MANIFEST = "manifest.json";
    static final String ARCHIVE = "model.tar.gz";
    static final String ALIASES = "aliases";
    static final String RESERVATIONS = ".reservations";
    static final String WRITER = "mlops-writer";
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    private static final int MAX_PARTS = 10_000;
    private static final int ALIAS_HISTORY = 20;
    private static final int ATTEMPTS = 64;
    private static final int READERS = 8;
    // a writer writes the manifest right after completing its archive: an archive alone for an hour was left by a killed one
    static final Duration STALE_AFTER = Duration.ofHours(1);

    private final S3Location location;
    private final S3Client s3;
    private final Clock clock;
    private final long partSize;

    /**
     * @param partSize the size of each uploaded part (at least 5 MiB, S3's minimum); archives up to it are one PUT
     */
    public S3ModelStore(S3Location location, S3Client s3, Clock clock, long partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 refuses parts smaller than 5 MiB: " + partSize);
        }
        this.location = location;
        this.s3 = s3;
        this.clock = clock;
        this.partSize = partSize;
    }

    /** Opens {@code s3://bucket/prefix}; the location is checked before any client is built or call made. */
    public static S3ModelStore open(String location, AwsClients clients) {
        S3Location parsed = S3Location.parse(location);
        S3Client client;
        try {
            client = clients.s3();
        } catch (SdkClientException e) {
            // the SDK found no region in its chain (AWS_REGION, the profile, the instance)
            throw new ConfigurationException("Cannot open the store " + parsed.describe() + ": " + e.getMessage()
                    + " Give the bucket's region (AWS_REGION, or the region setting of the goal).", e);
        }
        return new S3ModelStore(parsed, client, Clock.systemUTC(), DEFAULT_PART_SIZE);
    }

    private static Map<String, String> operations() {
        Map<String, String> operations = new LinkedHashMap<>();
        operations.put("ListObjectsV2", "s3:ListBucket");
        operations.put("GetObject", "s3:GetObject");
        operations.put("HeadObject", "s3:GetObject");
        operations.put("PutObject", "s3:PutObject");
        operations.put("CreateMultipartUpload", "s3:PutObject");
        operations.put("UploadPart", "s3:PutObject");
        operations.put("CompleteMultipartUpload", "s3:PutObject");
        operations.put("AbortMultipartUpload", "s3:AbortMultipartUpload");
        operations.put("DeleteObject", "s3:DeleteObject");
        return Map.copyOf(operations);
    }

    public S3Location location() {
        return location;
    }

    @Override
    public String describe() {
        return location.describe();
    }

    @Override
    public void checkWritable() {
        // a listing under the prefix rather than HeadBucket: a policy may grant s3:ListBucket for the prefix only
        try {
            s3.listObjectsV2(b -> b.bucket(location.bucket()).prefix(location.key("models/")).maxKeys(1));
        } catch (SdkException e) {
            throw failure("list", "models/", e);
        }
        String probe = "models/.probe-" + UUID.randomUUID();
        put(probe, new byte[0], null, true, "write a probe object to");
        delete(probe, Optional.empty(), "delete the probe object");
    }

    @Override
    public boolean exists(ModelName model, ModelVersion version) {
        return head(manifestKey(model, version.value())).isPresent();
    }

    @Override
    public StoredVersion publish(Manifest manifest, Path modelArchive) {
        ModelName model = manifest.modelName();
        ModelVersion version = manifest.modelVersion();
        List<String> invalid = ManifestCheck.problems(manifest);
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("an incomplete manifest cannot be stored: " + String.join("; ", invalid));
        }
        String manifestKey = manifestKey(model, version.value());
        String archiveKey = versionKey(model, version.value()) + ARCHIVE;
        if (head(manifestKey).isPresent()) {
            throw new VersionExistsException(model, version, describe());
        }
        String writer = UUID.randomUUID().toString();
        String archiveTag = uploadArchiveOnce(model, version, modelArchive, archiveKey, manifest.artifact().sha256(), writer);
        byte[] json = JsonFiles.toJson(manifest).getBytes(StandardCharsets.UTF_8);
        try {
            if (!put(manifestKey, json, null, true, "write the manifest")) {
                // an SDK retry of our own write that had landed also gets 412
                if (get(manifestKey).map(b -> java.util.Arrays.equals(b.bytes(), json)).orElse(false)) {
                    return stored(manifest, archiveKey);
                }
                throw new VersionExistsException(model, version, describe());
            }
        } catch (InfrastructureException | ConfigurationException e) {
            if (!(e instanceof VersionExistsException)) {
                removeUnnamedArchive(manifestKey, archiveKey, archiveTag, e);
            }
            throw e;
        }
        return stored(manifest, archiveKey);
    }

    // no manifest names it: the archive is ours alone and would never be served; the first failure is the one reported
    private void removeUnnamedArchive(String manifestKey, String archiveKey, String archiveTag, RuntimeException failure) {
        try {
            if (get(manifestKey).isEmpty()) {
                delete(archiveKey, Optional.of(archiveTag), "remove the archive of a version that could not be stored");
            }
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    private StoredVersion stored(Manifest manifest, String archiveKey) {
        return new StoredVersion(manifest, location.uri(archiveKey));
    }

    // the archive key is created exactly once; another writer's fresh archive means that writer is storing this version
    private String uploadArchiveOnce(ModelName model, ModelVersion version, Path archive, String archiveKey,
            String sha256, String writer) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<String> uploaded = uploadArchive(archive, archiveKey, sha256, writer);
            if (uploaded.isPresent()) {
                return uploaded.get();
            }
            Optional<HeadObjectResponse> there = head(archiveKey);
            if (head(manifestKey(model, version.value())).isPresent()) {
                throw new VersionExistsException(model, version, describe());
            }
            if (there.isEmpty()) {
                continue; // removed meanwhile: try again
            }
            if (writer.equals(there.get().metadata().get(WRITER))) {
                return there.get().eTag(); // an SDK retry of our own completed upload
            }
            Instant completed = there.get().lastModified();
            if (completed != null && completed.isBefore(clock.instant().minus(STALE_AFTER))) {
                // left by a writer killed between its archive and its manifest; If-Match: only that very object goes
                delete(archiveKey, Optional.ofNullable(there.get().eTag()), "remove an archive left by a stopped writer");
                continue;
            }
            throw new VersionExistsException(model, version, describe());
        }
        throw new VersionExistsException(model, version, describe());
    }

    /**
     * Uploads {@code archive} to a new key, checking its SHA-256 against {@code sha256} before S3 makes it visible.
     *
     * @return its ETag; empty when the key already exists
     */
    private Optional<String> uploadArchive(Path archive, String key, String sha256, String writer) {
        long size;
        try {
            size = Files.size(archive);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read the model archive " + archive + ": " + e.getMessage(), e);
        }
        if (size <= partSize) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(archive);
            } catch (IOException e) {
                throw new InfrastructureException("Cannot read the model archive " + archive + ": " + e.getMessage(), e);
            }
            byte[] digest = sha256().digest(bytes);
            requireDigest(archive, HexFormat.of().formatHex(digest), sha256);
            return putArchive(key, bytes, digest, writer);
        }
        return new MultipartUpload(key, archive, size, writer).run(sha256);
    }

    private Optional<String> putArchive(String key, byte[] bytes, byte[] digest, String writer) {
        String checksum = Base64.getEncoder().encodeToString(digest);
        try {
            var response = s3.putObject(b -> b.bucket(location.bucket()).key(location.key(key)).ifNoneMatch("*")
                    .checksumSHA256(checksum).metadata(Map.of(WRITER, writer)).contentType("application/gzip"),
                    RequestBody.fromBytes(bytes));
            if (response.checksumSHA256() != null && !response.checksumSHA256().equals(checksum)) {
                throw new InfrastructureException("S3 stored " + location.uri(key) + " with SHA-256 "
                        + response.checksumSHA256() + " (base64), not the " + checksum + " that was sent.", null);
            }
            return Optional.of(response.eTag());
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return Optional.empty();
            }
            throw failure("upload the model archive to", key, e);
        } catch (SdkException e) {
            throw failure("upload the model archive to", key, e);
        }
    }

    /** One multipart upload: parts read into one reusable buffer, so memory stays at one part whatever the size. */
    private final class MultipartUpload {
        private final String key;
        private final Path archive;
        private final long size;
        private final String writer;
        private String uploadId;

        MultipartUpload(String key, Path archive, long size, String writer) {
            this.key = key;
            this.archive = archive;
            this.size = size;
            this.writer = writer;
        }

        Optional<String> run(String expectedSha256) {
            // S3 allows 10,000 parts: larger archives get larger parts
            int part = (int) Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
            byte[] buffer = new byte[part];
            MessageDigest whole = sha256();
            MessageDigest ofParts = sha256();
            List<CompletedPart> parts = new ArrayList<>();
            try {
                uploadId = s3.createMultipartUpload(b -> b.bucket(location.bucket()).key(location.key(key))
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256).metadata(Map.of(WRITER, writer))
                        .contentType("application/gzip")).uploadId();
                long sent = 0;
                try (InputStream in = Files.newInputStream(archive)) {
                    for (int number = 1; ; number++) {
                        int length = in.readNBytes(buffer, 0, buffer.length);
                        if (length == 0) {
                            break;
                        }
                        whole.update(buffer, 0, length);
                        MessageDigest partDigest = sha256();
                        partDigest.update(buffer, 0, length);
                        byte[] digest = partDigest.digest();
                        ofParts.update(digest);
                        String checksum = Base64.getEncoder().encodeToString(digest);
                        int partNumber = number;
                        String etag = s3.uploadPart(b -> b.bucket(location.bucket()).key(location.key(key))
                                .uploadId(uploadId).partNumber(partNumber).contentLength((long) length)
                                .checksumSHA256(checksum),
                                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                        "application/octet-stream")).eTag();
                        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).checksumSHA256(checksum).build());
                        sent += length;
                    }
                }
                if (sent != size) {
                    throw new InfrastructureException("The model archive " + archive + " changed size while it was"
                            + " stored (" + size + " bytes, then " + sent + "). Nothing was stored; train again.", null);
                }
                requireDigest(archive, HexFormat.of().formatHex(whole.digest()), expectedSha256);
                String composite = Base64.getEncoder().encodeToString(ofParts.digest()) + "-" + parts.size();
                var done = s3.completeMultipartUpload(b -> b.bucket(location.bucket()).key(location.key(key))
                        .uploadId(uploadId).ifNoneMatch("*").multipartUpload(m -> m.parts(parts)));
                uploadId = null;
                if (done.checksumSHA256() != null && !done.checksumSHA256().equals(composite)) {
                    delete(key, Optional.ofNullable(done.eTag()), "remove an archive S3 stored wrongly");
                    throw new InfrastructureException("S3 completed " + location.uri(key) + " with the checksum "
                            + done.checksumSHA256() + ", not the " + composite + " of the parts sent. Nothing was stored.",
                            null);
                }
                return Optional.of(done.eTag());
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return Optional.empty();
                }
                throw failure("upload the model archive to", key, e);
            } catch (SdkException e) {
                throw failure("upload the model archive to", key, e);
            } catch (IOException e) {
                throw new InfrastructureException("Cannot read the model archive " + archive + ": " + e.getMessage(), e);
            } finally {
                abortQuietly();
            }
        }

        private void abortQuietly() {
            if (uploadId == null) {
                return;
            }
            try {
                s3.abortMultipartUpload(b -> b.bucket(location.bucket()).key(location.key(key)).uploadId(uploadId));
            } catch (SdkException ignored) {
                // an unfinished upload is invisible to readers; a bucket lifecycle rule removes what is left
            }
        }
    }

    private static void requireDigest(Path archive, String actual, String expected) {
        if (!actual.equals(expected)) {
            throw new InfrastructureException("The model archive " + archive + " changed while it was stored: its"
                    + " SHA-256 is " + actual + ", the manifest says " + expected + ". Nothing was stored; train again.",
                    null);
        }
    }

    @Override
    public Optional<Manifest> manifest(ModelName model, ModelVersion version) {
        return get(manifestKey(model, version.value())).map(blob -> readManifest(model, version.value(), blob.bytes()));
    }

    @Override
    public void copyArchive(ModelName model, ModelVersion version, Path target) {
        Manifest manifest = manifest(model, version).orElseThrow(() -> notStored(model, version));
        String key = versionKey(model, version.value()) + ARCHIVE;
        MessageDigest digest = sha256();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(location.bucket()).key(location.key(key)))) {
            Files.createDirectories(target.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
        } catch (S3Exception e) {
            deleteLocal(target);
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                throw new StoreIntegrityException("Version " + version + " of '" + model + "' has no archive: "
                        + location.uri(key) + " is missing. Restore it from a backup, or train the version again under"
                        + " another number.");
            }
            throw failure("read the model archive", key, e);
        } catch (SdkException e) {
            deleteLocal(target);
            throw failure("read the model archive", key, e);
        } catch (IOException e) {
            deleteLocal(target);
            throw new InfrastructureException("Cannot copy " + location.uri(key) + " to " + target + ": " + e.getMessage(), e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(manifest.artifact().sha256())) {
            deleteLocal(target);
            throw new StoreIntegrityException("The archive " + location.uri(key) + " of version " + version + " of '"
                    + model + "' has SHA-256 " + actual + ", but its manifest " + location.uri(manifestKey(model, version.value()))
                    + " records " + manifest.artifact().sha256() + ": the object changed after it was stored. Nothing"
                    + " was run. Restore the archive from a backup, or train the version again under another number.");
        }
    }

    @Override
    public VersionListing listing(ModelName model) {
        ModelKeys keys = modelKeys(model);
        List<String> problems = new ArrayList<>();
        List<Manifest> manifests = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, Math.min(READERS, keys.withManifest().size())));
        try {
            List<Future<Manifest>> reads = new ArrayList<>();
            for (String version : keys.withManifest()) {
                reads.add(readers.submit(() -> manifest(model, new ModelVersion(version)).orElse(null)));
            }
            for (Future<Manifest> read : reads) {
                try {
                    Optional.ofNullable(read.get()).ifPresent(manifests::add);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof StoreIntegrityException unreadable) {
                        problems.add(unreadable.getMessage());
                    } else if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    } else {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while listing " + describe() + "models/" + model + "/", e);
        } finally {
            readers.shutdownNow();
        }
        manifests.sort(Comparator.comparing(Manifest::createdAt).thenComparing(Manifest::version));
        for (String name : keys.aliases()) {
            try {
                alias(model, name).filter(a -> !keys.withManifest().contains(a.version()))
                        .ifPresent(a -> problems.add(StoreIntegrityException.danglingAliasText(model, a, describe())));
            } catch (StoreIntegrityException e) {
                problems.add(e.getMessage());
            }
        }
        return new VersionListing(manifests, problems);
    }

    @Override
    public List<ModelName> models() {
        List<ModelName> models = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(location.bucket())
                .prefix(location.key("models/")).delimiter("/").build();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
                for (CommonPrefix common : page.commonPrefixes()) {
                    String name = common.prefix().substring(location.key("models/").length()).replaceAll("/$", "");
                    if (!name.startsWith(".")) {
                        try {
                            models.add(new ModelName(name));
                        } catch (ConfigurationException notAModel) {
                            // something else someone put there
                        }
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("list the models in", "models/", e);
        }
        models.sort(Comparator.comparing(ModelName::value));
        return models;
    }

    @Override
    public Manifest update(ModelName model, ModelVersion version, UnaryOperator<Manifest> change) {
        String key = manifestKey(model, version.value());
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Blob current = get(key).orElseThrow(() -> notStored(model, version));
            Manifest before = readManifest(model, version.value(), current.bytes());
            Manifest after = change.apply(before);
            if (!after.model().equals(before.model()) || !after.version().equals(before.version())
                    || !Objects.equals(after.artifact(), before.artifact())) {
                throw new IllegalArgumentException("a manifest update may not change the model, version or artifact");
            }
            if (put(key, JsonFiles.toJson(after).getBytes(StandardCharsets.UTF_8), current.etag(), false,
                    "update the manifest")) {
                return after;
            }
            backOff(attempt); // another writer changed it since we read it: read again and apply the change to theirs
        }
        throw new InfrastructureException("Cannot update " + location.uri(key) + ": it changed under every one of "
                + ATTEMPTS + " attempts. Try again.", null);
    }

    @Override
    public boolean reserve(ModelName model, ModelVersion version) {
        if (taken(model, version)) {
            return false;
        }
        // the content is this caller's own, so that a retried write can tell its own reservation from another's
        byte[] mine = ("{\"reservedAt\":\"" + clock.instant() + "\",\"by\":\"" + UUID.randomUUID() + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        return put(modelKey(model) + RESERVATIONS + "/" + version.value(), mine, null, true, "reserve a version in")
                && !exists(model, version);
    }

    @Override
    public List<ModelVersion> reservedOrStored(ModelName model) {
        ModelKeys keys = modelKeys(model);
        Set<String> names = new TreeSet<>(keys.reserved());
        names.addAll(keys.taken());
        return names.stream().map(ModelVersion::new).toList();
    }

    @Override
    public Optional<Alias> alias(ModelName model, String alias) {
        requireAliasName(alias);
        return get(aliasKey(model, alias)).map(blob -> readAlias(model, alias, blob.bytes()));
    }

    @Override
    public Map<String, Alias> aliases(ModelName model) {
        Map<String, Alias> aliases = new TreeMap<>();
        for (String name : modelKeys(model).aliases()) {
            try {
                alias(model, name).ifPresent(a -> aliases.put(name, a));
            } catch (StoreIntegrityException unreadable) {
                // reported by listing(); an unreadable alias names no version
            }
        }
        return aliases;
    }

    @Override
    public Alias moveAlias(ModelName model, String alias, ModelVersion to, Optional<ModelVersion> expected, Instant at) {
        requireAliasName(alias);
        if (manifest(model, to).isEmpty()) {
            throw notStored(model, to);
        }
        String key = aliasKey(model, alias);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Blob> raw = get(key);
            Optional<Alias> current = raw.map(blob -> readAlias(model, alias, blob.bytes()));
            Optional<String> currentVersion = current.map(Alias::version);
            if (!currentVersion.equals(expected.map(ModelVersion::value))) {
                throw new AliasConflictException("Alias '" + alias + "' of '" + model + "' points at "
                        + currentVersion.orElse("nothing") + ", not " + expected.map(ModelVersion::value).orElse("nothing")
                        + " as expected: another pipeline moved it. Nothing was changed; look at the model's status and retry.");
            }
            if (current.isPresent() && current.get().version().equals(to.value())) {
                return current.get(); // already there: a redeploy must not push the version onto its own history
            }
            List<String> previous = new ArrayList<>();
            current.ifPresent(a -> {
                previous.add(a.version());
                previous.addAll(a.previous());
            });
            Alias moved = new Alias(alias, to.value(), at.toString(), previous.subList(0, Math.min(previous.size(), ALIAS_HISTORY)));
            byte[] json = JsonFiles.toJson(moved).getBytes(StandardCharsets.UTF_8);
            if (put(key, json, raw.map(Blob::etag).orElse(null), raw.isEmpty(), "move the alias")) {
                return moved;
            }
            backOff(attempt); // it moved since we read it: the next read says where to, and whether we still may
        }
        throw new InfrastructureException("Cannot move " + location.uri(key) + ": it changed under every one of "
                + ATTEMPTS + " attempts. Try again.", null);
    }

    // ---- reading what is stored

    private Manifest readManifest(ModelName model, String version, byte[] json) {
        String uri = location.uri(manifestKey(model, version));
        String fix = " Restore " + uri + " from a backup; if the version is lost, delete the objects under "
                + location.uri(versionKey(model, version)) + " (and move any alias naming it to another version).";
        Manifest manifest;
        try {
            manifest = JsonFiles.parse(json, Manifest.class, uri);
        } catch (InfrastructureException e) {
            throw new StoreIntegrityException("The manifest " + uri + " cannot be read: " + JsonFiles.problem(e) + "." + fix);
        }
        List<String> problems = ManifestCheck.problemsOfStored(manifest, model, version);
        if (!problems.isEmpty()) {
            throw new StoreIntegrityException("The manifest " + uri + " is not valid: " + String.join("; ", problems) + "." + fix);
        }
        return manifest;
    }

    private Alias readAlias(ModelName model, String name, byte[] json) {
        String uri = location.uri(aliasKey(model, name));
        String fix = " Move the alias to a stored version (or delete " + uri + " if nothing depends on it).";
        Alias alias;
        try {
            alias = JsonFiles.parse(json, Alias.class, uri);
        } catch (InfrastructureException e) {
            throw new StoreIntegrityException("The alias file " + uri + " cannot be read: " + JsonFiles.problem(e) + "." + fix);
        }
        if (alias.version() == null || !name.equals(alias.name())) {
            throw new StoreIntegrityException("The alias file " + uri + " is not valid: "
                    + (alias.version() == null ? "it names no version" : "it is named '" + alias.name() + "'") + "." + fix);
        }
        try {
            new ModelVersion(alias.version());
        } catch (ConfigurationException e) {
            throw new StoreIntegrityException("The alias file " + uri + " names '" + alias.version() + "', which is not"
                    + " a version." + fix);
        }
        return alias;
    }

    /** The keys under {@code models/<model>/}, sorted into what they are. */
    private record ModelKeys(Set<String> withManifest, Set<String> taken, Set<String> reserved, Set<String> aliases) {}

    private ModelKeys modelKeys(ModelName model) {
        String prefix = location.key(modelKey(model));
        Set<String> withManifest = new TreeSet<>();
        Set<String> taken = new TreeSet<>();
        Set<String> reserved = new TreeSet<>();
        Set<String> aliases = new TreeSet<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(prefix).build();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    String[] parts = object.key().substring(prefix.length()).split("/", -1);
                    if (parts.length != 2) {
                        continue;
                    }
                    if (parts[0].equals(ALIASES)) {
                        if (Alias.isValidName(parts[1])) {
                            aliases.add(parts[1]);
                        }
                    } else if (parts[0].equals(RESERVATIONS)) {
                        versionName(parts[1]).ifPresent(reserved::add);
                    } else {
                        Optional<String> version = versionName(parts[0]);
                        version.ifPresent(taken::add);
                        if (parts[1].equals(MANIFEST)) {
                            version.ifPresent(withManifest::add);
                        }
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("list the versions in", modelKey(model), e);
        }
        return new ModelKeys(withManifest, taken, reserved, aliases);
    }

    private static Optional<String> versionName(String name) {
        try {
            return Optional.of(new ModelVersion(name).value());
        } catch (ConfigurationException notAVersion) {
            return Optional.empty(); // not something the store wrote
        }
    }

    // any object under the version's prefix takes its number, as a version directory does in the file store
    private boolean taken(ModelName model, ModelVersion version) {
        try {
            return s3.listObjectsV2(b -> b.bucket(location.bucket()).prefix(location.key(versionKey(model, version.value())))
                    .maxKeys(1)).keyCount() > 0;
        } catch (SdkException e) {
            throw failure("look for", versionKey(model, version.value()), e);
        }
    }

    // ---- S3 calls

    /** An object's bytes and ETag. */
    private record Blob(byte[] bytes, String etag) {}

    private Optional<Blob> get(String key) {
        try {
            var object = s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key(key)));
            return Optional.of(new Blob(object.asByteArray(), object.response().eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
                return Optional.empty();
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(location.bucket()).key(location.key(key))));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                // a HEAD answer has no body to tell a missing bucket from a missing key
                return Optional.empty();
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    /**
     * A conditional PUT: {@code If-Match: ifMatch} when given, {@code If-None-Match: *} when {@code create}.
     *
     * @return false when the condition failed (412), or the object vanished under an If-Match (404)
     */
    private boolean put(String key, byte[] bytes, String ifMatch, boolean create, String action) {
        String checksum = Base64.getEncoder().encodeToString(sha256().digest(bytes));
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(location.bucket()).key(location.key(key))
                .checksumSHA256(checksum).contentType(key.endsWith(".json") || key.contains("/" + ALIASES + "/")
                        ? "application/json" : "application/octet-stream");
        if (ifMatch != null) {
            request.ifMatch(ifMatch);
        }
        if (create) {
            request.ifNoneMatch("*");
        }
        try {
            s3.putObject(request.build(), RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || (ifMatch != null && e.statusCode() == 404 && !isNoSuchBucket(e))) {
                // the SDK retried after an attempt whose answer was lost: that attempt may be the write that landed
                return e.getSuppressed().length > 0 && get(key).map(blob -> java.util.Arrays.equals(blob.bytes(), bytes)).orElse(false);
            }
            throw failure(action, key, e);
        } catch (SdkException e) {
            throw failure(action, key, e);
        }
    }

    private void delete(String key, Optional<String> ifMatch, String action) {
        try {
            s3.deleteObject(b -> b.bucket(location.bucket()).key(location.key(key)).ifMatch(ifMatch.orElse(null)));
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 404) {
                return; // someone else's object now, or gone already: not ours to remove
            }
            throw failure(action, key, e);
        } catch (SdkException e) {
            throw failure(action, key, e);
        }
    }

    private static boolean isNoSuchBucket(S3Exception e) {
        return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
    }

    /**
     * What S3 said, as a core exception: no credentials (the SDK's messages hold none; its request is not shown),
     * denied access and a missing bucket as the user's to fix.
     */
    private RuntimeException failure(String action, String key, SdkException e) {
        String what = "Cannot " + action + " " + (key.isEmpty() ? describe() : location.uri(key));
        if (e instanceof S3Exception s3e) {
            String code = s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
            String answer = "S3 answered HTTP " + s3e.statusCode() + (code == null ? "" : " " + code)
                    + (s3e.requestId() == null ? "" : ", request id " + s3e.requestId());
            if (s3e.statusCode() == 403 && code != null && List.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
                    "ExpiredToken", "InvalidToken", "TokenRefreshRequired").contains(code)) {
                return new ConfigurationException(what + ": S3 refused the AWS credentials in use (" + answer + ")."
                        + " Check the credentials the SDK's default chain finds (environment, profile, web identity) and"
                        + " that they belong to the account of the bucket '" + location.bucket() + "'.", e);
            }
            if (s3e.statusCode() == 403) {
                return new ConfigurationException(what + ": access denied (" + answer + "). The AWS credentials in use"
                        + " need " + String.join(", ", IAM_ACTIONS) + " on the bucket '" + location.bucket()
                        + "' and its prefix '" + location.prefix() + "'; check the role or user, its policy and the"
                        + " bucket policy.", e);
            }
            if (isNoSuchBucket(s3e)) {
                return new ConfigurationException(what + ": the bucket '" + location.bucket() + "' does not exist ("
                        + answer + "). Create it, or point the store at an existing bucket.", e);
            }
            return new InfrastructureException(what + ": " + answer + ".", e);
        }
        if (e instanceof SdkClientException) {
            return new InfrastructureException(what + ": " + e.getMessage(), e);
        }
        return new InfrastructureException(what + ": " + e.getMessage(), e);
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * Math.min(attempt, 10) + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while retrying a conditional write", e);
        }
    }

    private static void deleteLocal(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // the copy is in the goal's own work directory and is never unpacked
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void requireAliasName(String alias) {
        if (!Alias.isValidName(alias)) {
            throw new ConfigurationException("Invalid alias name '" + alias
                    + "': use lower-case letters, digits and '-', e.g. production or staging.");
        }
    }

    private ConfigurationException notStored(ModelName model, ModelVersion version) {
        return new ConfigurationException("Version " + version + " of '" + model + "' is not in the store "
                + describe() + ". See the stored versions with the status goal.");
    }

    private static String modelKey(ModelName model) {
        return "models/" + model.value() + "/";
    }

    private static String versionKey(ModelName model, String version) {
        return modelKey(model) + version + "/";
    }

    private static String manifestKey(ModelName model, String version) {
        return versionKey(model, version) + MANIFEST;
    }

    private static String aliasKey(ModelName model, String alias) {
        return modelKey(model) + ALIASES + "/" + alias;
    }
}
