package dev.mlops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Maven's slf4j-simple reads when a logger is created: the SDK's trees capped at INFO, however asked. */
class AwsSdkLoggingTest {

    private static final String SIGNER = AwsSdkLogging.PROPERTY_PREFIX + "software.amazon.awssdk.auth.signer";

    @AfterEach
    void clear() {
        System.clearProperty(SIGNER);
        AwsSdkLogging.CAPPED.forEach(p -> System.clearProperty(AwsSdkLogging.PROPERTY_PREFIX + p));
    }

    @Test
    void aUsersDebugSettingForTheSdkIsCapped() {
        System.setProperty(AwsSdkLogging.PROPERTY_PREFIX + "software.amazon.awssdk", "debug");
        System.setProperty(SIGNER, "trace");

        AwsSdkLogging.capAtInfo();

        assertEquals("info", System.getProperty(AwsSdkLogging.PROPERTY_PREFIX + "software.amazon.awssdk"));
        assertEquals("info", System.getProperty(SIGNER));
        assertEquals("info", System.getProperty(AwsSdkLogging.PROPERTY_PREFIX + "org.apache.http"));
    }
}
