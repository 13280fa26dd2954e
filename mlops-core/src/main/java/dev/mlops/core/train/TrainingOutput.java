package dev.mlops.core.train;

import java.nio.file.Path;
import java.time.Duration;

/** What a finished training run left: the model directory and how long the training process took. */
public record TrainingOutput(Path modelDir, Duration duration) {}
