package dev.mlops.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.notify.slack.SlackWebhook;
import dev.mlops.core.testing.FakeSlack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The Slack channel against a fake incoming webhook that checks Block Kit's limits. */
class SlackWebhookTest {

    private static final String SECRET = "slack-secret-sentinel-7d2a";

    private FakeSlack slack;
    private final List<Duration> pauses = new ArrayList<>();

    @BeforeEach
    void start(TestInfo test) {
        slack = FakeSlack.start(Path.of("target/fakes/slack-" + test.getTestMethod().orElseThrow().getName() + ".jsonl"), SECRET);
    }

    @AfterEach
    void stop() {
        slack.close();
        assertEquals(List.of(), slack.violations(), "every request must be valid Block Kit");
    }

    private SlackWebhook webhook() {
        return SlackWebhook.of(new Secret(slack.webhookUrl(), Text.of(SlackWebhook.VARIABLE)), SlackWebhook.Settings.DEFAULT,
                pauses::add);
    }

    @Test
    void aSuccessIsOneMessageWithTheFactsAndTheLinks() throws Exception {
        webhook().send(Outcomes.success(), MlopsEvents.NONE);
        JsonNode message = slack.messages().get(0);
        JsonNode blocks = message.path("blocks");
        assertEquals("header", blocks.get(0).path("type").asText());
        assertEquals("✅ spam-classifier 1.3.0: pipeline success", blocks.get(0).path("text").path("text").asText());
        String fields = blocks.get(1).path("fields").toString();
        assertTrue(fields.contains("*f1 vs production*\\n0.9615 vs 0.9500 (1.2.0, +0.0115)"), fields);
        assertTrue(fields.contains("passed (approved-by-gate)"), fields);
        assertTrue(fields.contains("`spam-classifier` serves 1.3.0"), fields);
        List<String> buttons = new ArrayList<>();
        blocks.get(2).path("elements").forEach(b -> buttons.add(b.path("text").path("text").asText()));
        assertEquals(List.of("Pipeline", "Merge request", "Evaluation report", "Endpoint"), buttons);
        String journal = Files.readString(slack.journal().file());
        assertTrue(journal.contains("\"method\":\"POST\""), journal);
    }

    @Test
    void aFailureSaysWhichStepFailedAndLinksTheFailedJobs() {
        webhook().send(Outcomes.failedAt("train"), MlopsEvents.NONE);
        JsonNode blocks = slack.messages().get(0).path("blocks");
        assertEquals("❌ spam-classifier 1.3.0: pipeline failed", blocks.get(0).path("text").path("text").asText());
        assertTrue(blocks.get(1).path("text").path("text").asText().startsWith("*Failed at:* train"));
        JsonNode first = blocks.get(3).path("elements").get(0);
        assertEquals("Failed job", first.path("text").path("text").asText());
        assertEquals("https://gitlab.example.com/team/spam/-/pipelines/99/failures", first.path("url").asText());
        assertEquals("danger", first.path("style").asText());
    }

    @Test
    void longNamesAreCutToBlockKitsLimits() {
        String longModel = "m".repeat(400);
        PipelineOutcome outcome = Outcomes.success();
        webhook().send(new PipelineOutcome(longModel, outcome.version(), outcome.status(), Optional.of("x".repeat(5000)),
                outcome.evaluation(), outcome.deployment(), outcome.links()), MlopsEvents.NONE);
        assertEquals(1, slack.messages().size(), "the fake refuses a message beyond the limits (checked after each test)");
    }

