package dev.mlops.maven.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code mvn -X mlops:notify} on the sample after a real version → train → evaluate, told to a fake Slack webhook
 * and a fake GitLab (merge-request notes), with a sentinel token and webhook that must appear nowhere in any
 * build's output; then the failure case, failing channels, strict, and bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotifyIT {

    private static final String WEBHOOK_SECRET = "slack-webhook-sentinel-0b5e";
    private static final String TOKEN = "glpat-notify-sentinel-77c1";
    private static final String PROJECT = "42";

    private Path work;
    private Path sample;
    private FakeSlack slack;
    private FakeGitLab gitlab;
    private final Map<String, String> ci = new LinkedHashMap<>();
    private final List<Tools.Result> builds = new ArrayList<>();

    @BeforeAll
    void trainAndEvaluateTheSample() throws IOException {
        work = Path.of(System.getProperty("image.it.dir", "target/image-it")).toAbsolutePath().resolveSibling("notify-it");
        MoreFiles.deleteRecursively(work);
        Files.createDirectories(work);
        sample = SampleProject.copy(work.resolve("sample"));
        slack = FakeSlack.start(work.resolve("fakes/slack.jsonl"), WEBHOOK_SECRET);
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
                    "glpat-revoked-sentinel-1a2b")));
        }
        assertEquals(List.of(), leaks);
        assertEquals(List.of(), slack.violations());
        assertEquals(List.of(), gitlab.violations());
    }
}
