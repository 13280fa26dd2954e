package dev.mlops.aws.sagemaker;

import dev.mlops.aws.store.S3Location;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.DataFingerprint;
import dev.mlops.core.io.Fingerprints;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A training job's channels in S3: local directories uploaded (unchanged files skipped), S3 channels fingerprinted. */
final class S3Channels {

    /** User metadata holding a file's SHA-256 (hex): S3's own checksums are not returned by every S3-compatible store. */
    static final String SHA256_METADATA = "mlops-sha256";

    private final S3Client s3;
    private final MlopsEvents events;

    S3Channels(S3Client s3, MlopsEvents events) {
        this.s3 = s3;
        this.events = events;
    }

    /** A channel given as {@code s3://bucket/prefix}, checked by S3's bucket rules; it is read as the prefix {@code prefix/}. */
    static S3Location remote(String channel, URI uri) {
        String text = uri.toString();
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
        List<String> problems = S3Location.bucketProblems(bucket);
        if (!problems.isEmpty() || prefix.isEmpty()) {
            throw new ConfigurationException(Text.of("Channel '" + channel + "' is " + text + ": " + (problems.isEmpty()
                    ? "give the prefix that holds its data, not a whole bucket" : "the bucket name '" + bucket + "' is one S3"
                    + " refuses (" + String.join("; ", problems) + ")") + ". Set ", Setting.channel(channel).any("s3://bucket/prefix"), "."));
        }
        return new S3Location(bucket, prefix);
    }

    /**
     * Uploads every regular file of {@code dir} under {@code to}, skipping a file whose object already holds the
     * same SHA-256 (a retried job uploads nothing).
     */
    void upload(String channel, Path dir, S3Location to) {
        int uploaded = 0;
        int skipped = 0;
        long bytes = 0;
        for (Path file : Fingerprints.regularFiles(dir)) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            String key = to.key(relative);
            String hex = Fingerprints.sha256Of(file);
            byte[] digest = HexFormat.of().parseHex(hex);
            if (hex.equals(storedSha256(to.bucket(), key))) {
                skipped++;
                continue;
            }
            s3.putObject(b -> b.bucket(to.bucket()).key(key).metadata(Map.of(SHA256_METADATA, hex))
                    .checksumSHA256(Base64.getEncoder().encodeToString(digest)), RequestBody.fromFile(file));
            uploaded++;
            bytes += Fingerprints.size(file);
        }
        events.info("Channel '" + channel + "': " + uploaded + " file(s) uploaded (" + bytes + " bytes), " + skipped
                + " already there, in " + to.describe());
    }

    /** Each object's key, ETag and size under {@code at}: the data fingerprint of a channel read in place. */
    DataFingerprint fingerprint(String channel, S3Location at) {
        MessageDigest listing = digest();
        long files = 0;
        long bytes = 0;
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(at.prefix() + "/")).contents()) {
            if (object.key().endsWith("/")) {
                continue; // a console "folder"
            }
            listing.update((object.key() + "\t" + object.eTag() + "\t" + object.size() + "\n").getBytes(StandardCharsets.UTF_8));
            files++;
            bytes += object.size();
        }
        if (files == 0) {
            throw new ConfigurationException(Text.of("Channel '" + channel + "' at " + at.describe() + " holds no objects."
                    + " Set ", Setting.channel(channel).any("s3://bucket/prefix"), " to where its data is."));
        }
        return new DataFingerprint(at.describe(), files, bytes, HexFormat.of().formatHex(listing.digest()), DataFingerprint.S3_ETAGS);
    }

    private String storedSha256(String bucket, String key) {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return head.metadata().get(SHA256_METADATA);
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
