package dev.mlops.aws.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * For bench scripts: s3proxy and the fake SageMaker in one process until it is stopped (SIGTERM), the fake's jobs
 * "writing" a given model archive. Writes {@code <dir>/endpoints} as {@code s3=<url>} and {@code sagemaker=<url>} lines.
 * Arguments: the working directory, the archive, the bucket to create.
 */
public final class FakeSageMakerMain {

    private FakeSageMakerMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path archive = Path.of(args[1]);
        S3Proxy proxy = S3Proxy.start(Files.createDirectories(dir.resolve("s3")));
        proxy.createBucket(args[2]);
        FakeSageMaker fake = FakeSageMaker.start(dir.resolve("fake-sagemaker.jsonl"), S3Proxy.REGION.id(), List.of(S3Proxy.SECRET_KEY));
        fake.runner((request, artifacts) -> {
            try (S3Client s3 = proxy.client()) {
                s3.putObject(b -> b.bucket(artifacts.getHost()).key(artifacts.getPath().substring(1)), archive);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fake.close();
            try {
                proxy.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        URI s3 = proxy.endpoint();
        Files.writeString(dir.resolve("endpoints.tmp"), "s3=" + s3 + "\nsagemaker=" + fake.endpoint() + "\n");
        Files.move(dir.resolve("endpoints.tmp"), dir.resolve("endpoints"));
        Thread.currentThread().join();
    }
}
