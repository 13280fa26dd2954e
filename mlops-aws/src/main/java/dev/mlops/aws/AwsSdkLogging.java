package dev.mlops.aws;

import dev.mlops.core.ConfigurationException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the AWS SDK's debug output out of the build log: at debug level the SDK logs each signed canonical
 * request, {@code x-amz-security-token} included, and Maven's {@code -X} turns debug on for every logger.
 *
 * <p>Maven's SLF4J provider (slf4j-simple) fixes a logger's level when the logger is first created, from the
 * system property {@code org.slf4j.simpleLogger.log.<name prefix>}; so the properties are set, and the loggers
 * known to print credentials are created at once, before the first SDK client exists.
 */
public final class AwsSdkLogging {

    static final String PROPERTY_PREFIX = "org.slf4j.simpleLogger.log.";
    /** Whole trees capped at INFO: the SDK, and Apache HttpClient's wire and header logs should it be used. */
    static final List<String> CAPPED = List.of("software.amazon.awssdk", "org.apache.http");
    /** The loggers that print credentials at debug: the SigV4 signers' canonical request, requests, wire dumps. */
    static final List<String> SENSITIVE = List.of(
            "software.amazon.awssdk.auth.signer.internal.AbstractAws4Signer",
            "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner",
            "software.amazon.awssdk.request", "software.amazon.awssdk.requestId", "software.amazon.awssdk.http",
            "org.apache.http.wire", "org.apache.http.headers");

    private AwsSdkLogging() {}

    /** Call before building an SDK client. Fails when a sensitive logger was made verbose before this ran. */
    public static synchronized void capAtInfo() {
        CAPPED.forEach(prefix -> System.setProperty(PROPERTY_PREFIX + prefix, "info"));
        // a more specific -Dorg.slf4j.simpleLogger.log.software.amazon.awssdk.<package>=debug would win: cap it too
        for (String key : System.getProperties().stringPropertyNames()) {
            if (CAPPED.stream().anyMatch(prefix -> key.startsWith(PROPERTY_PREFIX + prefix + "."))) {
                System.setProperty(key, "info");
            }
        }
        for (String name : SENSITIVE) {
            Logger logger = LoggerFactory.getLogger(name);
            if (logger.isDebugEnabled()) {
                // another plugin in this Maven run created it first, at debug: its level can no longer change
                throw new ConfigurationException("The logger " + name + " is at debug level and would print AWS"
                        + " credentials (signed requests). Run this goal without -X, or in a Maven run of its own, or"
                        + " set -D" + PROPERTY_PREFIX + "software.amazon.awssdk=info before anything else uses the AWS SDK.");
            }
        }
    }
}
