package dev.mlops.aws.store;

import dev.mlops.aws.testing.S3Proxy;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.store.ModelStoreContract;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * bench/s3-store-1g.sh's JVM: stores the archive it is given through {@link S3ModelStore} into a fresh s3proxy,
 * copies it back, and prints the wall time of each and the peak heap. Not a test: speed goes in bench/.
 */
public final class StoreBench {

    private StoreBench() {}

    /** {@code <archive> <work dir>} */
    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        Path work = Path.of(args[1]);
        try (S3Proxy proxy = S3Proxy.start(Files.createDirectories(work.resolve("s3")))) {
            proxy.createBucket("bench");
            S3ModelStore store = S3ModelStore.open("s3://bench/models-store", proxy.clients());
            long t0 = System.nanoTime();
            var manifest = ModelStoreContract.manifest("1.0.0", java.time.Instant.now().toString(), archive);
            long t1 = System.nanoTime();
            store.publish(manifest, archive);
            long t2 = System.nanoTime();
            Path copy = work.resolve("copy.tar.gz");
            store.copyArchive(new ModelName("spam"), new ModelVersion("1.0.0"), copy);
            long t3 = System.nanoTime();
            boolean same = Fingerprints.sha256Of(copy).equals(manifest.artifact().sha256());
            Files.delete(copy);
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("archive bytes:                     %d%n", Files.size(archive));
            System.out.printf("SHA-256 of the archive (manifest): %.1f s%n", (t1 - t0) / 1e9);
            System.out.printf("publish (multipart upload):        %.1f s%n", (t2 - t1) / 1e9);
            System.out.printf("copyArchive (read back, checked):  %.1f s, same bytes: %s%n", (t3 - t2) / 1e9, same);
            System.out.printf("max heap (-Xmx):                   %d MB%n", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            System.out.printf("peak heap used (sum of pool peaks): %d MB%n", peak / (1024 * 1024));
            if (!same) {
                System.exit(1);
            }
        }
    }
}
