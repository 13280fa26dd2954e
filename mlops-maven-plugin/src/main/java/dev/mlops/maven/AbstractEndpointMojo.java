package dev.mlops.maven;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.deploy.DeployRequest;
import dev.mlops.core.deploy.DeploymentPolicy;
import dev.mlops.core.deploy.DeploymentService;
import dev.mlops.core.deploy.SmokeTest;
import dev.mlops.core.deploy.local.LocalEndpointBackend;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.io.ModelJvm;
import dev.mlops.core.store.Alias;
import dev.mlops.core.evaluate.RecordLayout;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.DeploySettings;
import dev.mlops.maven.settings.DeploymentPolicies;
import dev.mlops.maven.settings.EndpointSettings;
import dev.mlops.maven.settings.SettingsReader;
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

    // the largest size in MB whose bytes still fit an int
    private static final int MAX_PAYLOAD_MB = Integer.MAX_VALUE >> 20;

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

    /**
     * How the new version takes over: {@code all-at-once} (blue/green), {@code canary} (a share first, for the
     * baking period) or {@code linear} (growing steps, one per baking period).
     */
    @Parameter(property = MlopsProperties.DEPLOY_STRATEGY, defaultValue = "all-at-once")
    String strategy;

    /** The new version's share of traffic during a canary's baking period, 1 to 99 %. */
    @Parameter(property = MlopsProperties.DEPLOY_CANARY_PERCENT, defaultValue = "10")
    String canaryPercent;

    /** How much of the traffic each step of a linear deployment moves, 1 to 50 %. */
    @Parameter(property = MlopsProperties.DEPLOY_LINEAR_STEP_PERCENT, defaultValue = "20")
    String linearStepPercent;

    /** How long a canary, or each linear step, is watched before more traffic moves (ISO-8601 duration). */
    @Parameter(property = MlopsProperties.DEPLOY_BAKING_PERIOD, defaultValue = "PT5M")
    String bakingPeriod;

    /** The new version is rolled back when more than this share of its invocations fail (5xx), e.g. 0.05. */
    @Parameter(property = MlopsProperties.DEPLOY_MAX_ERROR_RATE, defaultValue = "0.05")
    String maxErrorRate;

    /** The new version is rolled back when its p99 model latency exceeds this (ISO-8601 duration). */
    @Parameter(property = MlopsProperties.DEPLOY_MAX_LATENCY_P99, defaultValue = "PT1S")
    String maxLatencyP99;

    /** More alarms that roll the deployment back (CloudWatch alarm names on SageMaker), separated by commas. */
    @Parameter(property = MlopsProperties.DEPLOY_ALARMS)
    String alarms;

    /** A stored version that receives a copy of the endpoint's traffic; its answers are recorded, not returned. */
    @Parameter(property = MlopsProperties.DEPLOY_SHADOW_VERSION)
    String shadowVersion;

    /** The share of requests and answers recorded in SageMaker's data-capture format, 0 (none) to 100 %. */
    @Parameter(property = MlopsProperties.DEPLOY_DATA_CAPTURE_PERCENT, defaultValue = "0")
    String dataCapturePercent;

    /** The endpoint and its backend's settings. */
    final EndpointSettings endpointSettings() {
        SettingsReader read = reader();
        CommonSettings common = commonSettings();
        return new EndpointSettings(common, read.optional(MlopsProperties.ENDPOINT, endpoint)
                .orElseGet(() -> DeploymentService.defaultEndpointName(common.model())),
                new LocalEndpointBackend.Settings(common.endpointsDir(),
                        modelJvm(read.list(MlopsProperties.DEPLOY_JVM_ARGS, jvmArgs)), routerJvm(),
                        read.integer(MlopsProperties.DEPLOY_PORT, port, 0, MAX_PORT),
                        read.duration(MlopsProperties.DEPLOY_STARTUP_TIMEOUT, startupTimeout),
                        read.duration(MlopsProperties.DEPLOY_INVOCATION_TIMEOUT, invocationTimeout),
                        read.integer(MlopsProperties.DEPLOY_MAX_PAYLOAD_MB, Integer.toString(maxPayloadMb), 1, MAX_PAYLOAD_MB),
                        read.duration(MlopsProperties.DEPLOY_LOCK_TIMEOUT, lockTimeout), archiveLimits()));
    }

    /** What deploy and rollback ask for: {@code version} (none: the newest approved) with its checks. */
    final DeploySettings deploySettings(Optional<ModelVersion> version, boolean allowRejected) {
        EndpointSettings endpointSettings = endpointSettings();
        CommonSettings common = endpointSettings.common();
        Optional<Path> test = Optional.ofNullable(channelDirs().get("test"));
        RecordLayout layout = recordLayout();
        return new DeploySettings(endpointSettings, new DeployRequest(common.model(), endpointSettings.endpoint(), version,
                aliasName(), allowRejected, smokeTest(test, layout), common.outputDir(), actor(), policy()), test, layout);
    }

    /** The deployment service on the backend {@code mlops.backend} names. */
    final DeploymentService deploymentService(EndpointSettings settings) {
        GoalContext goal = goalContext(modelStore(settings.common()), "[endpoint] ");
        return new DeploymentService(goal.store(), Backends.endpoints(settings, goal), clock(), goal.events());
    }

    private DeploymentPolicy policy() {
        return DeploymentPolicies.read(reader(), new DeploymentPolicies.Given(strategy, canaryPercent, linearStepPercent,
                bakingPeriod, maxErrorRate, maxLatencyP99, alarms, shadowVersion, dataCapturePercent));
    }

    private String aliasName() {
        String name = reader().string(MlopsProperties.DEPLOY_ALIAS, alias);
        if (!Alias.isValidName(name)) {
            throw new ConfigurationException("Invalid alias name '" + name + "': use 1-63 lower-case letters, digits"
                    + " and '-', e.g. production or staging. Fix <alias> in the plugin configuration or -D"
                    + MlopsProperties.DEPLOY_ALIAS + ".");
        }
        return name;
    }

    private Optional<SmokeTest> smokeTest(Optional<Path> test, RecordLayout layout) {
        int records = reader().integer(MlopsProperties.DEPLOY_SMOKE_RECORDS, smokeRecords, 0, Integer.MAX_VALUE);
        if (records == 0) {
            getLog().warn("No smoke test (" + MlopsProperties.DEPLOY_SMOKE_RECORDS + " is " + records
                    + "): the new version gets traffic as soon as it answers /ping.");
            return Optional.empty();
        }
        Path channel = test.orElseThrow(() -> new ConfigurationException("The smoke test reads the 'test'"
                + " channel, which is not configured. Add <channels><test>path</test></channels>, pass"
                + " -Dmlops.channel.test=<directory>, or -D" + MlopsProperties.DEPLOY_SMOKE_RECORDS + "=0 to skip it."));
        return Optional.of(SmokeTest.fromChannel(channel, layout, records));
    }

    // the router needs only the JDK and its own class, which is in mlops-core's jar
    private ModelJvm routerJvm() {
        try {
            Path coreJar = Path.of(DeploymentService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ModelJvm(javaExecutable(), List.of(coreJar), List.of(), Map.of());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("mlops-core's own location is not a file", e);
        }
    }
}
