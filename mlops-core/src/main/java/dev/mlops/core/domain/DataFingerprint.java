package dev.mlops.core.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a channel held when a model was trained on it: enough to tell whether the data changed.
 *
 * @param sha256 over the files' paths and contents, or (see {@code digestOf}) over what the store reports of them
 * @param digestOf absent: the contents; {@link #S3_ETAGS}: each object's key, ETag and size, as S3 listed them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataFingerprint(String location, long files, long bytes, String sha256, String digestOf) {

    /** A channel read in place in S3: its objects are not downloaded, so their ETags and sizes stand for the content. */
    public static final String S3_ETAGS = "s3-keys-etags-and-sizes";

    public DataFingerprint(String location, long files, long bytes, String sha256) {
        this(location, files, bytes, sha256, null);
    }
}
