package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
}
