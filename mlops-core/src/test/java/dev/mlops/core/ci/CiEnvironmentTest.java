package dev.mlops.core.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CiEnvironmentTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void eachValueComesFromItsGitLabVariable() {
        CiEnvironment ci = CiEnvironment.from(Map.of("CI_COMMIT_SHA", SHA, "CI_COMMIT_SHORT_SHA", "01234567",
                "CI_COMMIT_BRANCH", "main", "CI_DEFAULT_BRANCH", "main", "CI_PIPELINE_SOURCE", "push",
                "CI_JOB_URL", "https://gitlab.example.com/team/spam/-/jobs/42", "GITLAB_USER_LOGIN", "alice",
                "CI_PROJECT_URL", "https://gitlab.example.com/team/spam"));
        assertEquals(Optional.of(SHA), ci.commit());
        assertEquals(Optional.of("01234567"), ci.shortCommit());
        assertEquals(Optional.of("main"), ci.branch());
        assertEquals(Optional.of("main"), ci.defaultBranch());
        assertEquals(Optional.of("push"), ci.pipelineSource());
        assertEquals(Optional.of("https://gitlab.example.com/team/spam/-/jobs/42"), ci.jobUrl());
        assertEquals(Optional.of("alice"), ci.user());
        assertEquals(Optional.of("https://gitlab.example.com/team/spam"), ci.projectUrl());
        assertEquals(Optional.empty(), ci.tag());
        assertEquals(Optional.empty(), ci.mergeRequestIid());
        assertFalse(ci.isMergeRequest());
        assertFalse(ci.isSchedule());
        assertEquals("alice via https://gitlab.example.com/team/spam/-/jobs/42", ci.actor("bob"));
    }

    @Test
    void aMergeRequestPipelineHasItsNumberAndSourceBranch() {
        CiEnvironment ci = CiEnvironment.from(Map.of("CI_PIPELINE_SOURCE", "merge_request_event",
                "CI_MERGE_REQUEST_IID", "12", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature/bigrams", "CI_COMMIT_SHA", SHA));
        assertTrue(ci.isMergeRequest());
        assertFalse(ci.isSchedule());
        assertEquals(Optional.of("12"), ci.mergeRequestIid());
        assertEquals(Optional.of("feature/bigrams"), ci.branch());
        assertEquals(Optional.of("01234567"), ci.shortCommit(), "the short SHA is cut from the full one when GitLab gives none");
    }

    @Test
    void aTagPipelineHasTheTagAndNoBranch() {
        CiEnvironment ci = CiEnvironment.from(Map.of("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_TAG", "v1.2.0",
                "CI_COMMIT_SHA", SHA));
        assertEquals(Optional.of("v1.2.0"), ci.tag());
        assertEquals(Optional.empty(), ci.branch());
        assertFalse(ci.isMergeRequest());
    }

    @Test
    void aScheduledPipelineIsASchedule() {
        CiEnvironment ci = CiEnvironment.from(Map.of("CI_PIPELINE_SOURCE", "schedule", "CI_COMMIT_BRANCH", "main"));
        assertTrue(ci.isSchedule());
        assertFalse(ci.isMergeRequest());
        assertEquals(Optional.of("main"), ci.branch());
    }

    @Test
    void blankValuesAreAbsentAndValuesAreStripped() {
        CiEnvironment ci = CiEnvironment.from(Map.of("CI_COMMIT_SHA", "  ", "CI_COMMIT_BRANCH", "", "GITLAB_USER_LOGIN", " ",
                "CI_JOB_URL", " https://gitlab.example.com/-/jobs/7 ", "CI_PROJECT_URL", "\t"));
        assertEquals(Optional.empty(), ci.commit());
        assertEquals(Optional.empty(), ci.shortCommit());
        assertEquals(Optional.empty(), ci.branch());
        assertEquals(Optional.empty(), ci.user());
        assertEquals(Optional.empty(), ci.projectUrl());
        assertEquals("https://gitlab.example.com/-/jobs/7", ci.actor("bob"), "a job without a user is the job alone");
    }

    @Test
    void outsideCiEverythingIsAbsentAndTheActorIsTheOsUser() {
        CiEnvironment ci = CiEnvironment.from(Map.of("HOME", "/home/bob", "PATH", "/usr/bin"));
        assertEquals(CiEnvironment.NONE, ci);
        assertEquals(new CiEnvironment(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()), ci);
        assertFalse(ci.isMergeRequest());
        assertFalse(ci.isSchedule());
        assertEquals("bob", ci.actor("bob"));
    }

    @Test
    void aUserWithoutAJobIsNotAnActor() {
        assertEquals("bob", CiEnvironment.from(Map.of("GITLAB_USER_LOGIN", "alice")).actor("bob"));
    }
}
