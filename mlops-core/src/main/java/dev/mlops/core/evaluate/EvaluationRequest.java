package dev.mlops.core.evaluate;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the user asked to evaluate, and how.
 *
 * @param testChannel the directory of labelled test records
 * @param positiveClass the class whose ROC curve a binary classification draws; by default the last by name
 * @param skipGate the gate is still decided and reported, but a failure does not fail the build
 * @param by who asked (the CI job, the user), recorded in the manifest's audit
 * @param outputDir where reports go ({@code target/mlops})
 */
public record EvaluationRequest(ModelName model, ModelVersion version, TaskType task, Path testChannel,
        RecordLayout layout, Optional<String> positiveClass, GateConfig gate, boolean skipGate,
        BatchPredictor.Settings prediction, String by, Path outputDir) {}
