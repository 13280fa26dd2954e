package dev.mlops.aws.store;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.MlopsException;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.store.ModelStoreContract;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.regions.Region;

/**
 * One of the two JVMs of {@link S3ModelStoreProcessRaceTest}: at agreed instants it publishes the same versions and
 * creates the same aliases as the other, and prints for each whether it won or which error it got. Credentials come
 * from the environment, through the SDK's default chain, as in a CI job.
 */
public final class RacingWriter {

    static final int ROUNDS = 8;
    static final long SPACING_MS = 400;

    private RacingWriter() {}

    /** {@code <endpoint> <s3://bucket/prefix> <writer id> <start, epoch ms> <work dir>} */
    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String id = args[2];
        long start = Long.parseLong(args[3]);
        Path work = Files.createDirectories(Path.of(args[4]).resolve(id));
        AwsClients clients = new AwsClients(new AwsClients.Settings(Optional.of(Region.US_EAST_1),
                Map.of(AwsClients.Service.S3, endpoint)));
        S3ModelStore store = new S3ModelStore(S3Location.parse(args[1]), clients.s3(), Clock.systemUTC(),
                S3ModelStore.MIN_PART_SIZE);
        store.checkWritable(); // connections and classes warm before the first round
        ModelName model = new ModelName("spam");
        for (int round = 0; round < ROUNDS; round++) {
            Path archive = archive(work, id, round);
            waitUntil(start + round * SPACING_MS);
            String version = version(round);
            try {
                store.publish(ModelStoreContract.manifest(version, Instant.now().toString(), archive), archive);
                System.out.println("publish " + version + " won");
            } catch (MlopsException e) {
                System.out.println("publish " + version + " lost " + e.getClass().getName());
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            waitUntil(start + (ROUNDS + round) * SPACING_MS);
            try {
                store.moveAlias(model, "race-" + round, new ModelVersion(version(round)), Optional.empty(), Instant.now());
                System.out.println("alias race-" + round + " won");
            } catch (MlopsException e) {
                System.out.println("alias race-" + round + " lost " + e.getClass().getName());
            }
        }
    }

    static String version(int round) {
        return "1." + round + ".0";
    }

    /** Round 0's archive takes two parts (a race of multipart uploads); the others one PUT. */
    static Path archive(Path work, String id, int round) throws Exception {
        Path file = work.resolve("round-" + round + ".tar.gz");
        if (round > 0) {
            return Files.writeString(file, "archive of writer " + id + " for round " + round, StandardCharsets.UTF_8);
        }
        byte[] block = new byte[1024 * 1024];
        Random random = new Random(id.hashCode());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 6; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        return file;
    }

    private static void waitUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
