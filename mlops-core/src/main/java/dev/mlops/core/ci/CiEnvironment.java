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
 * @param pipeline the pipeline, its job and the API, for notifications and the GitLab API
 */
public record CiEnvironment(Optional<String> commit, Optional<String> shortCommit, Optional<String> branch,
        Optional<String> tag, Optional<String> defaultBranch, Optional<String> mergeRequestIid,
        Optional<String> pipelineSource, Optional<String> jobUrl, Optional<String> user, Optional<String> projectUrl,
        Pipeline pipeline) {

    /**
     * @param url the pipeline's page ({@code CI_PIPELINE_URL})
     * @param id the pipeline's id ({@code CI_PIPELINE_ID})
     * @param jobName this job's name ({@code CI_JOB_NAME})
     * @param jobStatus this job's status, set in {@code after_script} ({@code CI_JOB_STATUS}: success, failed, canceled)
     * @param apiUrl GitLab's REST API ({@code CI_API_V4_URL})
     * @param projectId the project's id ({@code CI_PROJECT_ID})
     * @param mergeRequestProjectId the merge request's project ({@code CI_MERGE_REQUEST_PROJECT_ID}), where its notes are
     * @param mergeRequestProjectUrl that project's page ({@code CI_MERGE_REQUEST_PROJECT_URL})
     * @param projectDir the checkout ({@code CI_PROJECT_DIR}), against which artifact paths are given
     */
    public record Pipeline(Optional<String> url, Optional<String> id, Optional<String> jobName, Optional<String> jobStatus,
            Optional<String> apiUrl, Optional<String> projectId, Optional<String> mergeRequestProjectId,
            Optional<String> mergeRequestProjectUrl, Optional<String> projectDir) {

        static Pipeline from(Map<String, String> env) {
            return new Pipeline(value(env, "CI_PIPELINE_URL"), value(env, "CI_PIPELINE_ID"), value(env, "CI_JOB_NAME"),
                    value(env, "CI_JOB_STATUS"), value(env, "CI_API_V4_URL"), value(env, "CI_PROJECT_ID"),
                    value(env, "CI_MERGE_REQUEST_PROJECT_ID"), value(env, "CI_MERGE_REQUEST_PROJECT_URL"),
                    value(env, "CI_PROJECT_DIR"));
        }
    }

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
                value(env, "CI_PROJECT_URL"), Pipeline.from(env));
    }

    /** The merge request's page, in a merge-request pipeline. */
    public Optional<String> mergeRequestUrl() {
        return mergeRequestIid.flatMap(iid -> pipeline.mergeRequestProjectUrl().or(() -> projectUrl)
                .map(project -> project + "/-/merge_requests/" + iid));
    }

    /** The project whose merge request this pipeline runs for (its notes live there), else this project. */
    public Optional<String> mergeRequestProjectId() {
        return pipeline.mergeRequestProjectId().or(pipeline::projectId);
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
