package dev.mlops.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The S3 server the store's tests rely on does what they assume: conditional writes, and it stops. */
class S3ProxyTest {

    @Test
    void honoursIfNoneMatchAndIfMatchAndStopsWhenClosed(@TempDir Path dir) throws Exception {
        S3Proxy proxy = S3Proxy.start(dir);
        try (proxy; S3Client s3 = proxy.client()) {
            String bucket = proxy.createBucket("conditional");
            String etag = s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("one")).eTag();

            S3Exception exists = assertThrows(S3Exception.class,
                    () -> s3.putObject(b -> b.bucket(bucket).key("k").ifNoneMatch("*"), RequestBody.fromString("two")));
            assertEquals(412, exists.statusCode());

            s3.putObject(b -> b.bucket(bucket).key("k").ifMatch(etag), RequestBody.fromString("three"));
            S3Exception stale = assertThrows(S3Exception.class,
                    () -> s3.putObject(b -> b.bucket(bucket).key("k").ifMatch(etag), RequestBody.fromString("four")));
            assertEquals(412, stale.statusCode());
            assertEquals("three", s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String());
        }
        assertFalse(processAlive(proxy), "s3proxy still runs after close()");
    }

    private static boolean processAlive(S3Proxy proxy) {
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", proxy.port())) {
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
