package dev.mlops.maven;

import dev.mlops.core.deploy.Endpoint;
import dev.mlops.core.deploy.EndpointTable;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.evaluate.TaskType;
import dev.mlops.core.registry.VersionTable;
import dev.mlops.core.store.Alias;
import dev.mlops.core.store.ModelStore;
import dev.mlops.core.store.VersionListing;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.wiring.Backends;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the stored versions of the model, oldest first, as a table: status, the gate's primary
 * metric, the image digest when there is one, and the aliases pointing at each (an alias naming a
 * version that is gone shows as MISSING); a warning for each manifest or alias that cannot be read;
 * then the endpoints that serve the model.
 */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractMlopsMojo {

    /** The task, for the default primary metric (the same setting as {@code mlops:evaluate}'s). */
    @Parameter(property = MlopsProperties.EVALUATE_TASK, defaultValue = "classification")
    String task;

    /** The quality gate (the same setting as {@code mlops:evaluate}'s); its primary metric is shown. */
    @Parameter
    GateParameters gate;

    @Override
    protected String goal() {
        return "status";
    }

    @Override
    protected void run() {
        CommonSettings common = commonSettings();
        ModelName model = common.model();
        ModelStore store = modelStore(common);
        VersionListing listing = store.listing(model);
        List<Manifest> versions = listing.versions();
        Map<String, Alias> aliases = store.aliases(model);
        if (versions.isEmpty() && listing.problems().isEmpty() && aliases.isEmpty()) {
            getLog().info("No versions of '" + model + "' in " + store.describe()
                    + ". Train one with mvn mlops:train.");
            return;
        }
        getLog().info("Model '" + model + "' in " + store.describe() + ": " + versions.size()
                + (versions.size() == 1 ? " version" : " versions"));
        String primaryMetric = GateParameters.toConfig(gate, reader(),
                TaskType.parse(reader().string(MlopsProperties.EVALUATE_TASK, task))).primaryMetric();
        VersionTable.render(versions, aliases, primaryMetric).forEach(getLog()::info);
        listing.problems().forEach(problem -> getLog().warn(problem));
        List<Endpoint> endpoints = Backends.listEndpoints(common, goalContext(store, "")).stream()
                .filter(e -> e.model().equals(model.value())).toList();
        if (!endpoints.isEmpty()) {
            getLog().info("Endpoints:");
            EndpointTable.render(endpoints).forEach(getLog()::info);
        }
    }
}
