package dev.mlops.core.serve;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Text;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.io.ChildProcesses;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.MoreFiles;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.store.ModelStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code mlops:serve}: a stored version on a port of this machine, in the foreground, until the user
 * stops it; Ctrl-C stops the server as SageMaker does, letting requests in flight finish.
 */
public final class ForegroundServing {

    private final ModelStore store;
    private final MlopsEvents events;
    private final TarGz.Limits archiveLimits;

    public ForegroundServing(ModelStore store, MlopsEvents events) {
        this(store, events, TarGz.Limits.DEFAULT);
    }

    /** @param archiveLimits how much the model archive may unpack to */
    public ForegroundServing(ModelStore store, MlopsEvents events, TarGz.Limits archiveLimits) {
        this.store = store;
        this.events = events;
        this.archiveLimits = archiveLimits;
    }

    /** The version asked for, else the one the production alias names, else the newest that passed the gate. */
    public ModelVersion choose(ModelName model, Optional<ModelVersion> asked) {
        if (asked.isPresent()) {
            store.manifest(model, asked.get()).orElseThrow(() -> new ConfigurationException(Text.of("Version "
                    + asked.get() + " of '" + model + "' is not in the store " + store.describe() + ". See ", Goal.STATUS,
                    ".")));
            return asked.get();
        }
        Optional<ModelVersion> production = store.aliasedManifest(model, "production").map(Manifest::modelVersion);
        if (production.isPresent()) {
            return production.get();
        }
        List<Manifest> versions = store.versions(model, events);
        return versions.stream().filter(m -> m.status() == VersionStatus.APPROVED_BY_GATE)
                .max(Comparator.comparing(Manifest::createdAt))
                .or(() -> versions.stream().max(Comparator.comparing(Manifest::createdAt)))
                .map(Manifest::modelVersion)
                .orElseThrow(() -> new ConfigurationException(Text.of("No version of '" + model + "' is stored in "
                        + store.describe() + ". Train one with ", Goal.TRAIN, ".")));
    }

    /** Serves on 127.0.0.1 until the process ends; returns its exit code. */
    public int serve(ModelName model, ModelVersion version, ModelJvm jvm, Path workDir, int port) {
        return serve(model, version, jvm, workDir, "127.0.0.1", port);
    }

    /**
     * Serves until the process ends; returns its exit code.
     *
     * @param host the address to listen on: {@code 127.0.0.1} keeps the model to this machine,
     *        {@code 0.0.0.0} opens it to every interface
     */
    public int serve(ModelName model, ModelVersion version, ModelJvm jvm, Path workDir, String host, int port) {
        Path ml = workDir.resolve("ml");
        try {
            MoreFiles.deleteRecursively(ml);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot clear " + ml + ": " + e.getMessage(), e);
        }
        Path archive = workDir.resolve("model.tar.gz");
        store.copyArchive(model, version, archive);
        TarGz.extract(archive, ml.resolve("model"), archiveLimits);
        ProcessBuilder builder = ChildProcesses.followThisProcess(ChildProcesses.builder(jvm.command("serve")).inheritIO());
        builder.environment().putAll(jvm.environment());
        builder.environment().put("MLOPS_ML_ROOT", ml.toString());
        builder.environment().put("MLOPS_BIND_ADDRESS", host);
        builder.environment().put("MLOPS_MODEL_VERSION", version.value());
        builder.environment().put("SAGEMAKER_BIND_TO_PORT", Integer.toString(port));
        boolean everywhere = host.equals("0.0.0.0") || host.equals("::");
        try {
            Process server = builder.start();
            events.info("Serving '" + model + "' " + version + " on http://" + (everywhere ? "localhost" : host) + ":" + port
                    + (everywhere ? " and on every interface of this machine" : "") + " (pid " + server.pid()
                    + "; Ctrl-C stops it)");
            // Ctrl-C reaches Maven first: pass it on as SIGTERM, so in-flight requests drain
            Thread stopServer = new Thread(() -> LocalModelServer.stop(server.toHandle(), java.time.Duration.ofSeconds(35)));
            Runtime.getRuntime().addShutdownHook(stopServer);
            int exit = server.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stopServer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
            return exit;
        } catch (IOException e) {
            throw new InfrastructureException("Cannot start the model server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while serving", e);
        }
    }
}
