package dev.mlops.core.notify;

import java.util.Optional;

/** Which job of this pipeline failed, where the CI platform can tell (a job in the last stage cannot see it itself). */
public interface FailedJobs {

    /**
     * The pipeline's first failed job that was not allowed to fail.
     *
     * @throws NotificationException when the platform could not be asked
     */
    Optional<FailedJob> first();

    /** @param url the job's page */
    record FailedJob(String name, String stage, String url) {}
}
