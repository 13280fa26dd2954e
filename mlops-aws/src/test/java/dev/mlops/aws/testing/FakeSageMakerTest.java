package dev.mlops.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.aws.AwsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/** The fake itself: it refuses and reports a request SageMaker would refuse, and journals none of the credentials. */
class FakeSageMakerTest {

    private static final String SECRET = "fake-secret-key-7d1e";
    private static final String SESSION = "fake-session-token-0c9a";

    @Test
    void aRequestBreakingTheApiConstraintsIsAViolationAndNoCredentialIsJournalled() throws Exception {
        Path journal = Path.of("target/fake-sagemaker/fake-itself.jsonl");
        try (FakeSageMaker fake = FakeSageMaker.start(journal, "us-east-1", List.of(SECRET));
                SageMakerClient client = new AwsClients(new AwsClients.Settings(Optional.of(Region.US_EAST_1),
                        Map.of(AwsClients.Service.SAGEMAKER, fake.endpoint())),
                        StaticCredentialsProvider.create(AwsSessionCredentials.create("AKIAFAKE", SECRET, SESSION))).sageMaker()) {
            SageMakerException e = assertThrows(SageMakerException.class,
                    () -> client.describeTrainingJob(b -> b.trainingJobName("spam_1.0.0")));
            assertEquals(400, e.statusCode());
            assertEquals(1, fake.violations().size(), fake.violations().toString());
            assertTrue(fake.violations().get(0).contains("TrainingJobName 'spam_1.0.0'"), fake.violations().toString());
        }
        String written = Files.readString(journal);
        assertTrue(written.contains("SageMaker.DescribeTrainingJob"), written);
        assertFalse(written.contains(SECRET) || written.contains(SESSION) || written.contains("Signature="), written);
    }
}
