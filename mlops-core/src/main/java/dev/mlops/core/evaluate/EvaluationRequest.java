package dev.mlops.core.evaluate;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.TarGz;
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
 * @param archiveLimits how much the model archive may unpack to
 */
public record EvaluationRequest(ModelName model, ModelVersion version, TaskType task, Path testChannel,
        RecordLayout layout, Optional<String> positiveClass, GateConfig gate, boolean skipGate,
        BatchPredictor.Settings prediction, String by, Path outputDir, TarGz.Limits archiveLimits) {

    /** Within the default archive limits. */
    public EvaluationRequest(ModelName model, ModelVersion version, TaskType task, Path testChannel,
            RecordLayout layout, Optional<String> positiveClass, GateConfig gate, boolean skipGate,
            BatchPredictor.Settings prediction, String by, Path outputDir) {
        this(model, version, task, testChannel, layout, positiveClass, gate, skipGate, prediction, by, outputDir,
                TarGz.Limits.DEFAULT);
    }
}
