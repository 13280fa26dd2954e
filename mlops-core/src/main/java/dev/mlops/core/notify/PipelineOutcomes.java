package dev.mlops.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.evaluate.EvaluationReports;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.handoff.TrainingJson;
import dev.mlops.core.io.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the pipeline's goals wrote ({@code mlops.env}, {@code training.json}, {@code evaluation.json} and
 * {@code .md}) and how the pipeline went into a {@link PipelineOutcome}.
 *
 * <p>The status: the one given, else {@code CI_JOB_STATUS} (set in a job's {@code after_script}, where the failed
 * step is that job), else failed when the quality gate refused the candidate, else success.
 */
public final class PipelineOutcomes {

    /** The goals in pipeline order, each with the {@code mlops.env} key that says it handed on its results. */
    private static final List<Map.Entry<String, String>> STEPS = List.of(Map.entry("version", MlopsEnv.VERSION_REASON),
            Map.entry("package", MlopsEnv.IMAGE_DIGEST), Map.entry("train", MlopsEnv.MODEL_URI),
            Map.entry("evaluate", MlopsEnv.EVALUATED_VERSION), Map.entry("deploy", MlopsEnv.DEPLOYED_VERSION));

    private PipelineOutcomes() {}

    /**
     * @param outputDir where the goals wrote ({@code target/mlops})
     * @param status the status given for this run ({@code failed} in a job that runs on failure)
     * @param failedStep the step given as the one that failed
     * @param failedJob the pipeline's failed job, as the CI platform told it
     */
    public static PipelineOutcome read(Path outputDir, Optional<Path> projectDir, ModelName model, CiEnvironment ci,
            Optional<PipelineStatus> status, Optional<String> failedStep, Optional<FailedJobs.FailedJob> failedJob) {
        Map<String, String> env = MlopsEnv.in(outputDir, projectDir).read();
        Optional<PipelineOutcome.Evaluation> evaluation = evaluation(outputDir, model);
        Optional<PipelineStatus> fromJob = ci.pipeline().jobStatus().flatMap(PipelineStatus::parse);
        boolean gateRefused = evaluation.filter(e -> !e.passed() && !e.gateSkipped()).isPresent();
        PipelineStatus resolved = status.or(() -> fromJob)
                .orElse(gateRefused ? PipelineStatus.FAILED : PipelineStatus.SUCCESS);
        Optional<String> step = Optional.empty();
        if (resolved != PipelineStatus.SUCCESS) {
            step = failedStep.or(() -> status.isEmpty() ? fromJob.flatMap(s -> ci.pipeline().jobName()) : Optional.empty())
                    .or(() -> failedJob.map(j -> j.name() + " (stage " + j.stage() + ")"))
                    .or(() -> gateRefused ? Optional.of("evaluate (the quality gate)") : inferred(env));
        }
        Optional<String> version = value(env, MlopsEnv.VERSION).or(() -> value(env, MlopsEnv.EVALUATED_VERSION))
                .or(() -> TrainingJson.in(outputDir).trainedVersion(model).map(Object::toString));
        Optional<PipelineOutcome.Deployment> deployment = value(env, MlopsEnv.ENDPOINT).map(endpoint ->
                new PipelineOutcome.Deployment(endpoint, value(env, MlopsEnv.ENDPOINT_URL),
                        value(env, MlopsEnv.DEPLOYED_VERSION).orElse("")));
        // a failure links the pipeline's failed jobs, unless this job is the one that failed
        Optional<String> job = resolved == PipelineStatus.SUCCESS ? Optional.empty()
                : fromJob.isPresent() && status.isEmpty() ? ci.jobUrl()
                : failedJob.map(FailedJobs.FailedJob::url).or(() -> ci.pipeline().url().map(url -> url + "/failures"));
        PipelineOutcome.Links links = new PipelineOutcome.Links(ci.pipeline().url(), job, ci.mergeRequestUrl(),
                value(env, MlopsEnv.REPORT_URL), deployment.flatMap(PipelineOutcome.Deployment::url));
        return new PipelineOutcome(model.value(), version, resolved, step, evaluation, deployment, links);
    }

    /** The step after the last one that handed on its results (a step that did not run wrote nothing). */
    private static Optional<String> inferred(Map<String, String> env) {
        String last = null;
        for (Map.Entry<String, String> step : STEPS) {
            if (value(env, step.getValue()).isPresent()) {
                last = step.getKey();
            }
        }
        return Optional.of(last == null ? "before any step handed on its results" : "after " + last);
    }

    private static Optional<PipelineOutcome.Evaluation> evaluation(Path outputDir, ModelName model) {
        Path json = outputDir.resolve(EvaluationReports.JSON);
        if (!Files.isRegularFile(json)) {
            return Optional.empty();
        }
        JsonNode report = JsonFiles.read(json, JsonNode.class);
        if (!model.value().equals(report.path("model").asText())) {
            return Optional.empty();
        }
        String primary = report.path("primaryMetric").asText();
        JsonNode production = report.path("production");
        return Optional.of(new PipelineOutcome.Evaluation(report.path("version").asText(),
                report.path("gate").path("passed").asBoolean(), report.path("gateSkipped").asBoolean(),
                report.path("status").asText(), primary, number(report.path("evaluation").path("metrics").path(primary)),
                text(production.path("version")), number(production.path("metrics").path(primary)),
                markdown(outputDir.resolve(EvaluationReports.MARKDOWN))));
    }

    private static Optional<String> markdown(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Double> number(JsonNode node) {
        return node.isNumber() ? Optional.of(node.asDouble()) : Optional.empty();
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
