package dev.mlops.core.ci;

import java.util.Map;
import java.util.Optional;

/**
 * What GitLab CI says about the pipeline, built once from the environment map it is given (never from
 * {@code System.getenv} directly, so every case can be tested). A blank variable counts as absent.
 *
 * @param commit the full commit SHA ({@code CI_COMMIT_SHA})
 * @param shortCommit the short SHA ({@code CI_COMMIT_SHORT_SHA}, else the first 8 characters of the commit)
 * @param branch the branch ({@code CI_COMMIT_BRANCH}, else a merge request's source branch); absent for tags
 * @param tag the tag of a tag pipeline ({@code CI_COMMIT_TAG})
 * @param defaultBranch the project's default branch ({@code CI_DEFAULT_BRANCH})
 * @param mergeRequestIid the merge request's number in its project ({@code CI_MERGE_REQUEST_IID})
 * @param pipelineSource why the pipeline runs ({@code CI_PIPELINE_SOURCE}: push, merge_request_event, schedule…)
 * @param jobUrl the job's page ({@code CI_JOB_URL})
 * @param user who started the pipeline ({@code GITLAB_USER_LOGIN})
 * @param projectUrl the project's page ({@code CI_PROJECT_URL})
 * @param pipelineUrl the pipeline's page ({@code CI_PIPELINE_URL}), e.g. for a SageMaker job's tags
 */
public record CiEnvironment(Optional<String> commit, Optional<String> shortCommit, Optional<String> branch,
        Optional<String> tag, Optional<String> defaultBranch, Optional<String> mergeRequestIid,
        Optional<String> pipelineSource, Optional<String> jobUrl, Optional<String> user, Optional<String> projectUrl,
        Optional<String> pipelineUrl) {

    public static final String MERGE_REQUEST_EVENT = "merge_request_event";
    public static final String SCHEDULE = "schedule";

    /** Outside CI: every value absent. */
    public static final CiEnvironment NONE = from(Map.of());

    public static CiEnvironment from(Map<String, String> env) {
        Optional<String> commit = value(env, "CI_COMMIT_SHA");
        return new CiEnvironment(commit,
                value(env, "CI_COMMIT_SHORT_SHA").or(() -> commit.map(s -> s.substring(0, Math.min(8, s.length())))),
                value(env, "CI_COMMIT_BRANCH").or(() -> value(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")),
                value(env, "CI_COMMIT_TAG"), value(env, "CI_DEFAULT_BRANCH"), value(env, "CI_MERGE_REQUEST_IID"),
                value(env, "CI_PIPELINE_SOURCE"), value(env, "CI_JOB_URL"), value(env, "GITLAB_USER_LOGIN"),
                value(env, "CI_PROJECT_URL"), value(env, "CI_PIPELINE_URL"));
    }

    public boolean isMergeRequest() {
        return pipelineSource.filter(MERGE_REQUEST_EVENT::equals).isPresent();
    }

    public boolean isSchedule() {
        return pipelineSource.filter(SCHEDULE::equals).isPresent();
    }

    /**
     * Who ran the goal, for the audit: {@code <user> via <job url>} in a CI job (the job alone without a
     * user), else {@code osUser}, which the caller reads since the core never looks at system properties.
     */
    public String actor(String osUser) {
        return jobUrl.map(job -> user.map(u -> u + " via ").orElse("") + job).orElse(osUser);
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
