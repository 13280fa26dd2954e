package dev.mlops.core.train;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.DataFingerprint;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.handoff.TrainingJson;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.Fingerprints;
import dev.mlops.core.io.JsonFiles;
import dev.mlops.core.io.MoreFiles;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.store.ModelStore;
import dev.mlops.core.store.StoredVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code mlops:train}: checks the inputs, trains on the chosen backend, archives the model and
 * stores it as a new candidate version. Nothing is stored unless training succeeded.
 */
public final class TrainingService {

    private final ModelStore store;
    private final TrainingBackend backend;
    private final Clock clock;
    private final MlopsEvents events;

    public TrainingService(ModelStore store, TrainingBackend backend, Clock clock, MlopsEvents events) {
        this.store = store;
        this.backend = backend;
        this.clock = clock;
        this.events = events;
    }

    public TrainingReport train(TrainingRequest request) {
        TrainingJson trainingJson = TrainingJson.in(request.outputDir());
        trainingJson.deleteStale();
        Map<String, DataFingerprint> data = checkChannels(request.channels(), request.remoteChannels());
        checkHyperparameters(request.hyperparameters());
        MlopsEnv handedOn = MlopsEnv.in(request.outputDir(), request.projectDir());
        ModelVersion version = request.version()
                .or(() -> reservedByVersionGoal(request, handedOn))
                .orElseGet(() -> ModelVersion.development(clock.instant()));
        if (version.isDevelopment()) {
            events.warn(Text.of("No version given: storing as development version " + version + " (pass ",
                    Setting.VERSION.any("version"), " or run ", Goal.VERSION, " first)."));
        }
        if (store.exists(request.model(), version)) {
            throw new dev.mlops.core.store.VersionExistsException(request.model(), version, store.describe());
        }
        store.checkWritable();

        // mlops:package may run before training (version → package → train): its image belongs to this version
        Optional<MlopsEnv.PackagedImage> packaged = handedOn.imageFor(version);
        Instant started = clock.instant();
        TrainingJob job = new TrainingJob(request.model().value(), version.value(), request.channels(),
                request.remoteChannels(), request.hyperparameters(), request.outputDir().resolve("train"),
                request.gitCommit(), packaged);
        TrainingOutput output = backend.train(job, events);
        Instant finished = clock.instant();

        Path archive = output.modelArchive().orElseGet(() -> archiveModel(output.modelDir().orElseThrow(), request.outputDir()));
        data.putAll(output.remoteData());
        Manifest manifest = Manifest.candidate(request.model().value(), version.value(), finished.toString(),
                request.gitCommit().orElse(null), backend.name(),
                new Manifest.TrainingTimes(started.toString(), finished.toString(), output.duration().toMillis()),
                request.hyperparameters(), data,
                new Manifest.ModelArtifact("model.tar.gz", Fingerprints.size(archive), Fingerprints.sha256Of(archive)));
        if (packaged.isPresent()) {
            manifest = manifest.withImage(packaged.get().image(), packaged.get().digest());
        }
        if (output.job().isPresent()) {
            manifest = manifest.withTrainingJob(output.job().get());
        }
        StoredVersion stored = store.publish(manifest, archive);
        events.info("Stored '" + manifest.model() + "' " + version + " as a candidate in " + store.describe());

        TrainingReport report = new TrainingReport(store.describe(), stored.modelUri(), manifest);
        trainingJson.write(report);
        handedOn.trained(manifest.model(), manifest.version(), manifest.status().label(), stored.modelUri(), store.describe());
        return report;
    }

    /** The version mlops:version reserved earlier in this build or pipeline, if it is not stored yet. */
    private Optional<ModelVersion> reservedByVersionGoal(TrainingRequest request, MlopsEnv handedOn) {
        return handedOn.reservedVersion()
                .filter(v -> !store.exists(request.model(), v) && store.reservedOrStored(request.model()).contains(v))
                .map(v -> {
                    events.info(Text.of("Training version " + v + ", reserved by ", Goal.VERSION, " (" + MlopsEnv.FILE + ")"));
                    return v;
                });
    }

    private Map<String, DataFingerprint> checkChannels(Map<String, Path> channels, Map<String, java.net.URI> remote) {
        for (Map.Entry<String, java.net.URI> channel : new TreeMap<>(remote).entrySet()) {
            if (!backend.readsRemoteChannels()) {
                throw new ConfigurationException(Text.of("Channel '" + channel.getKey() + "' is " + channel.getValue()
                        + ", which the " + backend.name() + " backend cannot read in place: give a local directory with ",
                        Setting.channel(channel.getKey()).any("directory"), ", or train on ", Setting.BACKEND.is("sagemaker"), "."));
            }
            if (channels.containsKey(channel.getKey())) {
                throw new IllegalArgumentException("channel " + channel.getKey() + " is both local and remote");
            }
        }
        if (channels.isEmpty() && remote.isEmpty()) {
            throw new ConfigurationException(Text.of("No training channels are configured. Set ",
                    Setting.channel("train").is("path/to/train/data"), "."));
        }
        Map<String, DataFingerprint> data = new TreeMap<>();
        for (Map.Entry<String, Path> channel : new TreeMap<>(channels).entrySet()) {
            String name = channel.getKey();
            Path dir = channel.getValue();
            Text fix = Text.of(" Set ", Setting.channel(name).any("directory"), ".");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw new ConfigurationException("Invalid channel name '" + name
                        + "': use letters, digits, '.', '_' or '-'.");
            }
            if (!Files.exists(dir)) {
                throw new ConfigurationException(Text.of("Channel '" + name + "' points at " + dir + ", which does not"
                        + " exist.", fix));
            }
            if (!Files.isDirectory(dir)) {
                throw new ConfigurationException(Text.of("Channel '" + name + "' points at " + dir
                        + ", which is a file; a channel is a directory of data files.", fix));
            }
            if (!hasFiles(dir)) {
                throw new ConfigurationException(Text.of("Channel '" + name + "' at " + dir + " has no data files (hidden"
                        + " files do not count).", fix));
            }
            data.put(name, Fingerprints.directory(dir));
            events.debug("Channel '" + name + "': " + data.get(name));
        }
        return data;
    }

    private static void checkHyperparameters(Map<String, String> hyperparameters) {
        hyperparameters.forEach((name, value) -> {
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(Text.of("Hyperparameter '" + name + "' has no value. Give it one with ",
                        Setting.hyperparameter(name).any("value"), ", or remove it."));
            }
        });
    }

    private static boolean hasFiles(Path dir) {
        try {
            return MoreFiles.hasVisibleFile(dir);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read channel directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path archiveModel(Path modelDir, Path outputDir) {
        boolean empty;
        try {
            empty = !MoreFiles.hasVisibleFile(modelDir);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read the trained model in " + modelDir + ": " + e.getMessage(), e);
        }
        if (empty) {
            throw new TrainingFailedException("training finished but wrote nothing to " + modelDir
                    + "; the model's train() must save the model into TrainingContext.modelDir()", 0);
        }
        Path archive = outputDir.resolve("model.tar.gz");
        TarGz.archive(modelDir, archive);
        return archive;
    }
}
