package dev.mlops.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.core.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePlanTest {

    @TempDir
    Path dir;

    @Test
    void splitsReleaseAndSnapshotJarsResourcesAndClasses() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes/com/acme"));
        Files.writeString(classes.resolve("Model.class"), "x");
        Files.createDirectories(dir.resolve("classes/META-INF/services"));
        Files.writeString(dir.resolve("classes/META-INF/services/dev.mlops.runtime.Model"), "com.acme.Model");
        Path release = Files.writeString(dir.resolve("tribuo-core-4.3.2.jar"), "j");
        Path snapshot = Files.writeString(dir.resolve("mlops-runtime-0.1.0-SNAPSHOT.jar"), "j");

        ImagePlan plan = ImagePlan.of(dir.resolve("classes"), List.of(snapshot, release));

        assertEquals(List.of("dependencies", "snapshot dependencies", "resources", "classes"),
                plan.layers().stream().map(ImagePlan.Layer::name).toList());
        assertEquals("/app/libs/tribuo-core-4.3.2.jar", plan.layers().get(0).entries().get(0).target());
        assertEquals("/app/snapshot-libs/mlops-runtime-0.1.0-SNAPSHOT.jar", plan.layers().get(1).entries().get(0).target());
        assertEquals("/app/resources/META-INF/services/dev.mlops.runtime.Model", plan.layers().get(2).entries().get(0).target());
        assertEquals("/app/classes/com/acme/Model.class", plan.layers().get(3).entries().get(0).target());
    }

    @Test
    void noClassesIsAConfigurationError() {
        assertThrows(ConfigurationException.class, () -> ImagePlan.of(dir.resolve("missing"), List.of()));
    }

    @Test
    void theEntrypointRunsTheRuntimeSoSageMakerCanAppendTrainOrServe() {
        assertEquals(List.of("java", "-Xss1m", "-cp", "/app/resources:/app/classes:/app/libs/*:/app/snapshot-libs/*",
                "dev.mlops.runtime.Main"), ImageLayout.entrypoint(List.of("-Xss1m")));
    }
}
