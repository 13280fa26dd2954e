package dev.mlops.maven.settings;

import dev.mlops.core.evaluate.EvaluationRequest;
import dev.mlops.core.evaluate.LocalBatchPredictionBackend;

/**
 * {@code mlops:evaluate}'s settings.
 *
 * @param local the {@code local} batch prediction's model server JVM and archive limits
 */
public record EvaluateSettings(CommonSettings common, EvaluationRequest request,
        LocalBatchPredictionBackend.Settings local) {}
