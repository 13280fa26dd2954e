package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.deploy.DeployRequest;
import dev.mlops.core.deploy.DeploymentService;
import dev.mlops.core.deploy.SmokeTest;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.store.Alias;
import dev.mlops.maven.settings.EndpointSettings;
import dev.mlops.maven.wiring.Backends;
import dev.mlops.maven.wiring.GoalContext;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/** What deploy, rollback and undeploy share: the endpoint, its backend and how a deployment is checked. */
public abstract class AbstractEndpointMojo extends AbstractModelMojo {

    /**
     * The endpoint's name: lower-case letters, digits and '-'. Defaults to the model's name with '.'
     * and '_' as '-' ({@code cars_v2} → {@code cars-v2}).
     */
    @Parameter(property = MlopsProperties.ENDPOINT)
    String endpoint;

    /** The local endpoint's port when it is first created; 0 picks a free one. It then keeps its port. */
    @Parameter(property = MlopsProperties.DEPLOY_PORT, defaultValue = "0")
    String port;

    /** The alias that follows what the endpoint serves. */
    @Parameter(property = MlopsProperties.DEPLOY_ALIAS, defaultValue = "production")
    String alias;

    /** How many records of the test channel the new version must answer before it gets traffic; 0 skips the check. */
    @Parameter(property = MlopsProperties.DEPLOY_SMOKE_RECORDS, defaultValue = "5")
    String smokeRecords;

    /** How long a new version may take to start and answer {@code /ping} (ISO-8601 duration). */
    @Parameter(property = MlopsProperties.DEPLOY_STARTUP_TIMEOUT, defaultValue = "PT2M")
    String startupTimeout;

    /** Extra arguments for the model server's JVM, e.g. {@code -Xmx1g}. */
    @Parameter(property = MlopsProperties.DEPLOY_JVM_ARGS)
    String jvmArgs;

    /** How long the endpoint waits for the model's answer before it answers 504 (ISO-8601 duration; SageMaker's 60 s). */
    @Parameter(property = MlopsProperties.DEPLOY_INVOCATION_TIMEOUT, defaultValue = "PT60S")
    String invocationTimeout;

    /** Request bodies above this many MB are refused with 413 (SageMaker's real-time limit: 6). */
    @Parameter(property = MlopsProperties.DEPLOY_MAX_PAYLOAD_MB, defaultValue = "6")
    int maxPayloadMb;

    /** How long a deployment waits for another one of the same endpoint to finish (ISO-8601 duration). */
    @Parameter(property = MlopsProperties.DEPLOY_LOCK_TIMEOUT, defaultValue = "PT10M")
    String lockTimeout;

    final EndpointSettings endpointSettings() {
        return new EndpointSettings(commonSettings(), new LocalEndpointBackend.Settings(endpointsDir(),
                modelJvm(commandLine().string(MlopsProperties.DEPLOY_JVM_ARGS, jvmArgs)), routerJvm(),
                integer(MlopsProperties.DEPLOY_PORT, port, 0, MAX_PORT),
                Durations.parse(commandLine().string(MlopsProperties.DEPLOY_STARTUP_TIMEOUT, startupTimeout),
                        "startupTimeout", MlopsProperties.DEPLOY_STARTUP_TIMEOUT),
                Durations.parse(commandLine().string(MlopsProperties.DEPLOY_INVOCATION_TIMEOUT, invocationTimeout),
                        "invocationTimeout", MlopsProperties.DEPLOY_INVOCATION_TIMEOUT),
                integer(MlopsProperties.DEPLOY_MAX_PAYLOAD_MB, Integer.toString(maxPayloadMb)),
                Durations.parse(commandLine().string(MlopsProperties.DEPLOY_LOCK_TIMEOUT, lockTimeout),
                        "lockTimeout", MlopsProperties.DEPLOY_LOCK_TIMEOUT),
                archiveLimits()));
    }

    /** The deployment service on the backend {@code mlops.backend} names. */
    final DeploymentService deploymentService() {
        EndpointSettings settings = endpointSettings();
        GoalContext goal = goalContext(modelStore(settings.common()), "[endpoint] ");
        return new DeploymentService(goal.store(), Backends.endpoints(settings, goal), clock(), goal.events());
    }

    final DeployRequest request(Optional<ModelVersion> version, boolean allowRejected) {
        return new DeployRequest(modelName(), endpointName(), version, aliasName(), allowRejected, smokeTest(),
                outputDir(), actor());
    }

    private String aliasName() {
        String name = commandLine().string(MlopsProperties.DEPLOY_ALIAS, alias);
        if (!Alias.isValidName(name)) {
            throw new ConfigurationException("Invalid alias name '" + name + "': use 1-63 lower-case letters, digits"
                    + " and '-', e.g. production or staging. Fix <alias> in the plugin configuration or -D"
                    + MlopsProperties.DEPLOY_ALIAS + ".");
        }
        return name;
    }

    final String endpointName() {
        return Optional.ofNullable(commandLine().string(MlopsProperties.ENDPOINT, endpoint))
                .orElseGet(() -> DeploymentService.defaultEndpointName(modelName()));
    }

    private Optional<SmokeTest> smokeTest() {
        int records = integer(MlopsProperties.DEPLOY_SMOKE_RECORDS, smokeRecords, 0, Integer.MAX_VALUE);
        if (records <= 0) {
            getLog().warn("No smoke test (" + MlopsProperties.DEPLOY_SMOKE_RECORDS + " is " + records
                    + "): the new version gets traffic as soon as it answers /ping.");
            return Optional.empty();
        }
        Path test = channelDir("test").orElseThrow(() -> new ConfigurationException("The smoke test reads the 'test'"
                + " channel, which is not configured. Add <channels><test>path</test></channels>, pass"
                + " -Dmlops.channel.test=<directory>, or -D" + MlopsProperties.DEPLOY_SMOKE_RECORDS + "=0 to skip it."));
        return Optional.of(SmokeTest.fromChannel(test, recordLayout(), records));
    }

    // the router needs only the JDK and its own class, which is in mlops-core's jar
    private ModelJvm routerJvm() {
        try {
            Path coreJar = Path.of(LocalEndpointBackend.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ModelJvm(javaExecutable(), List.of(coreJar), List.of(), Map.of());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("mlops-core's own location is not a file", e);
        }
    }
}
