package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.deploy.DeployReport;
import dev.mlops.core.evaluate.TestChannelSample;
import dev.mlops.maven.settings.DeploySettings;
import java.net.URI;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Deploys a version to an endpoint: starts it beside the version serving, waits for {@code /ping},
 * smoke-tests it with records of the test channel, and only then switches the endpoint to it, stops
 * the old version and moves the {@code production} alias. Adds the endpoint's URL to
 * {@code target/mlops/mlops.env}.
 */
@Mojo(name = "deploy", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class DeployMojo extends AbstractEndpointMojo {

    /** The version to deploy; the newest that passed the quality gate when not set. */
    @Parameter(property = MlopsProperties.VERSION)
    String version;

    /** Deploys a version that failed the quality gate; recorded in its manifest. */
    @Parameter(property = MlopsProperties.DEPLOY_ALLOW_REJECTED, defaultValue = "false")
    boolean allowRejected;

    /** Skips this goal only. */
    @Parameter(property = MlopsProperties.DEPLOY_SKIP, defaultValue = "false")
    boolean skipDeploy;

    @Override
    protected String goal() {
        return "deploy";
    }

    @Override
    protected boolean skipGoal() {
        return reader().flag(MlopsProperties.DEPLOY_SKIP, skipDeploy);
    }

    @Override
    protected void run() {
        DeploySettings settings = deploySettings(requestedVersion(version),
                reader().flag(MlopsProperties.DEPLOY_ALLOW_REJECTED, allowRejected));
        DeployReport report = deploymentService(settings.endpoint()).deploy(settings.request());
        getLog().info("Try it: " + tryIt(settings, report.endpoint().url()));
    }

    /** A request a person can paste to call {@code endpoint}: the first record of the model's own test channel. */
    private static String tryIt(DeploySettings settings, URI endpoint) {
        String generic = "POST records as text/csv, application/json or application/jsonlines to " + endpoint + "/invocations";
        try {
            return settings.testChannel().map(test -> TestChannelSample.first(test, settings.layout(), 1).curl(endpoint))
                    .orElse(generic);
        } catch (ConfigurationException | InfrastructureException unreadable) {
            return generic; // the version serves; a test channel that cannot be read must not fail the deployment
        }
    }
}
