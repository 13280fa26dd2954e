package dev.mlops.aws.store;

import dev.mlops.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A store location {@code s3://bucket/prefix}, checked against S3's bucket naming rules before any call is made.
 *
 * @param prefix the key prefix without leading or trailing '/', empty for the bucket's root
 */
public record S3Location(String bucket, String prefix) {

    private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    // S3 keys are at most 1024 bytes; leave room for models/<model>/<version>/manifest.json
    private static final int MAX_PREFIX = 512;

    /** Parses {@code s3://bucket} or {@code s3://bucket/prefix}; the message of a refusal names the value and the rule. */
    public static S3Location parse(String location) {
        String trimmed = location == null ? "" : location.trim();
        if (!trimmed.regionMatches(true, 0, "s3://", 0, 5)) {
            throw new ConfigurationException("The store location '" + trimmed + "' is not an S3 location: write it as"
                    + " s3://bucket/prefix, e.g. s3://my-models/mlops.");
        }
        String rest = trimmed.substring(5);
        if (rest.contains("?") || rest.contains("#")) {
            throw new ConfigurationException("The store location '" + trimmed + "' has a query or fragment: write it as"
                    + " s3://bucket/prefix with nothing after the prefix.");
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        List<String> bucketProblems = bucketProblems(bucket);
        if (!bucketProblems.isEmpty()) {
            throw new ConfigurationException("The bucket name '" + bucket + "' in the store location '" + trimmed
                    + "' is one S3 refuses: " + String.join("; ", bucketProblems) + ". Use the name of an existing"
                    + " bucket: 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit.");
        }
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        for (String segment : prefix.isEmpty() ? List.<String>of() : List.of(prefix.split("/", -1))) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new ConfigurationException("The prefix '" + prefix + "' in the store location '" + trimmed
                        + "' has an empty, '.' or '..' element: write it as s3://" + bucket + "/team/models.");
            }
        }
        if (prefix.length() > MAX_PREFIX || prefix.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new ConfigurationException("The prefix '" + prefix + "' in the store location '" + trimmed
                    + "' is longer than " + MAX_PREFIX + " characters or holds control characters or '\\'.");
        }
        return new S3Location(bucket, prefix);
    }

    /** The rules of S3's general purpose bucket names that {@code bucket} breaks; empty when it is valid. */
    public static List<String> bucketProblems(String bucket) {
        List<String> problems = new ArrayList<>();
        if (bucket.length() < 3 || bucket.length() > 63) {
            problems.add("it has " + bucket.length() + " characters, not 3 to 63");
        }
        if (!bucket.equals(bucket.toLowerCase(Locale.ROOT))) {
            problems.add("it has upper-case letters");
        }
        if (!BUCKET_CHARS.matcher(bucket.toLowerCase(Locale.ROOT)).matches() && !bucket.isEmpty()) {
            problems.add("it may hold only lower-case letters, digits, '.' and '-'");
        }
        if (!bucket.isEmpty() && (!Character.isLetterOrDigit(bucket.charAt(0))
                || !Character.isLetterOrDigit(bucket.charAt(bucket.length() - 1)))) {
            problems.add("it must start and end with a letter or digit");
        }
        if (bucket.contains("..")) {
            problems.add("it has two adjacent periods");
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            problems.add("it is formatted as an IP address");
        }
        RESERVED_PREFIXES.stream().filter(bucket::startsWith).forEach(p -> problems.add("it starts with '" + p + "', which S3 reserves"));
        RESERVED_SUFFIXES.stream().filter(bucket::endsWith).forEach(s -> problems.add("it ends with '" + s + "', which S3 reserves"));
        return problems;
    }

    /** The object key of {@code relative} (e.g. {@code models/spam/1.0.0/manifest.json}) under the prefix. */
    public String key(String relative) {
        return prefix.isEmpty() ? relative : prefix + "/" + relative;
    }

    /** {@code s3://bucket/prefix/relative}, how messages name an object. */
    public String uri(String relative) {
        return "s3://" + bucket + "/" + key(relative);
    }

    /** {@code s3://bucket/prefix/}, ending in '/'. */
    public String describe() {
        return "s3://" + bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/");
    }
}
