package dev.mlops.maven;

import java.util.Optional;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Puts the previous {@code production} version back on the endpoint, the same way a deployment
 * does (started beside, smoke-tested, then switched). With no previous version it says so and
 * changes nothing.
 */
@Mojo(name = "rollback", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class RollbackMojo extends AbstractEndpointMojo {

    @Override
    protected String goal() {
        return "rollback";
    }

    @Override
    protected void run() {
        deploymentService().rollback(request(Optional.empty(), true));
    }
}
