package dev.mlops.aws.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.aws.AwsClients;
import dev.mlops.aws.testing.FakeSns;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.notify.NotificationException;
import dev.mlops.core.notify.Outcomes;
import dev.mlops.core.notify.PipelineOutcome;
import dev.mlops.core.notify.PipelineStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The SNS channel against the SNS fake: what it publishes, what it refuses before any call, what SNS's errors say. */
class SnsTopicTest {

    private static final String KEY_ID = "AKIASNSTESTSENTINEL1";
    private static final String SECRET = "sns-secret-key-sentinel-5d1c";
    private static final Region REGION = Region.EU_WEST_1;

    private FakeSns sns;
    private final List<String> said = new ArrayList<>();
    private final MlopsEvents events = new MlopsEvents() {
        @Override
        public void info(String message) {
            said.add(message);
        }

        @Override
        public void warn(String message) {
            said.add("WARN " + message);
        }

        @Override
        public void debug(String message) {}

        @Override
        public void processOutput(String line) {}
    };

    @BeforeEach
    void start() {
        sns = FakeSns.start(Path.of("target/fake-sns/" + System.nanoTime() + ".jsonl"), REGION.id(), List.of(SECRET));
    }

    @AfterEach
    void stop() throws Exception {
        sns.close();
        String journal = Files.readString(sns.journal().file());
        assertFalse(journal.contains(SECRET) || journal.contains("Signature=") || journal.contains("\"Authorization\""),
                "the journal holds a credential: " + journal);
        assertEquals(List.of(), sns.violations(), "a request broke Publish's rules");
    }

