package dev.mlops.maven;

import dev.mlops.core.deploy.Endpoint;
import dev.mlops.core.deploy.EndpointTable;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.registry.VersionTable;
import dev.mlops.core.store.ModelStore;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/** Lists the stored versions of the model, oldest first, as a table, and the endpoints that serve it. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractMlopsMojo {

    @Override
    protected String goal() {
        return "status";
    }

    @Override
    protected void run() {
        ModelName model = modelName();
        ModelStore store = modelStore();
        List<Manifest> versions = store.versions(model);
        if (versions.isEmpty()) {
            getLog().info("No versions of '" + model + "' in " + store.describe()
                    + ". Train one with mvn mlops:train.");
            return;
        }
        getLog().info("Model '" + model + "' in " + store.describe() + ": " + versions.size()
                + (versions.size() == 1 ? " version" : " versions"));
        VersionTable.render(versions).forEach(getLog()::info);
        List<Endpoint> endpoints = LocalEndpointBackend.endpointsIn(endpointsDir()).stream()
                .filter(e -> e.model().equals(model.value())).toList();
        if (!endpoints.isEmpty()) {
            getLog().info("Endpoints:");
            EndpointTable.render(endpoints).forEach(getLog()::info);
        }
    }
}
