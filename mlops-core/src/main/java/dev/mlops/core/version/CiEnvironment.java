package dev.mlops.core.version;

import java.util.Map;
import java.util.Optional;

/**
 * What GitLab CI says about the pipeline, read from the environment map it is given (never from
 * {@code System.getenv} directly, so every case can be tested).
 */
public record CiEnvironment(Optional<String> pipelineSource, Optional<String> mergeRequestIid,
        Optional<String> shortSha) {

    public static final String MERGE_REQUEST_EVENT = "merge_request_event";
    public static final String SCHEDULE = "schedule";

    public static CiEnvironment from(Map<String, String> env) {
        Optional<String> sha = value(env, "CI_COMMIT_SHORT_SHA")
                .or(() -> value(env, "CI_COMMIT_SHA").map(s -> s.substring(0, Math.min(8, s.length()))));
        return new CiEnvironment(value(env, "CI_PIPELINE_SOURCE"), value(env, "CI_MERGE_REQUEST_IID"), sha);
    }

    public boolean isMergeRequest() {
        return pipelineSource.filter(MERGE_REQUEST_EVENT::equals).isPresent();
    }

    public boolean isSchedule() {
        return pipelineSource.filter(SCHEDULE::equals).isPresent();
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
