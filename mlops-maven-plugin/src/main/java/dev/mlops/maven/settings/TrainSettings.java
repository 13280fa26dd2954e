package dev.mlops.maven.settings;

import dev.mlops.aws.sagemaker.SageMakerTrainingSettings;
import dev.mlops.core.train.LocalTrainingBackend;
import dev.mlops.core.train.TrainingRequest;

/**
 * {@code mlops:train}'s settings.
 *
 * @param local the {@code local} backend's JVM and timeout
 * @param sagemaker the {@code sagemaker} backend's role, instances, limits, spot, VPC and staging prefix
 */
public record TrainSettings(CommonSettings common, TrainingRequest request, LocalTrainingBackend.Settings local,
        SageMakerTrainingSettings sagemaker) {}
