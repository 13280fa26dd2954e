package dev.mlops.core.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.ModelVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NextVersionTest {

    private static final Optional<ModelVersion> V1_3_2 = Optional.of(new ModelVersion("1.3.2"));
    private static final CiEnvironment PUSH = CiEnvironment.from(Map.of("CI_PIPELINE_SOURCE", "push"));

    @Test
    void latestReleaseIgnoresPreReleasesAndDevelopmentVersions() {
        List<ModelVersion> taken = List.of(new ModelVersion("1.3.2"), new ModelVersion("1.10.0-mr.4.abc"),
                new ModelVersion("1.2.9"), new ModelVersion("0.0.0-dev.20260101000000"));
        assertEquals(V1_3_2, NextVersion.latestRelease(taken));
        assertEquals(Optional.empty(), NextVersion.latestRelease(List.of(new ModelVersion("2.0.0-rc.1"))));
    }

    @Test
    void bumpsFromTheLatestRelease() {
        assertEquals("1.4.0", NextVersion.decide(V1_3_2, Bump.MINOR, PUSH, 0).version().value());
        assertEquals("1.3.3", NextVersion.decide(V1_3_2, Bump.PATCH, PUSH, 0).version().value());
        assertEquals("2.0.0", NextVersion.decide(V1_3_2, Bump.MAJOR, PUSH, 0).version().value());
        assertEquals("1.0.0", NextVersion.decide(Optional.empty(), Bump.MAJOR, PUSH, 0).version().value());
    }

    @Test
    void mergeRequestsGetPreReleases() {
        CiEnvironment mr = CiEnvironment.from(Map.of("CI_PIPELINE_SOURCE", "merge_request_event",
                "CI_MERGE_REQUEST_IID", "12", "CI_COMMIT_SHORT_SHA", "a1b2c3d4"));
        assertEquals("1.4.0-mr.12.a1b2c3d4", NextVersion.decide(V1_3_2, Bump.MINOR, mr, 0).version().value());
        assertEquals("1.4.0-mr.12.a1b2c3d4.2", NextVersion.decide(V1_3_2, Bump.MINOR, mr, 1).version().value());
    }

    @Test
    void anAllDigitShortShaStaysAValidIdentifier() {
        CiEnvironment mr = CiEnvironment.from(Map.of("CI_PIPELINE_SOURCE", "merge_request_event",
                "CI_MERGE_REQUEST_IID", "7", "CI_COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567".replace("abcdef", "999999")));
        assertEquals("1.3.3-mr.7.g01234567", NextVersion.decide(V1_3_2, Bump.PATCH, mr, 0).version().value());
    }

    @Test
    void schedulesGetAPatchWhateverTheCommits() {
        CiEnvironment schedule = CiEnvironment.from(Map.of("CI_PIPELINE_SOURCE", "schedule"));
        NextVersion.Decision decision = NextVersion.decide(V1_3_2, Bump.MAJOR, schedule, 0);
        assertEquals("1.3.3", decision.version().value());
        assertEquals("schedule", decision.reason());
    }
}
