package dev.mlops.core.train;

import dev.mlops.core.domain.Manifest;

/** What a successful training run stored ({@code target/mlops/training.json}). */
public record TrainingReport(String store, String modelUri, Manifest manifest) {}
