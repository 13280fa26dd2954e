package dev.mlops.core.handoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.JsonFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a later goal takes from mlops.env and training.json, by the rule each file's owner states. */
class HandOffFilesTest {

    @TempDir Path project;

    private static final ModelVersion V1 = new ModelVersion("1.0.0");

    @Test
    void onlyAVersionThatMlopsVersionWroteCountsAsReserved() {
        MlopsEnv env = MlopsEnv.in(project.resolve("target/mlops"), Optional.of(project));
        assertEquals(Optional.empty(), env.reservedVersion());
        env.trained("m", "0.0.0-dev.1", "candidate", "file:" + project + "/store/m/0.0.0-dev.1/model.tar.gz",
                "file:" + project + "/store/");
        assertEquals(Optional.empty(), env.reservedVersion(), "mlops:train's MLOPS_VERSION is no reservation");
        env.versionReserved("m", V1, Optional.empty(), "first release", "file:" + project + "/store/");
        assertEquals(Optional.of(V1), env.reservedVersion());
        assertEquals("store/", env.read().get(MlopsEnv.STORE), "locations inside the project are relative");
    }

    @Test
    void thePackagedImageBelongsOnlyToTheVersionItWasBuiltFor() {
        MlopsEnv env = MlopsEnv.in(project.resolve("target/mlops"), Optional.of(project));
        env.imageWritten("m", V1, "sha256:abc", project.resolve("target/mlops/image.tar"));
        assertEquals(Optional.of(new MlopsEnv.PackagedImage(project.resolve("target/mlops/image.tar").toString(),
                "sha256:abc", false)), env.imageFor(V1));
        assertEquals(Optional.empty(), env.imageFor(new ModelVersion("1.1.0")));
        env.imagePushed("m", V1, "registry.example.com/m", "sha256:def", "registry.example.com/m@sha256:def");
        assertEquals("registry.example.com/m", env.imageFor(V1).orElseThrow().image());
        assertTrue(env.imageFor(V1).orElseThrow().pushed(), "a registry image, not a tarball");
        assertEquals("registry.example.com/m@sha256:def", env.imageFor(V1).orElseThrow().byDigest());
    }

    @Test
    void theVersionToPackageIsTheGivenOneElseMlopsEnvs() {
        MlopsEnv env = MlopsEnv.in(project.resolve("target/mlops"), Optional.empty());
        MlopsEnv.NoVersionToPackageException none = assertThrows(MlopsEnv.NoVersionToPackageException.class,
                () -> env.versionToPackage(Optional.empty()));
        assertEquals(env.file(), none.file());
        env.versionReserved("m", V1, Optional.empty(), "explicit", "s3://bucket/store");
        assertEquals(V1, env.versionToPackage(Optional.empty()));
        assertEquals(new ModelVersion("2.0.0"), env.versionToPackage(Optional.of(new ModelVersion("2.0.0"))));
    }

    @Test
    void undeployRemovesOnlyTheEndpointsKeys() {
        MlopsEnv env = MlopsEnv.in(project, Optional.empty());
        env.versionReserved("m", V1, Optional.empty(), "explicit", "s3://bucket/store");
        env.deployed("m", "http://127.0.0.1:8080", "1.0.0");
        env.undeployed();
        assertTrue(env.read().keySet().stream().noneMatch(k -> k.contains("ENDPOINT") || k.contains("DEPLOYED")));
        assertEquals("1.0.0", env.read().get(MlopsEnv.VERSION));
    }

    @Test
    void trainingJsonNamesTheVersionJustTrainedOfItsModelOnly() throws Exception {
        TrainingJson json = TrainingJson.in(project);
        ModelName model = new ModelName("m");
        TrainingJson.NoTrainedVersionException none = assertThrows(TrainingJson.NoTrainedVersionException.class,
                () -> json.versionToEvaluate(Optional.empty(), model));
        assertEquals(model, none.model());
        JsonFiles.write(json.file(), Map.of("store", "s", "modelUri", "u", "manifest", Map.of("model", "m", "version", "1.2.0")));
        assertEquals(new ModelVersion("1.2.0"), json.versionToEvaluate(Optional.empty(), model));
        assertEquals(Optional.empty(), json.trainedVersion(new ModelName("other")));
        assertEquals(V1, json.versionToEvaluate(Optional.of(V1), model));
        json.deleteStale();
        assertTrue(Files.notExists(json.file()));
    }
}
