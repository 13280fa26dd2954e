package dev.mlops.core.domain;

/** What a channel held when a model was trained on it: enough to tell whether the data changed. */
public record DataFingerprint(String location, long files, long bytes, String sha256) {}
