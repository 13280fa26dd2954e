package dev.mlops.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.store.Alias;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionTableTest {

    @Test
    void showsStatusPrimaryMetricShortImageDigestAndAliases() {
        Manifest first = manifest("1.0.0").withMetrics(Map.of("f1_macro", 0.97291)).withStatus(VersionStatus.APPROVED_BY_GATE)
                .withImage("registry/spam:1.0.0", "sha256:0123456789abcdef0123");
        Manifest second = manifest("1.1.0").withStatus(VersionStatus.REJECTED);
        Map<String, Alias> aliases = Map.of(
                "production", new Alias("production", "1.0.0", "2026-01-01T00:00:00Z", List.of()),
                "staging", new Alias("staging", "1.0.0", "2026-01-01T00:00:00Z", List.of()));

        List<String> lines = VersionTable.render(List.of(first, second), aliases, "f1_macro");

        assertEquals("VERSION  STATUS            CREATED               COMMIT  BACKEND  TRAINING  F1_MACRO  IMAGE         ALIASES",
                lines.get(0));
        assertEquals("1.0.0    approved-by-gate  2026-01-01T00:00:00Z  -       local    -         0.9729    0123456789ab  production,staging",
                lines.get(1));
        assertEquals("1.1.0    rejected          2026-01-01T00:00:00Z  -       local    -         -         -             -",
                lines.get(2));
    }

    @Test
    void anAliasNamingAVersionThatIsNotListedIsShownAsMissing() {
        Map<String, Alias> aliases = Map.of(
                "production", new Alias("production", "1.1.0", "2026-01-01T00:00:00Z", List.of()),
                "staging", new Alias("staging", "1.0.0", "2026-01-01T00:00:00Z", List.of()));

        List<String> lines = VersionTable.render(List.of(manifest("1.0.0")), aliases, "f1_macro");

        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals("1.1.0    MISSING    -                     -       -        -         -         -      production",
                lines.get(2));
    }

    @Test
    void aShortCommitOrNoBackendDoesNotBreakTheTable() {
        Manifest odd = new Manifest("spam", "1.0.0", VersionStatus.CANDIDATE, "2026-01-01T00:00:00Z", "abc", null, null,
                null, null, new Manifest.ModelArtifact("model.tar.gz", 1, "0".repeat(64)), null, null, null, null, null);
        assertEquals("1.0.0    candidate  2026-01-01T00:00:00Z  abc     -        -         -         -      -",
                VersionTable.render(List.of(odd), Map.of(), "f1_macro").get(1));
    }

    private static Manifest manifest(String version) {
        return Manifest.candidate("spam", version, "2026-01-01T00:00:00Z", null, "local", null, Map.of(), Map.of(),
                new Manifest.ModelArtifact("model.tar.gz", 1, "0".repeat(64)));
    }
}
