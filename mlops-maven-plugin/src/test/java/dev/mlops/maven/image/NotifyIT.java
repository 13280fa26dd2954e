package dev.mlops.maven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.aws.testing.FakeSns;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.MoreFiles;
import dev.mlops.core.testing.FakeSlack;
import dev.mlops.gitlab.testing.FakeGitLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code mvn -X mlops:notify} on the sample after a real version → train → evaluate, told to a fake Slack webhook,
 * a fake SNS and a fake GitLab (merge-request notes), with a sentinel token and webhook that must appear nowhere in any
 * build's output; then the failure case, failing channels, strict, and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotifyIT {

    private static final String WEBHOOK_SECRET = "slack-webhook-sentinel-0b5e";
    private static final String TOKEN = "glpat-notify-sentinel-77c1";
    private static final String AWS_KEY_ID = "AKIANOTIFYSENTINEL42";
    private static final String AWS_SECRET = "aws-secret-notify-sentinel-9e3f";
    private static final String AWS_SESSION = "aws-session-notify-sentinel-c7d0";
    private static final String PROJECT = "42";

    private Path work;
    private Path sample;
    private FakeSlack slack;
    private FakeGitLab gitlab;
    private FakeSns sns;
    private final Map<String, String> ci = new LinkedHashMap<>();
    private final List<Tools.Result> builds = new ArrayList<>();

    @BeforeAll
    void trainAndEvaluateTheSample() throws IOException {
        work = Path.of(System.getProperty("image.it.dir", "target/image-it")).toAbsolutePath().resolveSibling("notify-it");
        MoreFiles.deleteRecursively(work);
        Files.createDirectories(work);
        sample = SampleProject.copy(work.resolve("sample"));
        slack = FakeSlack.start(work.resolve("fakes/slack.jsonl"), WEBHOOK_SECRET);
        sns = FakeSns.start(work.resolve("fakes/sns.jsonl"), "eu-west-1", List.of(AWS_SECRET, AWS_SESSION));
        gitlab = FakeGitLab.start(work.resolve("fakes/gitlab.jsonl")).token(TOKEN, "api").mergeRequest(PROJECT, 12);
        ci.put("CI_PIPELINE_URL", "https://gitlab.example.com/team/spam/-/pipelines/99");
        ci.put("CI_JOB_URL", "https://gitlab.example.com/team/spam/-/jobs/7");
        ci.put("CI_PROJECT_DIR", sample.toString());
        ci.put("CI_PROJECT_URL", "https://gitlab.example.com/team/spam");
        ci.put("CI_PROJECT_ID", PROJECT);
        ci.put("CI_API_V4_URL", gitlab.apiUrl());
        ci.put("CI_MERGE_REQUEST_IID", "12");
        ci.put("CI_PIPELINE_SOURCE", "merge_request_event");
        mvn("pipeline", Map.of(), "mlops:version", "mlops:train", "mlops:evaluate");
    }

    @AfterAll
    void stop() {
        if (slack != null) {
            slack.close();
        }
        if (gitlab != null) {
            gitlab.close();
        }
        if (sns != null) {
            sns.close();
        }
    }

    private Map<String, String> secrets() {
        Map<String, String> env = new LinkedHashMap<>(ci);
        env.put("MLOPS_SLACK_WEBHOOK_URL", slack.webhookUrl());
        env.put("MLOPS_GITLAB_TOKEN", TOKEN);
        return env;
    }

    private Tools.Result mvn(String name, Map<String, String> extra, String... args) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(ci);
        env.putAll(extra);
        List<String> command = new ArrayList<>(List.of("-X", "-Dmlops.store=" + work.resolve("store")));
        command.addAll(List.of(args));
        Tools.Result build = SampleProject.mvn(sample, env, command);
        Files.writeString(work.resolve(name + "-build.log"), build.out());
        builds.add(build);
        return build;
    }

    @Test
    @Order(1)
    void aSuccessTellsSlackAndAddsTheNoteWhichTheNextPushUpdates() throws IOException {
        Map<String, String> env = DotEnvFile.read(sample.resolve("target/mlops/mlops.env"));
        assertEquals("https://gitlab.example.com/team/spam/-/jobs/7/artifacts/file/target/mlops/evaluation.html",
                env.get("MLOPS_REPORT_URL"), env.toString());
        Tools.Result first = mvn("notify", secrets(), "mlops:notify");
        assertEquals(0, first.exit(), first.out());
        Tools.Result second = mvn("notify-again", secrets(), "mlops:notify");
        assertEquals(0, second.exit(), second.out());
        assertTrue(second.out().contains("Updated the note of 'spam-classifier' on merge request !12"), second.out());
        assertEquals(2, slack.messages().size());
        JsonNode message = slack.messages().get(0);
        assertTrue(message.path("blocks").get(0).path("text").path("text").asText().startsWith("✅ spam-classifier "),
                message.toString());
        assertTrue(message.toString().contains("\"url\":\"https://gitlab.example.com/team/spam/-/merge_requests/12\""),
                message.toString());
        List<FakeGitLab.StoredNote> notes = gitlab.notes(PROJECT, 12);
        assertEquals(1, notes.size());
        assertEquals(1, notes.get(0).updates());
        assertTrue(notes.get(0).body().contains("passed the quality gate"), notes.get(0).body());
    }

    @Test
    @Order(2)
    void aFailureSaysWhichStepFailedAndAFailingChannelOnlyWarns() throws IOException {
        slack.fail(FakeSlack.Fault.ARCHIVED);
        Tools.Result build = mvn("notify-failed", secrets(), "mlops:notify", "-Dmlops.notify.status=failed",
                "-Dmlops.notify.failedStep=mlops-deploy");
        assertEquals(0, build.exit(), build.out());
        assertTrue(build.out().contains("[WARNING] Slack: Slack answered 410 channel_is_archived: the webhook's channel is"
                + " archived. Unarchive it, or create a webhook for another channel and put its URL in"
                + " MLOPS_SLACK_WEBHOOK_URL. The pipeline's result is unchanged (<strict> or -Dmlops.notify.strict makes"
                + " this fail)."), build.out());
        assertTrue(gitlab.notes(PROJECT, 12).get(0).body().contains("The pipeline failed at **mlops-deploy**"));
    }

    @Test
    @Order(3)
    void strictMakesAFailingChannelFailTheBuild() throws IOException {
        slack.fail(FakeSlack.Fault.rateLimited(3600));
        Tools.Result build = mvn("notify-strict", secrets(), "mlops:notify", "-Dmlops.notify.strict=true");
        assertNotEquals(0, build.exit(), build.out());
        assertTrue(build.out().contains("Not every channel was told (<strict> or -Dmlops.notify.strict is set): Slack failed."),
                build.out());
    }

    @Test
    @Order(4)
    void theWebhookFromAFileAndARejectedTokenAndAMissingMergeRequest() throws IOException {
        Path file = Files.writeString(work.resolve("webhook-url"), slack.webhookUrl() + "\n");
        Map<String, String> env = new LinkedHashMap<>(ci);
        env.put("MLOPS_GITLAB_TOKEN", "glpat-revoked-sentinel-1a2b");
        int before = slack.messages().size();
        Tools.Result rejected = mvn("notify-401", env, "mlops:notify", "-Dmlops.notify.slack.webhookFile=" + file);
        assertEquals(0, rejected.exit(), rejected.out());
        assertEquals(before + 1, slack.messages().size(), "the file's webhook was told");
        assertTrue(rejected.out().contains("[WARNING] merge request !12: GitLab answered 401"), rejected.out());
        assertTrue(rejected.out().contains("the token in MLOPS_GITLAB_TOKEN is wrong, expired or revoked"), rejected.out());
        env = secrets();
        env.put("CI_MERGE_REQUEST_IID", "404");
        Tools.Result missing = mvn("notify-404", env, "mlops:notify");
        assertEquals(0, missing.exit(), missing.out());
        assertTrue(missing.out().contains("project 42 has no merge request !404"), missing.out());
    }

    @Test
    @Order(5)
    void aWebhookThatIsNotHttpsIsRefusedBeforeAnyRequest() throws IOException {
        int requests = slack.requests();
        Map<String, String> env = secrets();
        env.put("MLOPS_SLACK_WEBHOOK_URL", "http://hooks.slack.com/services/T0/B0/" + WEBHOOK_SECRET);
        Tools.Result build = mvn("notify-http", env, "mlops:notify");
        assertNotEquals(0, build.exit(), build.out());
        assertTrue(build.out().contains("The Slack webhook URL in MLOPS_SLACK_WEBHOOK_URL is an http URL (host"
                + " hooks.slack.com): it must be https"), build.out());
        assertEquals(requests, slack.requests());
        Tools.Result status = mvn("notify-status", secrets(), "mlops:notify", "-Dmlops.notify.status=broken");
        assertNotEquals(0, status.exit(), status.out());
        assertTrue(status.out().contains("-Dmlops.notify.status is 'broken'"), status.out());
    }

    @Test
    @Order(6)
    void anSnsTopicGetsASubjectAPlainBodyAndAttributesAndItsRefusalsAreWarnings() throws IOException {
        String topic = sns.topic("mlops-notifications");
        Map<String, String> env = secrets();
        env.put("AWS_ACCESS_KEY_ID", AWS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET);
        env.put("AWS_SESSION_TOKEN", AWS_SESSION);
        String endpoint = "-Dmlops.aws.endpoint.sns=" + sns.endpoint();
        Tools.Result told = mvn("notify-sns", env, "mlops:notify", "-Dmlops.aws.region=eu-west-1", endpoint,
                "-Dmlops.notify.sns.topicArn=" + topic);
        assertEquals(0, told.exit(), told.out());
        assertEquals(1, sns.published().size(), told.out());
        FakeSns.Published message = sns.published().get(0);
        String version = message.attributes().get("version").get(1);
        assertEquals("[mlops] spam-classifier " + version + ": pipeline success", message.subject());
        assertTrue(message.message().startsWith("spam-classifier " + version + ": pipeline success\n\nModel: spam-classifier\n"
                + "Version: " + version + "\nVerdict: passed ("), message.message());
        assertTrue(message.message().contains("\nPipeline: https://gitlab.example.com/team/spam/-/pipelines/99\n"),
                message.message());
        assertTrue(message.message().contains("\nEvaluation report: https://gitlab.example.com/team/spam/-/jobs/7/artifacts/"
                + "file/target/mlops/evaluation.html\n"), message.message());
        assertEquals(Map.of("model", List.of("String", "spam-classifier"), "version", List.of("String", version),
                "verdict", List.of("String", "passed"), "status", List.of("String", "success")), message.attributes());
        assertTrue(told.out().contains("[INFO] Told SNS topic mlops-notifications: [mlops] spam-classifier " + version),
                told.out());

        sns.fault(FakeSns.Fault.AUTHORIZATION_ERROR);
        Tools.Result denied = mvn("notify-sns-403", env, "mlops:notify", "-Dmlops.aws.region=eu-west-1", endpoint,
                "-Dmlops.notify.sns.topicArn=" + topic, "-Dmlops.notify.to=sns");
        assertEquals(0, denied.exit(), denied.out());
        assertTrue(denied.out().contains("[WARNING] SNS: SNS answered 403 AuthorizationError"), denied.out());
        assertTrue(denied.out().contains("grant it sns:Publish on the topic"), denied.out());

        int requests = sns.journal().entries().size();
        Tools.Result elsewhere = mvn("notify-sns-region", env, "mlops:notify", "-Dmlops.aws.region=eu-west-1", endpoint,
                "-Dmlops.notify.sns.topicArn=arn:aws:sns:us-east-1:123456789012:mlops-notifications");
        assertNotEquals(0, elsewhere.exit(), elsewhere.out());
        assertTrue(elsewhere.out().contains("The topic 'arn:aws:sns:us-east-1:123456789012:mlops-notifications' is in"
                + " us-east-1 but the AWS region is eu-west-1"), elsewhere.out());
        assertTrue(elsewhere.out().contains("-Dmlops.aws.region=us-east-1"), elsewhere.out());
        Tools.Result malformed = mvn("notify-sns-arn", env, "mlops:notify", "-Dmlops.aws.region=eu-west-1", endpoint,
                "-Dmlops.notify.sns.topicArn=mlops-notifications");
        assertNotEquals(0, malformed.exit(), malformed.out());
        assertTrue(malformed.out().contains("'mlops-notifications' is not an SNS topic ARN: set <snsTopicArn>"), malformed.out());
        assertTrue(malformed.out().contains(" or -Dmlops.notify.sns.topicArn=arn:aws:sns:eu-west-1:123456789012:"
                + "mlops-notifications (the topic's ARN"), malformed.out());
        assertEquals(requests, sns.journal().entries().size(), "refused before any request");
    }

    @Test
    @Order(7)
    void aFailureToldByTheLastStageNamesTheJobGitLabSaysFailed() throws IOException {
        gitlab.pipelineJob(PROJECT, 99, "mlops-version", "build", "success", false)
                .pipelineJob(PROJECT, 99, "mlops-train", "build", "failed", false);
        Map<String, String> env = secrets();
        env.put("CI_PIPELINE_ID", "99");
        Tools.Result build = mvn("notify-failed-job", env, "mlops:notify", "-Dmlops.notify.status=failed");
        assertEquals(0, build.exit(), build.out());
        JsonNode message = slack.messages().get(slack.messages().size() - 1);
        assertTrue(message.path("blocks").get(1).path("text").path("text").asText()
                .startsWith("*Failed at:* mlops-train (stage build)"), message.toString());
        assertTrue(message.toString().contains("\"url\":\"https://gitlab.example.com/team/spam/-/jobs/"), message.toString());
    }

    @Test
    @Order(9)
    void noBuildOutputHoldsTheWebhookOrTheTokenAndEveryRequestWasValid() {
        List<String> leaks = new ArrayList<>();
        for (Tools.Result build : builds) {
            leaks.addAll(BuildLog.leaks(List.of(build.out().split("\n")), List.of(WEBHOOK_SECRET, TOKEN,
                    "glpat-revoked-sentinel-1a2b", AWS_SECRET, AWS_SESSION)));
        }
        assertEquals(List.of(), leaks);
        assertEquals(List.of(), slack.violations());
        assertEquals(List.of(), gitlab.violations());
        assertEquals(List.of(), sns.violations());
    }
}
