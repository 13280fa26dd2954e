package dev.mlops.core.version;

import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.ModelVersion;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.semver4j.Semver;

/** The next version, as a pure function of the versions already taken, the commits and the pipeline. */
public final class NextVersion {

    /** The first release of a model that has none yet. */
    public static final ModelVersion FIRST_RELEASE = new ModelVersion("1.0.0");

    private NextVersion() {}

    /** The highest version without a pre-release part: the latest release. */
    public static Optional<ModelVersion> latestRelease(Collection<ModelVersion> taken) {
        return taken.stream().map(v -> Semver.parse(v.value()))
                .filter(s -> s != null && s.isStable())
                .max(Comparator.naturalOrder())
                .map(s -> new ModelVersion(s.getVersion()));
    }

    /**
     * The version this pipeline should get.
     *
     * @param latest the latest release, if any
     * @param bump what the commits since it ask for
     * @param attempt 0 first; one more each time the previous candidate was taken by another pipeline
     */
    public static Decision decide(Optional<ModelVersion> latest, Bump bump, CiEnvironment ci, int attempt) {
        Bump applied = ci.isSchedule() ? Bump.PATCH : bump;
        Semver release = latest.map(v -> bumped(Semver.parse(v.value()), applied))
                .orElse(Semver.parse(FIRST_RELEASE.value()));
        if (!ci.isMergeRequest()) {
            return new Decision(new ModelVersion(release.getVersion()), ci.isSchedule() ? "schedule" : applied.label());
        }
        StringBuilder pre = new StringBuilder("mr");
        ci.mergeRequestIid().ifPresent(iid -> pre.append('.').append(iid));
        ci.shortCommit().ifPresent(sha -> pre.append('.').append(identifier(sha)));
        if (attempt > 0) {
            pre.append('.').append(attempt + 1); // a re-run of the same merge-request pipeline
        }
        return new Decision(new ModelVersion(release.getVersion() + "-" + pre), "pre-release");
    }

    private static Semver bumped(Semver latest, Bump bump) {
        return switch (bump) {
            case MAJOR -> latest.nextMajor();
            case MINOR -> latest.nextMinor();
            case PATCH -> latest.nextPatch();
        };
    }

    // semver forbids numeric identifiers with a leading zero, which an all-digit short sha can be
    private static String identifier(String sha) {
        return sha.chars().allMatch(Character::isDigit) ? "g" + sha : sha;
    }

    /** A version and why: {@code major}, {@code minor}, {@code patch}, {@code schedule}, {@code pre-release}. */
    public record Decision(ModelVersion version, String reason) {}
}
