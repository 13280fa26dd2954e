package dev.mlops.maven.settings;

import dev.mlops.core.train.LocalTrainingBackend;
import dev.mlops.core.train.TrainingRequest;

/**
 * {@code mlops:train}'s settings.
 *
 * @param local the {@code local} backend's JVM and timeout
 */
public record TrainSettings(CommonSettings common, TrainingRequest request, LocalTrainingBackend.Settings local) {}
