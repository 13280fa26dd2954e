package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.evaluate.GateFailedException;
import dev.mlops.core.store.ModelStore;
import dev.mlops.core.store.ModelStores;
import dev.mlops.core.train.TrainingFailedException;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: skipping, the model, the store, and the mapping of core exceptions to
 * Maven's (the user's to fix: failure; infrastructure: error).
 */
public abstract class AbstractMlopsMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skips every mlops goal. */
    @Parameter(property = MlopsProperties.SKIP, defaultValue = "false")
    private boolean skip;

    /** The model's name: lower-case letters, digits, '.', '_' and '-'. Defaults to the artifactId. */
    @Parameter(property = MlopsProperties.MODEL, defaultValue = "${project.artifactId}")
    private String model;

    /**
     * Where models are stored: a {@code file:} URI or a directory path. Holds
     * {@code models/<model>/<version>/} with {@code model.tar.gz} and {@code manifest.json}.
     */
    @Parameter(property = MlopsProperties.STORE, defaultValue = "file:${user.home}/.mlops/store")
    private String store;

    /** Where reports and {@code mlops.env} are written. */
    @Parameter(property = MlopsProperties.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/mlops")
    private File outputDirectory;

    /** Where local endpoints keep their state, logs and deployed models. */
    @Parameter(property = MlopsProperties.ENDPOINTS_DIRECTORY, defaultValue = "${user.home}/.mlops/endpoints")
    private File endpointsDirectory;

    private CiEnvironment ci;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        // the request is shared by every module and goal of one build (a Mojo made by hand has no session)
        UnknownProperties.warnOnce(session != null ? session.getRequest() : project, userProperties(),
                project.getProperties(), getLog());
        if (commandLine().flag(MlopsProperties.SKIP, skip)) {
            getLog().info("Skipping mlops:" + goal() + " because " + MlopsProperties.SKIP + " is true.");
            return;
        }
        if (skipGoal()) {
            getLog().info("Skipping mlops:" + goal() + " because mlops." + goal() + ".skip is true.");
            return;
        }
        try {
            run();
        } catch (ConfigurationException | TrainingFailedException | GateFailedException e) {
            throw Advice.attach(new MojoFailureException(Advice.message(e), Advice.outsideCause(e)), e);
        } catch (MlopsException e) {
            throw Advice.attach(new MojoExecutionException(Advice.message(e), Advice.outsideCause(e)), e);
        }
    }

    /** The goal's name, for messages. */
    protected abstract String goal();

    /** The goal's own skip flag; none by default. */
    protected boolean skipGoal() {
        return false;
    }

    /** Does the goal's work by calling one core service. */
    protected abstract void run();

    protected final CommandLine commandLine() {
        return new CommandLine(userProperties());
    }

    /** The {@code -D} properties of this build. */
    Properties userProperties() {
        return session.getUserProperties();
    }

    /** The process environment, read at the Mojo edge (tests give their own). */
    Map<String, String> environment() {
        return System.getenv();
    }

    /** What GitLab CI says about this pipeline, read from the environment once per goal. */
    protected final CiEnvironment ci() {
        if (ci == null) {
            ci = CiEnvironment.from(environment());
        }
        return ci;
    }

    /** Who ran the goal, for the manifest's audit: the CI job and its user, else the OS user. */
    protected final String actor() {
        return ci().actor(System.getProperty("user.name", "unknown"));
    }

    protected final ModelName modelName() {
        return new ModelName(commandLine().string(MlopsProperties.MODEL, model));
    }

    /** The version asked for with {@code -Dmlops.version} or in the POM, if any. */
    protected final Optional<ModelVersion> requestedVersion(String pomValue) {
        return Optional.ofNullable(commandLine().string(MlopsProperties.VERSION, pomValue))
                .filter(v -> !v.isBlank())
                .map(ModelVersion::new);
    }

    protected final ModelStore modelStore() {
        return ModelStores.open(commandLine().string(MlopsProperties.STORE, store), baseDir());
    }

    protected final Path outputDir() {
        String given = commandLine().string(MlopsProperties.OUTPUT_DIRECTORY, null);
        return given != null ? baseDir().resolve(given) : outputDirectory.toPath();
    }

    protected final Path endpointsDir() {
        String given = commandLine().string(MlopsProperties.ENDPOINTS_DIRECTORY, null);
        return given != null ? baseDir().resolve(given) : endpointsDirectory.toPath();
    }

    protected final Path baseDir() {
        return project.getBasedir().toPath();
    }

    protected final Clock clock() {
        return Clock.systemUTC();
    }
}
