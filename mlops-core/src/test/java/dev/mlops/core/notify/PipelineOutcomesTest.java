package dev.mlops.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.io.DotEnvFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the hand-off files and the CI variables become what the channels tell. */
class PipelineOutcomesTest {

    private static final ModelName MODEL = new ModelName("spam-classifier");
    private static final Map<String, String> PIPELINE = Map.of("CI_PIPELINE_URL", "https://gitlab.example.com/t/s/-/pipelines/9",
            "CI_JOB_URL", "https://gitlab.example.com/t/s/-/jobs/5", "CI_JOB_NAME", "mlops-train");

    @TempDir
    Path out;

    private PipelineOutcome read(Map<String, String> env, Optional<PipelineStatus> status) {
        return PipelineOutcomes.read(out, Optional.empty(), MODEL, CiEnvironment.from(env), status, Optional.empty(),
                Optional.empty());
    }

    private void evaluation(boolean passed) throws Exception {
        Files.writeString(out.resolve("evaluation.json"), "{\"model\":\"spam-classifier\",\"version\":\"1.3.0\","
                + "\"primaryMetric\":\"f1\",\"evaluation\":{\"metrics\":{\"f1\":0.96}},\"production\":{\"version\":\"1.2.0\","
                + "\"metrics\":{\"f1\":0.95}},\"gate\":{\"passed\":" + passed + "},\"gateSkipped\":false,\"status\":\""
                + (passed ? "approved-by-gate" : "rejected") + "\"}");
        Files.writeString(out.resolve("evaluation.md"), "### report\n");
    }

    @Test
    void aFullRunIsASuccessWithItsEvaluationAndDeployment() throws Exception {
        MlopsEnv env = MlopsEnv.in(out, Optional.empty());
        env.trained("spam-classifier", "1.3.0", "candidate", "file:/s/m.tar.gz", "file:/s");
        env.reportPublished("https://gitlab.example.com/t/s/-/jobs/6/artifacts/file/target/mlops/evaluation.html");
        env.deployed("spam-classifier", "http://127.0.0.1:8080", "1.3.0");
        evaluation(true);
        PipelineOutcome outcome = read(PIPELINE, Optional.empty());
        assertEquals(PipelineStatus.SUCCESS, outcome.status());
        assertEquals(Optional.of("1.3.0"), outcome.version());
        assertEquals(Optional.of(0.96), outcome.evaluation().orElseThrow().candidate());
        assertEquals(Optional.of("1.2.0"), outcome.evaluation().orElseThrow().productionVersion());
        assertEquals(Optional.of("### report\n"), outcome.evaluation().orElseThrow().markdown());
        assertEquals(Optional.of("http://127.0.0.1:8080"), outcome.links().endpoint());
        assertTrue(outcome.links().report().orElseThrow().endsWith("evaluation.html"));
        assertEquals(Optional.empty(), outcome.links().job(), "a success links no job");
    }

    @Test
    void aGateThatRefusedIsAFailureAtEvaluate() throws Exception {
        evaluation(false);
        PipelineOutcome outcome = read(PIPELINE, Optional.empty());
        assertEquals(PipelineStatus.FAILED, outcome.status());
        assertEquals(Optional.of("evaluate (the quality gate)"), outcome.failedStep());
        assertEquals(Optional.of("https://gitlab.example.com/t/s/-/pipelines/9/failures"), outcome.links().job());
    }

    @Test
    void inAfterScriptTheJobStatusNamesThisJobAsTheFailedStep() {
        Map<String, String> env = new java.util.HashMap<>(PIPELINE);
        env.put("CI_JOB_STATUS", "failed");
        PipelineOutcome outcome = read(env, Optional.empty());
        assertEquals(Optional.of("mlops-train"), outcome.failedStep());
        assertEquals(Optional.of("https://gitlab.example.com/t/s/-/jobs/5"), outcome.links().job());
    }

    @Test
    void aGivenFailureNamesTheStepAfterTheLastThatHandedOnItsResults() {
        DotEnvFile.merge(out.resolve("mlops.env"), Map.of(MlopsEnv.VERSION, "1.3.0", MlopsEnv.VERSION_REASON, "feat"));
        PipelineOutcome outcome = read(PIPELINE, Optional.of(PipelineStatus.FAILED));
        assertEquals(Optional.of("after version"), outcome.failedStep());
        assertEquals(Optional.of("1.3.0"), outcome.version());
        assertEquals(Optional.empty(), outcome.evaluation());
        assertEquals(Optional.of("before any step handed on its results"),
                PipelineOutcomes.read(Files.exists(out.resolve("x")) ? out : out.resolve("empty"), Optional.empty(), MODEL,
                        CiEnvironment.NONE, Optional.of(PipelineStatus.FAILED), Optional.empty(), Optional.empty()).failedStep());
    }

    @Test
    void aGivenStepWinsAndAnotherModelsEvaluationIsNotTold() throws Exception {
        Files.writeString(out.resolve("evaluation.json"), "{\"model\":\"other\",\"gate\":{\"passed\":false}}");
        PipelineOutcome outcome = PipelineOutcomes.read(out, Optional.empty(), MODEL, CiEnvironment.from(PIPELINE),
                Optional.of(PipelineStatus.FAILED), Optional.of("deploy"), Optional.empty());
        assertEquals(Optional.of("deploy"), outcome.failedStep());
        assertEquals(Optional.empty(), outcome.evaluation());
    }

    @Test
    void theJobThePlatformNamesIsTheFailedStepAndItsPageTheLink() {
        PipelineOutcome outcome = PipelineOutcomes.read(out, Optional.empty(), MODEL, CiEnvironment.from(PIPELINE),
                Optional.of(PipelineStatus.FAILED), Optional.empty(), Optional.of(new FailedJobs.FailedJob("mlops-train",
                        "build", "https://gitlab.example.com/t/s/-/jobs/4")));
        assertEquals(Optional.of("mlops-train (stage build)"), outcome.failedStep());
        assertEquals(Optional.of("https://gitlab.example.com/t/s/-/jobs/4"), outcome.links().job());
    }
}
