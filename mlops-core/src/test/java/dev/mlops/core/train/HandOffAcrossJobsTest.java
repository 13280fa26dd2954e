package dev.mlops.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.image.CredentialChain;
import dev.mlops.core.image.ImagePlan;
import dev.mlops.core.image.ImageTarget;
import dev.mlops.core.image.PackageRequest;
import dev.mlops.core.image.PackageService;
import dev.mlops.core.image.RegistryAccess;
import dev.mlops.core.image.RegistryApiTagLookup;
import dev.mlops.core.io.DotEnvFile;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.store.ModelStore;
import dev.mlops.core.store.FileModelStore;
import dev.mlops.core.version.CommitLog;
import dev.mlops.core.version.VersionRequest;
import dev.mlops.core.version.VersionService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In CI each job checks the project out into a directory of its own and gets only {@code mlops.env}
 * and the artifacts: what version and package write there must still be found by train in the next job.
 */
class HandOffAcrossJobsTest {

    private static final ModelName MODEL = new ModelName("word-count");

    @TempDir Path temp;

    @Test
    void pathsInMlopsEnvAreRelativeToTheProjectAndWorkInTheNextJobsDirectory() throws Exception {
        Path firstJob = temp.resolve("builds/job-1/project");
        Files.createDirectories(firstJob.resolve("data/train"));
        Files.writeString(firstJob.resolve("data/train/a.txt"), "one two three");
        Files.createDirectories(firstJob.resolve("target/classes/it"));
        Files.write(firstJob.resolve("target/classes/it/Model.class"), new byte[] {(byte) 0xca, (byte) 0xfe});
        Path env = firstJob.resolve("target/mlops/mlops.env");

        // job 1: mlops:version, then mlops:package to a tarball, with the store inside the project (as the CI templates keep it)
        ModelStore firstStore = new FileModelStore(firstJob.resolve(".mlops/store"));
        new VersionService(firstStore, noCommits(), MlopsEvents.NONE).reserveNext(new VersionRequest(MODEL,
                Optional.of(new ModelVersion("1.0.0")), CiEnvironment.NONE, firstJob.resolve("target/mlops"), Optional.of(firstJob)));
        new PackageService(firstStore, new RegistryApiTagLookup(), MlopsEvents.NONE, Optional.empty()).packageImage(
                new PackageRequest(MODEL, new ModelVersion("1.0.0"), ImagePlan.of(firstJob.resolve("target/classes"), List.of()),
                        "scratch", List.of(), new ImageTarget.Tar("word-count", firstJob.resolve("target/mlops/image.tar")),
                        new RegistryAccess(new CredentialChain(List.of()), false), Optional.empty(), Optional.empty(),
                        firstJob.resolve("target/mlops"), Optional.of(firstJob)));
        Map<String, String> handedOn = DotEnvFile.read(env);
        assertEquals(".mlops/store/", handedOn.get("MLOPS_STORE"));
        assertEquals("target/mlops/image.tar", handedOn.get("MLOPS_IMAGE_TAR"));
        assertFalse(Files.readString(env).contains(temp.toString()), "no absolute path into job 1:\n" + Files.readString(env));

        // job 2: the same project and artifacts under another directory; job 1's directory is gone
        Path secondJob = temp.resolve("builds/job-2/project");
        Files.createDirectories(secondJob.getParent());
        Files.move(firstJob, secondJob);
        ModelStore secondStore = new FileModelStore(
                secondJob.resolve(DotEnvFile.read(secondJob.resolve("target/mlops/mlops.env")).get("MLOPS_STORE")));
        TrainingReport trained = new TrainingService(secondStore, backend(), Clock.systemUTC(), MlopsEvents.NONE)
                .train(new TrainingRequest(MODEL, Optional.empty(), Map.of("train", secondJob.resolve("data/train")), Map.of(),
                        secondJob.resolve("target/mlops"), Optional.empty(), Optional.of(secondJob)));

        Manifest manifest = trained.manifest();
        assertEquals("1.0.0", manifest.version(), "the version reserved in job 1 is trained");
        assertEquals(secondJob.resolve("target/mlops/image.tar").toString(), manifest.image());
        assertTrue(Files.isRegularFile(Path.of(manifest.image())), "the tarball of job 1 is found in job 2");
        Map<String, String> after = DotEnvFile.read(secondJob.resolve("target/mlops/mlops.env"));
        assertEquals(".mlops/store/", after.get("MLOPS_STORE"));
        assertEquals(".mlops/store/models/word-count/1.0.0/model.tar.gz", after.get("MLOPS_MODEL_URI"));
        assertTrue(Files.isRegularFile(Path.of(DotEnvFile.located(after.get("MLOPS_MODEL_URI"), secondJob))));
    }

    private static CommitLog noCommits() {
        return new CommitLog() {
            @Override
            public Optional<String> head() {
                return Optional.empty();
            }

            @Override
            public Optional<String> resolve(String revision) {
                return Optional.empty();
            }

            @Override
            public List<String> messagesSince(Optional<String> commit) {
                return List.of();
            }
        };
    }

    private static LocalTrainingBackend backend() {
        return new LocalTrainingBackend(new LocalTrainingBackend.Settings(new ModelJvm(TrainingServiceTest.java(),
                TrainingServiceTest.classpath(), List.of("-Xmx128m"), Map.of("MLOPS_MODEL_CLASS", WordCountModel.class.getName())),
                Duration.ofMinutes(2)), Clock.systemUTC());
    }
}
