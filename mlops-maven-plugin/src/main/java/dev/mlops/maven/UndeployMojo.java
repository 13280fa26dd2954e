package dev.mlops.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Stops a local endpoint and everything it runs, and removes the endpoint's keys from
 * {@code target/mlops/mlops.env}. The store and its aliases do not change.
 */
@Mojo(name = "undeploy", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public class UndeployMojo extends AbstractEndpointMojo {

    @Override
    protected String goal() {
        return "undeploy";
    }

    @Override
    protected void run() {
        deploymentService().undeploy(endpointName(), outputDir());
    }
}
