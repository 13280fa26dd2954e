package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.core.ci.CiEnvironment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir Path notARepository;

    @Test
    void theCommitGitLabNamesIsTaken() {
        assertEquals(Optional.of(SHA), GitRevision.of(CiEnvironment.from(Map.of("CI_COMMIT_SHA", SHA)), notARepository));
    }

    @Test
    void aValueThatIsNoShaIsIgnoredAndGitIsAsked() {
        assertEquals(Optional.empty(), GitRevision.of(CiEnvironment.from(Map.of("CI_COMMIT_SHA", "main")), notARepository));
    }
}