    @Test
    void rateLimitingIsWaitedOutAsRetryAfterSays() {
        slack.fail(FakeSlack.Fault.rateLimited(2), FakeSlack.Fault.rateLimited(1));
        webhook().send(Outcomes.success(), MlopsEvents.NONE);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), pauses);
        assertEquals(1, slack.messages().size());
        assertEquals(3, slack.requests());
    }

    @Test
    void aRetryAfterLongerThanTheBoundIsAFailureWithoutWaiting() {
        slack.fail(FakeSlack.Fault.rateLimited(600));
        NotificationException e = assertThrows(NotificationException.class,
                () -> webhook().send(Outcomes.success(), MlopsEvents.NONE));
        assertTrue(e.getMessage().contains("asks to wait 600 s, longer than the 30 s"), e.getMessage());
        assertEquals(List.of(), pauses);
    }

    @Test
    void slacksRefusalsSayWhatToFixAndNeverShowTheUrl() {
        Map<FakeSlack.Fault, String> fixes = Map.of(FakeSlack.Fault.INVALID_PAYLOAD, "defect of the plugin",
                FakeSlack.Fault.ACTION_PROHIBITED, "Create a new incoming webhook",
                FakeSlack.Fault.NO_SERVICE, "channel or app no longer exists",
                FakeSlack.Fault.ARCHIVED, "channel is archived");
        fixes.forEach((fault, fix) -> {
            slack.fail(fault);
            NotificationException e = assertThrows(NotificationException.class,
                    () -> webhook().send(Outcomes.success(), MlopsEvents.NONE));
            assertTrue(e.getMessage().startsWith("Slack answered " + fault.status() + " " + fault.body()), e.getMessage());
            assertTrue(e.getMessage().contains(fix), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
            assertEquals("Slack", e.channel());
        });
        assertEquals(List.of(), pauses, "a refusal is not retried");
    }

    @Test
    void anUnreachableWebhookNamesTheHostOnly() {
        String url = slack.webhookUrl();
        slack.close();
        NotificationException e = assertThrows(NotificationException.class, () -> SlackWebhook.of(
                new Secret(url, Text.of(SlackWebhook.VARIABLE)), SlackWebhook.Settings.DEFAULT, pauses::add)
                .send(Outcomes.success(), MlopsEvents.NONE));
        assertTrue(e.getMessage().startsWith("Cannot reach Slack at 127.0.0.1 ("), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void onlyHttpsOrLoopbackIsAcceptedAndTheRefusalHidesThePath() {
        for (String url : List.of("http://hooks.slack.com/services/T/B/" + SECRET, "ftp://hooks.slack.com/" + SECRET,
                "hooks.slack.com/services/" + SECRET, "http://10.0.0.1/services/" + SECRET)) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> SlackWebhook.of(
                    new Secret(url, Text.of(SlackWebhook.VARIABLE)), SlackWebhook.Settings.DEFAULT, pauses::add), url);
            assertTrue(e.getMessage().startsWith("The Slack webhook URL in MLOPS_SLACK_WEBHOOK_URL is "), e.getMessage());
            assertTrue(e.getMessage().contains("it must be https"), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
        SlackWebhook.of(new Secret("https://hooks.slack.com/services/T/B/x", Text.of("v")), SlackWebhook.Settings.DEFAULT,
                pauses::add);
        SlackWebhook.of(new Secret("http://localhost:1/x", Text.of("v")), SlackWebhook.Settings.DEFAULT, pauses::add);
    }

    @Test
    void theSecretComesFromItsFileBeforeTheVariable() throws Exception {
        Path file = Files.writeString(Files.createTempDirectory("secret").resolve("webhook"), " https://a.example/1\n");
        Secret secret = Secret.from(Map.of(SlackWebhook.VARIABLE, "https://b.example/2"), SlackWebhook.VARIABLE,
                Optional.of(file), Setting.NOTIFY_SLACK_WEBHOOK_FILE).orElseThrow();
        assertEquals("https://a.example/1", secret.value());
        assertFalse(secret.toString().contains("a.example"));
        assertEquals(Optional.empty(), Secret.from(Map.of(SlackWebhook.VARIABLE, " "), SlackWebhook.VARIABLE,
                Optional.empty(), Setting.NOTIFY_SLACK_WEBHOOK_FILE), "blank is not configured");
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> Secret.from(Map.of(),
                SlackWebhook.VARIABLE, Optional.of(file.resolveSibling("absent")), Setting.NOTIFY_SLACK_WEBHOOK_FILE));
        assertEquals(Optional.of(Setting.NOTIFY_SLACK_WEBHOOK_FILE), missing.setting());
    }
}
