package dev.mlops.core.evaluate;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import java.nio.file.Path;

/**
 * One batch prediction of a stored version over a test channel.
 *
 * @param testChannel the directory of labelled test records
 * @param layout where the label is in each record (it is never sent to the model)
 * @param prediction how many records go in one request, and how long one may take
 * @param workDir a directory the backend may empty and use
 */
public record BatchPredictionJob(ModelName model, ModelVersion version, Path testChannel, RecordLayout layout,
        BatchPredictor.Settings prediction, Path workDir) {}
