package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotEnvFileTest {

    @TempDir Path temp;

    @Test
    void eachGoalAddsItsKeysAndReplacesOnlyThose() throws Exception {
        Path file = temp.resolve("mlops/mlops.env");
        DotEnvFile.merge(file, Map.of("MLOPS_VERSION", "1.0.0"));
        DotEnvFile.merge(file, Map.of("MLOPS_MODEL", "spam"));
        DotEnvFile.merge(file, Map.of("MLOPS_VERSION", "1.1.0"));
        assertEquals("MLOPS_VERSION=1.1.0\nMLOPS_MODEL=spam\n", Files.readString(file));
    }

    @Test
    void refusesKeysAndValuesGitLabCouldNotRead() {
        Path file = temp.resolve("mlops.env");
        assertThrows(IllegalArgumentException.class, () -> DotEnvFile.merge(file, Map.of("VERSION", "1")));
        assertThrows(IllegalArgumentException.class, () -> DotEnvFile.merge(file, Map.of("MLOPS_X", "a\nb")));
    }

    @Test
    void locationsInsideTheProjectAreHandedOnRelativeToIt() {
        Path project = temp.resolve("builds/job-1");
        Optional<Path> dir = Optional.of(project);
        assertEquals(".mlops/store/", DotEnvFile.portable(project.resolve(".mlops/store").toUri() + "/", dir));
        assertEquals("store/models/m/1.0.0/model.tar.gz",
                DotEnvFile.portable(project.resolve("store/models/m/1.0.0/model.tar.gz").toUri().toString(), dir));
        assertEquals("target/mlops/image.tar", DotEnvFile.portable(project.resolve("target/mlops/image.tar").toString(), dir));
        assertEquals("./", DotEnvFile.portable(project.toUri() + "/", dir));
    }

    @Test
    void locationsOutsideTheProjectOrRemoteAreHandedOnAsTheyAre() {
        Optional<Path> dir = Optional.of(temp.resolve("builds/job-1"));
        String shared = temp.resolve("shared/store").toUri().toString();
        assertEquals(shared, DotEnvFile.portable(shared, dir));
        String sibling = temp.resolve("builds/job-10/store").toString(); // a name that starts like the project's
        assertEquals(sibling, DotEnvFile.portable(sibling, dir));
        assertEquals("s3://bucket/models/", DotEnvFile.portable("s3://bucket/models/", dir));
        String absolute = temp.resolve("builds/job-1/store").toString();
        assertEquals(absolute, DotEnvFile.portable(absolute, Optional.empty()));
    }

    @Test
    void relativeLocationsAreReadBackAgainstTheProjectTheyAreNowIn() {
        Path project = temp.resolve("builds/job-2");
        assertEquals(project.resolve("target/mlops/image.tar").toString(), DotEnvFile.located("target/mlops/image.tar", project));
        assertEquals("/srv/image.tar", DotEnvFile.located("/srv/image.tar", project));
        assertEquals("s3://bucket/x", DotEnvFile.located("s3://bucket/x", project));
        assertEquals("file:/srv/store/", DotEnvFile.located("file:/srv/store/", project));
    }
}
