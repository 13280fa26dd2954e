package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.testing.FakeSlack;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notify component run by gitlab-ci-local: in the last stage exactly one of its jobs runs, the failure one
 * when an earlier job failed (other jobs cannot read CI_JOB_STATUS), and it tells a fake Slack webhook.
 */
class NotifyTemplateTest {

    private static final String LOCAL_REPOSITORY = System.getProperty("mlops.test.localRepository");
    private static final String PLUGIN_VERSION = System.getProperty("mlops.test.pluginVersion");

    @TempDir
    Path tmp;

    private FakeSlack slack;

    @BeforeEach
    void start() {
        slack = FakeSlack.start(Path.of("target/fakes/notify-template-slack.jsonl"), "template-secret");
    }

    @AfterEach
    void stop() {
        slack.close();
        assertEquals(List.of(), slack.violations());
    }

    private GitlabCiLocal.Result pipeline(String script) {
        Path repo = tmp.resolve("component");
        GitlabCiLocal.copyComponent(repo);
        GitlabCiLocal.copySampleModel(repo.resolve("spam"));
        String homes = tmp.resolve("homes").toString();
        GitlabCiLocal.write(repo.resolve(".gitlab-ci.yml"), """
                variables:
                  HOME: %s/$CI_JOB_NAME_SLUG
                  MAVEN_OPTS: -Duser.home=%s/$CI_JOB_NAME_SLUG
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/notify@$CI_COMMIT_SHA
                    inputs:
                      module: spam
                      plugin-version: "%s"
                      maven-args: "--batch-mode --no-transfer-progress -Dmaven.repo.local=%s"
                build-step:
                  stage: build
                  script: ["%s"]
                """.formatted(homes, homes, PLUGIN_VERSION, LOCAL_REPOSITORY, script));
        GitlabCiLocal.initRepository(repo, "mlops/gitlab-templates");
        return new GitlabCiLocal(repo).run(List.of("--concurrency", "1", "--variable",
                "MLOPS_SLACK_WEBHOOK_URL=" + slack.webhookUrl()), 10);
    }

    @Test
    void aFailedJobRunsTheFailureJobWhichTellsSlackThePipelineFailed() {
        GitlabCiLocal.Result run = pipeline("exit 1");
        assertNotEquals(0, run.exitCode(), "the pipeline failed: " + GitlabCiLocal.tail(run.output()));
        assertTrue(run.output().contains("mlops-notify-failure"), GitlabCiLocal.tail(run.output()));
        assertFalse(run.output().contains("mlops-notify-success "), GitlabCiLocal.tail(run.output()));
        assertEquals(1, slack.messages().size(), GitlabCiLocal.tail(run.output()));
        JsonNode header = slack.messages().get(0).path("blocks").get(0);
        assertEquals("❌ spam-classifier: pipeline failed", header.path("text").path("text").asText());
    }

    @Test
    void aGreenPipelineRunsTheSuccessJobOnly() {
        GitlabCiLocal.Result run = pipeline("true");
        assertEquals(0, run.exitCode(), GitlabCiLocal.tail(run.output()));
        assertFalse(run.output().contains("mlops-notify-failure"), GitlabCiLocal.tail(run.output()));
        assertEquals(1, slack.messages().size(), GitlabCiLocal.tail(run.output()));
        assertTrue(slack.messages().get(0).toString().contains("pipeline success"), slack.messages().get(0).toString());
    }
}
