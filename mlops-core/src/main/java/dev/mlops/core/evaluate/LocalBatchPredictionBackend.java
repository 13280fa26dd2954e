package dev.mlops.core.evaluate;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.io.MoreFiles;
import dev.mlops.core.io.TarGz;
import dev.mlops.core.serve.LocalModelServer;
import dev.mlops.core.store.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Batch prediction on this machine: unpacks the stored archive, starts the model's own serving entry
 * point in a JVM on its class path, and sends it the test records as batch transform would.
 */
public final class LocalBatchPredictionBackend implements BatchPredictionBackend {

    public static final String NAME = "local";
    private static final Duration SERVER_STARTUP = Duration.ofMinutes(2);

    /**
     * @param jvm the model server's JVM
     * @param archiveLimits how much the model archive may unpack to
     */
    public record Settings(ModelJvm jvm, TarGz.Limits archiveLimits) {}

    private final Settings settings;
    private final ModelStore store;
    private final Clock clock;

    public LocalBatchPredictionBackend(Settings settings, ModelStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void predict(BatchPredictionJob job, MetricsAccumulator metrics, MlopsEvents events) {
        Path work = job.workDir();
        Path archive = work.resolve("model.tar.gz");
        Path mlRoot = work.resolve("ml");
        try {
            MoreFiles.deleteRecursively(work);
            Files.createDirectories(mlRoot.resolve("model"));
        } catch (IOException e) {
            throw new InfrastructureException("Cannot prepare " + work + ": " + e.getMessage(), e);
        }
        store.copyArchive(job.model(), job.version(), archive);
        TarGz.extract(archive, mlRoot.resolve("model"), settings.archiveLimits());
        LocalModelServer server = LocalModelServer.start(
                new LocalModelServer.Settings(settings.jvm(), mlRoot, 0, work.resolve("server.log"), SERVER_STARTUP),
                clock, events);
        // if Maven itself is stopped (Ctrl-C), the server goes with it
        Thread stopOnExit = new Thread(() -> server.handle().destroyForcibly(), "mlops-stop-model-server");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            new BatchPredictor(job.prediction(), clock, events)
                    .predict(server.baseUri(), job.testChannel(), job.layout(), metrics);
        } catch (InfrastructureException e) {
            throw new InfrastructureException(e.getMessage() + "\nThe model server's last lines:\n" + server.logTail(), e);
        } finally {
            server.stop(Duration.ofSeconds(30));
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }
}
