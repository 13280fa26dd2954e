package dev.mlops.gitlab;

import dev.mlops.core.notify.FailedJobs;
import dev.mlops.core.notify.NotificationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.Pager;
import org.gitlab4j.api.models.Job;
import org.gitlab4j.api.models.JobStatus;

/** The pipeline's failed jobs through GitLab's API ({@code GET /projects/:id/pipelines/:pipeline_id/jobs}, every page). */
public final class PipelineFailedJobs implements FailedJobs {

    private static final int PER_PAGE = 100;

    private final GitLabConnection connection;
    private final String projectId;
    private final long pipelineId;

    /** @param projectId the project the pipeline runs in ({@code CI_PROJECT_ID}) */
    public PipelineFailedJobs(GitLabConnection connection, String projectId, long pipelineId) {
        this.connection = connection;
        this.projectId = projectId;
        this.pipelineId = pipelineId;
    }

    @Override
    public Optional<FailedJob> first() {
        String what = "the failed job of pipeline " + pipelineId;
        try (GitLabApi gitlab = connection.open()) {
            List<Job> failed = new ArrayList<>();
            Pager<Job> pages = gitlab.getJobApi().getJobsForPipeline(projectId, pipelineId, PER_PAGE);
            while (pages.hasNext()) {
                pages.next().stream().filter(job -> job.getStatus() == JobStatus.FAILED
                        && !Boolean.TRUE.equals(job.getAllowFailure())).forEach(failed::add);
            }
            // the first to fail is the cause; later failures in the same pipeline usually follow from it
            return failed.stream().min(Comparator.comparing(Job::getId))
                    .map(job -> new FailedJob(job.getName(), String.valueOf(job.getStage()), job.getWebUrl()));
        } catch (GitLabApiException e) {
            throw refusal(what, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof GitLabApiException api) {
                throw refusal(what, api);
            }
            throw connection.unreachable(what, e);
        }
    }

    private NotificationException refusal(String what, GitLabApiException e) {
        String answer = "GitLab answered " + e.getHttpStatus() + " (" + connection.token().scrub(e.getMessage()) + ")";
        return new NotificationException(what, e.getHttpStatus() == 401 ? connection.rejectedToken(answer)
                : dev.mlops.core.Text.of(answer, ": the token's user needs at least the Reporter role in project ",
                        projectId, " to list its pipeline's jobs."));
    }
}