    private SnsTopic channel(String arn) {
        AwsClients clients = new AwsClients(new AwsClients.Settings(Optional.of(REGION), Map.of(AwsClients.Service.SNS,
                sns.endpoint())), StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)));
        return SnsTopic.of(arn, REGION, region -> clients.sns());
    }

    @Test
    void aSuccessIsPublishedWithASubjectAPlainBodyAndFilterableAttributes() {
        String arn = sns.topic("mlops-notifications");

        channel(arn).send(Outcomes.success(), events);

        FakeSns.Published message = sns.published().get(0);
        assertEquals(arn, message.topicArn());
        assertEquals("[mlops] spam-classifier 1.3.0: pipeline success", message.subject());
        assertEquals("""
                spam-classifier 1.3.0: pipeline success

                Model: spam-classifier
                Version: 1.3.0
                Verdict: passed (approved-by-gate)
                f1 vs production: 0.9615 vs 0.9500 (1.2.0, +0.0115)
                Deployment: spam-classifier serves 1.3.0

                Pipeline: https://gitlab.example.com/team/spam/-/pipelines/99
                Merge request: https://gitlab.example.com/team/spam/-/merge_requests/12
                Evaluation report: https://gitlab.example.com/team/spam/-/jobs/7/artifacts/file/target/mlops/evaluation.html
                Endpoint: http://127.0.0.1:8080
                """, message.message());
        assertEquals(Map.of("model", List.of("String", "spam-classifier"), "version", List.of("String", "1.3.0"),
                "verdict", List.of("String", "passed"), "status", List.of("String", "success")), message.attributes());
        assertFalse(message.parameters().containsKey("MessageGroupId"), "a standard topic takes no group");
        assertTrue(said.get(0).startsWith("Told SNS topic mlops-notifications: [mlops] spam-classifier 1.3.0: pipeline"
                + " success (message " + message.messageId() + ")"), said.toString());
    }

    @Test
    void aFailureSaysWhichStepFailedAndLinksTheJob() {
        channel(sns.topic("mlops-notifications")).send(Outcomes.failedAt("mlops-deploy"), events);

        FakeSns.Published message = sns.published().get(0);
        assertEquals("[mlops] spam-classifier 1.3.0: pipeline failed at mlops-deploy", message.subject());
        assertTrue(message.message().contains("Failed at: mlops-deploy (the failed job: "
                + "https://gitlab.example.com/team/spam/-/pipelines/99/failures)\n"), message.message());
        assertTrue(message.message().contains("Verdict: not evaluated\n"), message.message());
        assertEquals(List.of("String", "not-evaluated"), message.attributes().get("verdict"));
        assertEquals(List.of("String", "failed"), message.attributes().get("status"));
    }

    @Test
    void aFifoTopicGetsTheModelAsGroupAndADeduplicationId() {
        channel(sns.topic("mlops-notifications.fifo")).send(Outcomes.success(), events);

        Map<String, String> sent = sns.published().get(0).parameters();
        assertEquals("spam-classifier", sent.get("MessageGroupId"));
        assertTrue(sent.get("MessageDeduplicationId").matches("[0-9a-f]{64}"), sent.toString());
    }

    @Test
    void anOverlongSubjectAndBodyAreCutToWhatSnsTakes() {
        String model = "spam-classifier-with-a-name-that-is-very-long-" + "x".repeat(80) + "-ünïcode";
        PipelineOutcome huge = new PipelineOutcome(model, Optional.of("1.3.0"), PipelineStatus.FAILED,
                Optional.of("step\nwith a line break " + "é".repeat(200_000)), Optional.empty(), Optional.empty(),
                PipelineOutcome.Links.NONE);

        channel(sns.topic("mlops-notifications")).send(huge, events);

        FakeSns.Published message = sns.published().get(0);
        assertEquals(100, message.subject().length());
        assertTrue(message.subject().endsWith("...") && message.subject().chars().allMatch(c -> c >= 0x20 && c < 0x7f),
                message.subject());
        assertTrue(message.message().endsWith("[cut to SNS's 256 KiB limit]\n"));
        assertTrue(message.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 250_000);
    }

    @Test
    void aMalformedTopicArnOrOneOfAnotherRegionIsRefusedBeforeAnyCall() {
        Map<String, String> refused = Map.of(
                "mlops-notifications", "is not an SNS topic ARN",
                "arn:aws:sns:eu-west-1:12345:mlops", "is not an SNS topic ARN",
                "arn:aws:sqs:eu-west-1:123456789012:mlops", "is not an SNS topic ARN",
                "arn:aws:sns:eu-west-1:123456789012:mlops:8a21d5f0-1c2b-4d3e-9f00-aa11bb22cc33", "is not one SNS allows",
                "arn:aws:sns:eu-west-1:123456789012:" + "n".repeat(257), "is not one SNS allows",
                "arn:aws:sns:eu-west-1:123456789012:has.dot", "is not one SNS allows",
                "arn:aws:sns:us-east-1:123456789012:mlops-notifications", "is in us-east-1 but the AWS region is eu-west-1");
        refused.forEach((arn, why) -> {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> channel(arn));
            assertTrue(e.getMessage().contains(why) && e.getMessage().contains(arn.length() > 200 ? "nnnn" : arn),
                    arn + ": " + e.getMessage());
            assertTrue(e.setting().isPresent(), "names the setting to change: " + e.getMessage());
        });
        assertEquals("aws.region", assertThrows(ConfigurationException.class,
                () -> channel("arn:aws:sns:us-east-1:123456789012:t")).setting().orElseThrow().key());
        assertEquals("notify.sns.topicArn", assertThrows(ConfigurationException.class,
                () -> channel("mlops")).setting().orElseThrow().key());
        channel("arn:aws-cn:sns:eu-west-1:123456789012:" + "n".repeat(256));
        channel("arn:aws:sns:eu-west-1:123456789012:" + "n".repeat(251) + ".fifo");
        assertEquals(List.of(), sns.journal().entries(), "nothing was sent");
    }

    @Test
    void withoutARegionTheTopicsOwnIsUsed() {
        SnsTopic topic = SnsTopic.of("arn:aws:sns:ap-southeast-2:123456789012:t",
                new AwsClients.Settings(Optional.of(Region.AP_SOUTHEAST_2), Map.of()));
        assertEquals("SNS", topic.name());
        assertThrows(ConfigurationException.class, () -> SnsTopic.of("arn:aws:sns:ap-southeast-2:123456789012:t",
                new AwsClients.Settings(Optional.of(REGION), Map.of())));
    }

    @Test
    void aMissingTopicAndAMissingPermissionSayTheFix() {
        NotificationException missing = assertThrows(NotificationException.class,
                () -> channel("arn:aws:sns:eu-west-1:123456789012:nobody-made-it").send(Outcomes.success(), events));
        assertEquals("SNS", missing.channel());
        assertTrue(missing.getMessage().startsWith("SNS answered 404 NotFound (Topic does not exist): the topic"
                + " arn:aws:sns:eu-west-1:123456789012:nobody-made-it does not exist: create it"), missing.getMessage());
        assertEquals("notify.sns.topicArn", missing.text().setting().orElseThrow().key());

        String arn = sns.topic("mlops-notifications");
        sns.fault(FakeSns.Fault.AUTHORIZATION_ERROR);
        NotificationException denied = assertThrows(NotificationException.class,
                () -> channel(arn).send(Outcomes.success(), events));
        assertTrue(denied.getMessage().contains("SNS answered 403 AuthorizationError") && denied.getMessage()
                .contains("grant it sns:Publish on the topic"), denied.getMessage());
        assertFalse(denied.getMessage().contains(SECRET) || denied.getMessage().contains(KEY_ID), denied.getMessage());
        assertEquals(2, sns.journal().entries().size(), "a refusal is not retried");
        assertEquals(List.of(), sns.published());
    }

    @Test
    void throttlingIsRetriedByTheSdkAndReportedWhenItLasts() {
        String arn = sns.topic("mlops-notifications");
        sns.fault(FakeSns.Fault.THROTTLING);

        channel(arn).send(Outcomes.success(), events);

        assertEquals(2, sns.journal().entries().size());
        assertEquals(1, sns.published().size());

        sns.fault(FakeSns.Fault.THROTTLING, FakeSns.Fault.THROTTLING, FakeSns.Fault.THROTTLING, FakeSns.Fault.THROTTLING);
        NotificationException throttled = assertThrows(NotificationException.class,
                () -> channel(arn).send(Outcomes.success(), events));
        assertTrue(throttled.getMessage().contains("SNS answered 400 Throttling (Rate exceeded): SNS throttled the publish"),
                throttled.getMessage());
        assertEquals(1, sns.published().size());
    }

    @Test
    void theFakeRefusesWhatSnsWouldRefuse() {
        List<String> problems = FakeSns.check(Map.of("Action", "Publish", "Version", "2010-03-31",
                "TopicArn", "arn:aws:sns:eu-west-1:123456789012:t", "Message", "", "Subject", "two\nlines",
                "MessageAttributes.entry.1.Name", "AWS.reserved", "MessageAttributes.entry.1.Value.DataType", "Text",
                "MessageAttributes.entry.3.Name", "gap", "MessageGroupId", "g"));
        assertEquals(7, problems.size(), String.join("\n", problems));
        assertEquals(List.of(), FakeSns.check(Map.of("Action", "Publish", "Version", "2010-03-31",
                "TopicArn", "arn:aws:sns:eu-west-1:123456789012:t", "Message", "m")));
    }
}
