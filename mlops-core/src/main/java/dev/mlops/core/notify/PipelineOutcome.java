package dev.mlops.core.notify;

import java.util.Locale;
import java.util.Optional;

/**
 * What the notification channels tell: the model, how the pipeline went, and what its goals wrote.
 *
 * @param version the version the pipeline worked on, if any goal wrote one
 * @param failedStep the step that failed (a goal's or a job's name), when the pipeline failed and it is known
 * @param evaluation what mlops:evaluate found, when it ran
 * @param deployment what serves now, when the pipeline deployed
 */
public record PipelineOutcome(String model, Optional<String> version, PipelineStatus status, Optional<String> failedStep,
        Optional<Evaluation> evaluation, Optional<Deployment> deployment, Links links) {

    public boolean failed() {
        return status != PipelineStatus.SUCCESS;
    }

    /**
     * @param passed whether the candidate passed the quality gate
     * @param candidate the candidate's primary metric
     * @param productionVersion the version it was compared with; empty when there was none yet
     * @param production production's primary metric
     * @param markdown the report for a merge request ({@code evaluation.md}), empty when it is not there
     */
    public record Evaluation(String version, boolean passed, boolean gateSkipped, String status, String primaryMetric,
            Optional<Double> candidate, Optional<String> productionVersion, Optional<Double> production,
            Optional<String> markdown) {

        /** {@code passed}, {@code failed}, or {@code failed (gate skipped)}. */
        public String verdict() {
            return passed ? "passed" : gateSkipped ? "failed (gate skipped)" : "failed";
        }

        /** The primary metric against production's: {@code 0.9615 vs 0.9500 (1.2.0, +0.0115)}, in plain text. */
        public String againstProduction() {
            String shown = candidate.map(Evaluation::number).orElse("–");
            if (productionVersion.isEmpty()) {
                return shown + " (no production version yet)";
            }
            String delta = candidate.isPresent() && production.isPresent()
                    ? String.format(Locale.ROOT, ", %+.4f", candidate.get() - production.get()) : "";
            return shown + " vs " + production.map(Evaluation::number).orElse("–") + " (" + productionVersion.get() + delta + ")";
        }

        private static String number(double value) {
            return String.format(Locale.ROOT, "%.4f", value);
        }
    }

    /** @param url where it answers; empty when the endpoint has no address */
    public record Deployment(String endpoint, Optional<String> url, String version) {}

    /** The pages a reader may want next; each is empty when it is not known. */
    public record Links(Optional<String> pipeline, Optional<String> job, Optional<String> mergeRequest,
            Optional<String> report, Optional<String> endpoint) {

        public static final Links NONE = new Links(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
