package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Text;
import dev.mlops.core.notify.NotificationException;
import dev.mlops.core.notify.Outcomes;
import dev.mlops.core.notify.PipelineOutcome;
import dev.mlops.core.notify.Secret;
import dev.mlops.gitlab.testing.FakeGitLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The merge-request note against a stateful GitLab notes API fake. */
class MergeRequestNoteTest {

    private static final String TOKEN = "glpat-token-sentinel-5e1b";
    private static final String PROJECT = "42";

    private FakeGitLab gitlab;

    @BeforeEach
    void start(TestInfo test) {
        gitlab = FakeGitLab.start(Path.of("target/fakes/gitlab-" + test.getTestMethod().orElseThrow().getName() + ".jsonl"))
                .token(TOKEN, "api").token("glpat-read-only", "read_api").mergeRequest(PROJECT, 12);
    }

    @AfterEach
    void stop() throws Exception {
        gitlab.close();
        assertEquals(List.of(), gitlab.violations(), "every request must follow the notes API's rules");
        Path journal = gitlab.journal().file();
        assertFalse(Files.exists(journal) && Files.readString(journal).contains(TOKEN), "the journal holds no token");
    }

    private MergeRequestNote note(long iid, String token) {
        return new MergeRequestNote(GitLabConnection.of(gitlab.apiUrl(), new Secret(token, Text.of(MergeRequestNote.VARIABLE)),
                Duration.ofSeconds(10)), new MergeRequestNote.Target(PROJECT, iid));
    }

    @Test
    void theFirstPushAddsOneNoteAndLaterPushesUpdateItInPlace() {
        note(12, TOKEN).send(Outcomes.success(), MlopsEvents.NONE);
        note(12, TOKEN).send(Outcomes.success(), MlopsEvents.NONE);
        note(12, TOKEN).send(Outcomes.failedAt("evaluate (the quality gate)"), MlopsEvents.NONE);
        List<FakeGitLab.StoredNote> notes = gitlab.notes(PROJECT, 12);
        assertEquals(1, notes.size());
        assertEquals(2, notes.get(0).updates());
        assertTrue(notes.get(0).body().startsWith("<!-- mlops:model=spam-classifier -->\n> ❌ The pipeline failed at"
                + " **evaluate (the quality gate)**"), notes.get(0).body());
    }

    @Test
    void theNoteIsFoundOnALaterPageAmongOtherNotesAndOtherModels() {
        note(12, TOKEN).send(Outcomes.success(), MlopsEvents.NONE);
        PipelineOutcome other = Outcomes.success();
        note(12, TOKEN).send(new PipelineOutcome("fraud-model", other.version(), other.status(), other.failedStep(),
                other.evaluation(), other.deployment(), other.links()), MlopsEvents.NONE);
        for (int i = 0; i < 250; i++) {
            gitlab.note(PROJECT, 12, "reviewer", "looks good " + i + " <!-- mlops:model=spam-classifier-x -->", i % 10 == 0);
        }
        gitlab.note(PROJECT, 12, "reviewer", "quoting the bot: <!-- mlops:model=spam-classifier -->", false);
        note(12, TOKEN).send(Outcomes.success(), MlopsEvents.NONE);
        List<FakeGitLab.StoredNote> notes = gitlab.notes(PROJECT, 12);
        assertEquals(253, notes.size(), "no second note for the model, and a reviewer's quote of the marker is not it");
        assertEquals(1, notes.get(0).updates());
        assertEquals(0, notes.get(1).updates(), "the other model's note is left alone");
        assertTrue(gitlab.requests().stream().anyMatch(r -> r.contains("page=3")), gitlab.requests().toString());
    }

    @Test
    void theNoteHoldsTheEvaluationsMarkdownAndItsLinks() {
        note(12, TOKEN).send(Outcomes.success(), MlopsEvents.NONE);
        String body = gitlab.notes(PROJECT, 12).get(0).body();
        assertTrue(body.contains("### report\n"), body);
        assertTrue(body.contains("[Full evaluation report](https://gitlab.example.com/team/spam/-/jobs/7/artifacts/file/"), body);
        assertTrue(body.contains("Updated by [pipeline](https://gitlab.example.com/team/spam/-/pipelines/99)"), body);
    }

