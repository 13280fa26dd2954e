package dev.mlops.core.image;

import java.util.List;

/**
 * What was built and where it went.
 *
 * @param image the reference with the version tag
 * @param digest the image's manifest digest ({@code sha256:…}); the same inputs give the same digest
 * @param tags every tag pushed (the version, and the commit unless that tag existed already)
 * @param pushed false for a tarball
 */
public record PackageReport(String image, String digest, List<String> tags, boolean pushed) {

    /** {@code repository@digest}: the reference that never moves, e.g. for SageMaker. */
    public String imageByDigest() {
        int colon = image.lastIndexOf(':');
        int slash = image.lastIndexOf('/');
        String repository = colon > slash ? image.substring(0, colon) : image;
        return repository + "@" + digest;
    }
}
