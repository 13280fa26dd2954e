package dev.mlops.maven;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.serve.ForegroundServing;
import dev.mlops.maven.settings.ServeSettings;
import dev.mlops.maven.settings.SettingsReader;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Serves a stored version on this machine in the foreground (SageMaker's contract: {@code /ping},
 * {@code /invocations}) until Ctrl-C, for trying the model by hand.
 */
@Mojo(name = "serve", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class ServeMojo extends AbstractModelMojo {

    /** The version to serve; the production version, else the newest that passed the gate, else the newest. */
    @Parameter(property = MlopsProperties.VERSION)
    String version;

    /** The port to listen on. */
    @Parameter(property = MlopsProperties.SERVE_PORT, defaultValue = "8080")
    String port;

    /** The address to listen on: this machine only by default; {@code 0.0.0.0} opens every interface. */
    @Parameter(property = MlopsProperties.SERVE_HOST, defaultValue = "127.0.0.1")
    String host;

    /** Extra arguments for the model server's JVM, e.g. {@code -Xmx1g}. */
    @Parameter(property = MlopsProperties.DEPLOY_JVM_ARGS)
    String jvmArgs;

    @Override
    protected String goal() {
        return "serve";
    }

    @Override
    protected void run() {
        ServeSettings settings = settings();
        ModelName model = settings.common().model();
        ForegroundServing serving = new ForegroundServing(modelStore(settings.common()), new MavenEvents(getLog(), ""),
                settings.archiveLimits());
        ModelVersion chosen = serving.choose(model, settings.version());
        int exit = serving.serve(model, chosen, settings.jvm(), settings.common().outputDir().resolve("serve"),
                settings.host(), settings.port());
        // 143 is SIGTERM: the user stopped it
        if (exit != 0 && exit != 143) {
            throw new InfrastructureException("The model server exited with code " + exit + "; see its output above", null);
        }
    }

    ServeSettings settings() {
        SettingsReader read = reader();
        return new ServeSettings(commonSettings(), requestedVersion(version),
                modelJvm(read.list(MlopsProperties.DEPLOY_JVM_ARGS, jvmArgs)), read.string(MlopsProperties.SERVE_HOST, host),
                read.integer(MlopsProperties.SERVE_PORT, port, 0, MAX_PORT), archiveLimits());
    }
}
