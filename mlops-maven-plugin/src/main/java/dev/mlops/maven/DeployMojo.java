package dev.mlops.maven;

import dev.mlops.core.deploy.DeployReport;
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
        return commandLine().flag(MlopsProperties.DEPLOY_SKIP, skipDeploy);
    }

    @Override
    protected void run() {
        DeployReport report = deploymentService()
                .deploy(request(requestedVersion(version), commandLine().flag(MlopsProperties.DEPLOY_ALLOW_REJECTED, allowRejected)));
        getLog().info("Try it: " + tryIt(report.endpoint().url()));
    }
}
