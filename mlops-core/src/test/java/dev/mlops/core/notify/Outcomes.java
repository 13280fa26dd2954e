package dev.mlops.core.notify;

import java.util.Optional;

/** Outcomes for tests. */
public final class Outcomes {

    private Outcomes() {}

    public static PipelineOutcome.Evaluation evaluation(boolean passed) {
        return new PipelineOutcome.Evaluation("1.3.0", passed, false, passed ? "approved-by-gate" : "rejected", "f1",
                Optional.of(0.9615), Optional.of("1.2.0"), Optional.of(0.9500), Optional.of("### report\n"));
    }

    public static PipelineOutcome success() {
        return new PipelineOutcome("spam-classifier", Optional.of("1.3.0"), PipelineStatus.SUCCESS, Optional.empty(),
                Optional.of(evaluation(true)), Optional.of(new PipelineOutcome.Deployment("spam-classifier",
                        Optional.of("http://127.0.0.1:8080"), "1.3.0")),
                new PipelineOutcome.Links(Optional.of("https://gitlab.example.com/team/spam/-/pipelines/99"), Optional.empty(),
                        Optional.of("https://gitlab.example.com/team/spam/-/merge_requests/12"),
                        Optional.of("https://gitlab.example.com/team/spam/-/jobs/7/artifacts/file/target/mlops/evaluation.html"),
                        Optional.of("http://127.0.0.1:8080")));
    }

    public static PipelineOutcome failedAt(String step) {
        return new PipelineOutcome("spam-classifier", Optional.of("1.3.0"), PipelineStatus.FAILED, Optional.of(step),
                Optional.empty(), Optional.empty(), new PipelineOutcome.Links(
                        Optional.of("https://gitlab.example.com/team/spam/-/pipelines/99"),
                        Optional.of("https://gitlab.example.com/team/spam/-/pipelines/99/failures"), Optional.empty(),
                        Optional.empty(), Optional.empty()));
    }
}