    @Test
    void aHugeReportIsCutToGitLabsLimit() {
        PipelineOutcome outcome = Outcomes.success();
        PipelineOutcome.Evaluation e = outcome.evaluation().orElseThrow();
        PipelineOutcome huge = new PipelineOutcome(outcome.model(), outcome.version(), outcome.status(), outcome.failedStep(),
                Optional.of(new PipelineOutcome.Evaluation(e.version(), e.passed(), e.gateSkipped(), e.status(),
                        e.primaryMetric(), e.candidate(), e.productionVersion(), e.production(),
                        Optional.of("x".repeat(1_200_000)))), outcome.deployment(), outcome.links());
        note(12, TOKEN).send(huge, MlopsEvents.NONE);
        assertTrue(gitlab.notes(PROJECT, 12).get(0).body().length() <= FakeGitLab.BODY_MAX);
    }

    @Test
    void aRejectedTokenAMissingScopeAndAMissingMergeRequestEachSayTheFix() {
        NotificationException wrong = assertThrows(NotificationException.class,
                () -> note(12, "glpat-wrong").send(Outcomes.success(), MlopsEvents.NONE));
        assertTrue(wrong.getMessage().startsWith("GitLab answered 401"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("MLOPS_GITLAB_TOKEN is wrong, expired or revoked"), wrong.getMessage());
        NotificationException readOnly = assertThrows(NotificationException.class,
                () -> note(12, "glpat-read-only").send(Outcomes.success(), MlopsEvents.NONE));
        assertTrue(readOnly.getMessage().startsWith("GitLab answered 403"), readOnly.getMessage());
        assertTrue(readOnly.getMessage().contains("It needs the api scope"), readOnly.getMessage());
        NotificationException missing = assertThrows(NotificationException.class,
                () -> note(99, TOKEN).send(Outcomes.success(), MlopsEvents.NONE));
        assertTrue(missing.getMessage().contains("project 42 has no merge request !99"), missing.getMessage());
        assertEquals("merge request !99", missing.channel());
        for (NotificationException e : List.of(wrong, readOnly, missing)) {
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        }
        assertEquals(0, gitlab.notes(PROJECT, 12).size());
    }

    @Test
    void rateLimitingIsAWarningThatNamesRetryAfter() {
        gitlab.rateLimitNext(30);
        NotificationException e = assertThrows(NotificationException.class,
                () -> note(12, TOKEN).send(Outcomes.success(), MlopsEvents.NONE));
        assertTrue(e.getMessage().contains("429") && e.getMessage().contains("Retry-After 30 s"), e.getMessage());
    }

    @Test
    void theApiMustBeHttpsExceptOnLoopback() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> GitLabConnection.of(
                "http://gitlab.example.com/api/v4", new Secret(TOKEN, Text.of(MergeRequestNote.VARIABLE)), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("is not https"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        ConfigurationException path = assertThrows(ConfigurationException.class, () -> GitLabConnection.of(
                "https://gitlab.example.com/", new Secret(TOKEN, Text.of(MergeRequestNote.VARIABLE)), Duration.ofSeconds(1)));
        assertTrue(path.getMessage().contains("does not end in /api/v4"), path.getMessage());
    }

    @Test
    void thePipelinesFirstFailedJobIsFoundAcrossPagesAndAllowedFailuresAreLeftOut() {
        for (int i = 0; i < 150; i++) {
            gitlab.pipelineJob(PROJECT, 99, "job-" + i, "build", "success", false);
        }
        gitlab.pipelineJob(PROJECT, 99, "lint", "build", "failed", true);
        gitlab.pipelineJob(PROJECT, 99, "mlops-train", "build", "failed", false);
        gitlab.pipelineJob(PROJECT, 99, "mlops-evaluate", "test", "failed", false);
        GitLabConnection connection = GitLabConnection.of(gitlab.apiUrl(), new Secret(TOKEN, Text.of("v")), Duration.ofSeconds(10));
        dev.mlops.core.notify.FailedJobs.FailedJob job = new PipelineFailedJobs(connection, PROJECT, 99).first().orElseThrow();
        assertEquals("mlops-train", job.name());
        assertEquals("build", job.stage());
        assertTrue(job.url().endsWith("/-/jobs/" + job.url().replaceAll(".*/", "")), job.url());
        assertEquals(Optional.empty(), new PipelineFailedJobs(connection, PROJECT, 98).first());
        NotificationException wrong = assertThrows(NotificationException.class, () -> new PipelineFailedJobs(
                GitLabConnection.of(gitlab.apiUrl(), new Secret("nope", Text.of("v")), Duration.ofSeconds(10)), PROJECT, 99).first());
        assertTrue(wrong.getMessage().startsWith("GitLab answered 401"), wrong.getMessage());
    }
}
