package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsException;
import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.evaluate.GateFailedException;
import dev.mlops.core.store.ModelStore;
import dev.mlops.maven.settings.AwsSettings;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.PomElements;
import dev.mlops.maven.settings.SettingsReader;
import dev.mlops.maven.wiring.Backends;
import dev.mlops.maven.wiring.GoalContext;
import dev.mlops.maven.wiring.StoreContext;
import dev.mlops.maven.wiring.Stores;
import dev.mlops.core.train.TrainingFailedException;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
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
     * Where models are stored: a {@code file:} URI, a directory path, or {@code s3://<bucket>/<prefix>}. Holds
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

    /** Where training, batch prediction and endpoints run: {@code local} (this machine). */
    @Parameter(property = MlopsProperties.BACKEND, defaultValue = Backends.DEFAULT)
    String backend;

    /** The AWS region of every AWS client (S3 store, SageMaker); by default the SDK's chain (AWS_REGION, the profile). */
    @Parameter(property = MlopsProperties.AWS_REGION)
    String awsRegion;

    /**
     * Endpoint overrides by AWS service ({@code s3}, {@code sagemaker}, {@code logs}, {@code ecr}, {@code sts}), e.g.
     * a VPC endpoint or an S3-compatible store. Add or replace one with {@code -Dmlops.aws.endpoint.<service>=<url>}.
     */
    @Parameter
    Map<String, String> awsEndpoints;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    MojoExecution mojoExecution;

    /** The S3 endpoint of the store: an S3-compatible store (path-style) or a VPC endpoint, e.g. {@code http://127.0.0.1:9000}. */
    @Parameter(property = MlopsProperties.S3_ENDPOINT)
    String s3Endpoint;

    private CiEnvironment ci;
    private SettingsReader reader;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        // the request is shared by every module and goal of one build (a Mojo made by hand has no session)
        UnknownProperties.warnOnce(session != null ? session.getRequest() : project, userProperties(),
                project.getProperties(), getLog());
        if (reader().flag(MlopsProperties.SKIP, skip)) {
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

    /** Reads this goal's parameters: {@code -D} over the POM, with errors naming both. */
    protected final SettingsReader reader() {
        if (reader == null) {
            reader = new SettingsReader(userProperties(), mojoExecution != null && mojoExecution.getMojoDescriptor() != null
                    ? PomElements.of(mojoExecution.getMojoDescriptor()) : PomElements.ofOwnGoal(goal()));
        }
        return reader;
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

    /** What every goal reads the same way. */
    protected final CommonSettings commonSettings() {
        SettingsReader read = reader();
        return new CommonSettings(new ModelName(read.string(MlopsProperties.MODEL, model)),
                read.string(MlopsProperties.STORE, store), read.string(MlopsProperties.BACKEND, backend), baseDir(),
                directory(MlopsProperties.OUTPUT_DIRECTORY, outputDirectory), directory(MlopsProperties.ENDPOINTS_DIRECTORY,
                        endpointsDirectory),
                AwsSettings.of(read.string(MlopsProperties.AWS_REGION, awsRegion),
                        awsEndpoints(read)));
    }

    // mlops.s3.endpoint is the short form of mlops.aws.endpoint.s3; given both, they must agree
    private Map<String, String> awsEndpoints(SettingsReader read) {
        Map<String, String> endpoints = new java.util.TreeMap<>(read.map(MlopsProperties.AWS_ENDPOINT_PREFIX, awsEndpoints));
        read.optional(MlopsProperties.S3_ENDPOINT, s3Endpoint).ifPresent(s3 -> {
            String other = endpoints.put("s3", s3.trim());
            if (other != null && !other.trim().equals(s3.trim())) {
                throw new ConfigurationException("Two S3 endpoints are given: -D" + MlopsProperties.S3_ENDPOINT + "=" + s3
                        + " and -D" + MlopsProperties.AWS_ENDPOINT_PREFIX + "s3=" + other + ". Keep one of them.");
            }
        });
        return endpoints;
    }

    /** The version asked for with {@code -Dmlops.version} or in the POM, if any. */
    protected final Optional<ModelVersion> requestedVersion(String pomValue) {
        return reader().optional(MlopsProperties.VERSION, pomValue).map(ModelVersion::new);
    }

    /** The store {@code mlops.store} names, opened by its scheme. */
    protected final ModelStore modelStore(CommonSettings common) {
        return Stores.open(common.store(), new StoreContext(common.baseDir(), common.aws(), clock(),
                new MavenEvents(getLog(), "")));
    }

    /** What the goal's backends share: its store, the clock and its log (process output under {@code marker}). */
    protected final GoalContext goalContext(ModelStore store, String marker) {
        return new GoalContext(store, clock(), new MavenEvents(getLog(), marker));
    }

    // Maven resolves a POM path against the project; a -D one is resolved here the same way
    private Path directory(String property, File pomValue) {
        String given = userProperties().getProperty(property);
        return given != null ? baseDir().resolve(given) : pomValue.toPath();
    }

    protected final Path baseDir() {
        return project.getBasedir().toPath();
    }

    protected final Clock clock() {
        return Clock.systemUTC();
    }
}
