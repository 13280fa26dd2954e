package dev.mlops.samples.wages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.mlops.runtime.Training;
import dev.mlops.runtime.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains through the runtime's own train entry point over an /opt/ml tree, as the container does. */
class RuntimeContractTest {

    @Test
    void trainsOverAnOptMlTree(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("input/data/train"));
        Files.copy(WageRegressionTest.TRAIN, root.resolve("input/data/train/cps.csv"));
        Files.createDirectories(root.resolve("input/config"));
        Files.writeString(root.resolve("input/config/hyperparameters.json"), "{\"l2\": \"10\"}");

        TrainingResult result = Training.run(root, new WageRegression());

        assertTrue(result.succeeded(), () -> result.failureMessage().orElse(""));
        assertEquals(List.of(root.resolve("model/model.properties")), result.modelFiles());
    }

    @Test
    void aBadTargetValueEndsUpInTheFailureFile(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("input/data/train"));
        Files.writeString(root.resolve("input/data/train/cps.csv"), "education,wage\n12,7.5\n16,n/a\n");

        TrainingResult result = Training.run(root, new WageRegression());

        assertFalse(result.succeeded());
        String failure = Files.readString(root.resolve("output/failure"));
        assertTrue(failure.startsWith("cps.csv line 3: the target 'wage' is 'n/a', not a number"), failure);
    }
}
