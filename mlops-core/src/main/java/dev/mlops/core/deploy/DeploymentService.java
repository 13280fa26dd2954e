package dev.mlops.core.deploy;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Goal;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.domain.VersionStatus;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.store.Alias;
import dev.mlops.core.store.ModelStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code mlops:deploy} and {@code mlops:rollback}: start the version beside the one serving, check it
 * with a smoke test, and only then switch the endpoint to it, retire the old one and move the alias.
 * If any step before the switch fails, the endpoint keeps serving what it served and nothing moves.
 */
public final class DeploymentService {

    private static final Pattern ENDPOINT_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final ModelStore store;
    private final EndpointBackend backend;
    private final Clock clock;
    private final MlopsEvents events;

    public DeploymentService(ModelStore store, EndpointBackend backend, Clock clock, MlopsEvents events) {
        this.store = store;
        this.backend = backend;
        this.clock = clock;
        this.events = events;
    }

    public DeployReport deploy(DeployRequest request) {
        requireEndpointName(request.endpoint());
        Manifest manifest = request.version()
                .map(v -> store.manifest(request.model(), v).orElseThrow(() -> notStored(request.model(), v)))
                .orElseGet(() -> newestApproved(request.model()));
        boolean overridesGate = checkGate(manifest, request.allowRejected());
        DeployReport report = switchTo(request, manifest.modelVersion());
        if (report.changed()) {
            String detail = "endpoint '" + request.endpoint() + "' (" + backend.name() + ")"
                    + report.replaced().map(r -> ", replacing " + r).orElse("");
            store.update(request.model(), manifest.modelVersion(), m -> {
                Manifest recorded = m.withAudit(new Manifest.AuditEntry(clock.instant().toString(), "deployed", detail,
                        request.actor()));
                return overridesGate ? recorded.withAudit(new Manifest.AuditEntry(clock.instant().toString(),
                        "deployed-despite-gate", "status was " + m.status().label(), request.actor())) : recorded;
            });
        }
        return report;
    }

    /**
     * Puts back the version the alias pointed at before.
     *
     * @return empty when there is no previous version; nothing is changed then
     */
    public Optional<DeployReport> rollback(DeployRequest request) {
        requireEndpointName(request.endpoint());
        Optional<Alias> alias = store.alias(request.model(), request.alias());
        if (alias.isEmpty()) {
            dev.mlops.core.store.VersionListing listing = store.listing(request.model());
            if (listing.versions().isEmpty()) {
                throw listing.problems().isEmpty() ? unknownModel(request.model())
                        : new ConfigurationException("No version of '" + request.model() + "' in " + store.describe()
                                + " can be read, so there is nothing to roll back:\n  " + String.join("\n  ", listing.problems()));
            }
        }
        // an entry equal to the current version (left by an older redeploy) is no version to go back to
        Optional<ModelVersion> previousVersion = alias.flatMap(a -> a.previous().stream()
                .filter(v -> !v.equals(a.version())).findFirst()).map(ModelVersion::new);
        if (previousVersion.isEmpty()) {
            store.aliasedManifest(request.model(), request.alias()); // an alias naming a lost version is an error, not "nothing to do"
            events.info("'" + request.model() + "' has no previous " + request.alias() + " version to roll back to"
                    + alias.map(a -> " (" + request.alias() + " is " + a.version() + ")").orElse("")
                    + "; nothing was changed.");
            return Optional.empty();
        }
        ModelVersion previous = previousVersion.get();
        if (store.manifest(request.model(), previous).isEmpty()) {
            throw new ConfigurationException(Text.of("The " + request.alias() + " alias of '" + request.model()
                    + "' was at " + previous + " before " + alias.get().version() + ", but " + previous + " is not in the"
                    + " store " + store.describe() + ": nothing was changed. Deploy a stored version with ",
                    Goal.DEPLOY.with(Setting.VERSION.any("version")), " (see ", Goal.STATUS, ")."));
        }
        events.info("Rolling back '" + request.endpoint() + "' from " + alias.get().version() + " to " + previous);
        DeployReport report = switchTo(request, previous);
        store.update(request.model(), previous, m -> m.withAudit(new Manifest.AuditEntry(clock.instant().toString(),
                "rolled-back-to", "endpoint '" + request.endpoint() + "', from " + alias.get().version(), request.actor())));
        return Optional.of(report);
    }

    /** Stops the endpoint and removes what {@link #deploy} wrote of it to {@code <outputDir>/mlops.env}. */
    public void undeploy(String endpoint, Path outputDir) {
        try (EndpointBackend.Lock lock = backend.lock(requireEndpointName(endpoint), "undeploying", events)) {
            backend.stop(endpoint, events);
        }
        MlopsEnv.in(outputDir, Optional.empty()).undeployed();
    }

    /**
     * The endpoint of a model when none is named: its name with '.' and '_' (which model names allow,
     * endpoint names do not) as '-'.
     */
    public static String defaultEndpointName(ModelName model) {
        return model.value().replace('.', '-').replace('_', '-');
    }

    private DeployReport switchTo(DeployRequest request, ModelVersion version) {
        // from the look at what serves to the alias's move, no other deployment of this endpoint runs
        try (EndpointBackend.Lock lock = backend.lock(request.endpoint(), "deploying " + request.model() + " " + version,
                events)) {
            return switchToLocked(request, version);
        }
    }

    private DeployReport switchToLocked(DeployRequest request, ModelVersion version) {
        Optional<Endpoint> current = backend.find(request.endpoint());
        if (current.isPresent() && current.get().version().equals(version.value()) && current.get().healthy()) {
            events.info("Endpoint '" + request.endpoint() + "' already serves " + version + " at " + current.get().url()
                    + "; nothing to do.");
            writeDotEnv(request, current.get());
            return new DeployReport(current.get(), Optional.of(version.value()), false);
        }
        Optional<String> expectedAlias = store.alias(request.model(), request.alias()).map(Alias::version);
        StagedDeployment staged = backend.stage(request.endpoint(), request.model(), version, request.policy(),
                events);
        Optional<String> smokeFailure = request.smokeTest().flatMap(smoke -> {
            events.info("Smoke test: " + smoke.records() + " records of " + smoke.source() + " to " + version);
            return smoke.failureAgainst(staged.directUrl());
        });
        if (smokeFailure.isPresent()) {
            backend.discard(staged, events);
            throw new DeploymentException("The smoke test of " + version + " failed: " + smokeFailure.get()
                    + ". Endpoint '" + request.endpoint() + "' still serves "
                    + current.map(Endpoint::version).orElse("nothing") + "; the " + request.alias()
                    + " alias did not move.", null);
        }
        Endpoint endpoint;
        try {
            endpoint = backend.promote(staged, events);
        } catch (RuntimeException e) {
            // nothing this deployment started may outlive it
            backend.discard(staged, events);
            throw e;
        }
        store.moveAlias(request.model(), request.alias(), version, expectedAlias.map(ModelVersion::new), clock.instant());
        events.info("Endpoint '" + request.endpoint() + "' serves " + version + " at " + endpoint.url() + "; "
                + request.alias() + " → " + version);
        writeDotEnv(request, endpoint);
        return new DeployReport(endpoint, current.map(Endpoint::version), true);
    }

    private boolean checkGate(Manifest manifest, boolean allowRejected) {
        if (manifest.status() == VersionStatus.REJECTED) {
            // someone already overrode this gate when evaluating (gate.skip), and it is on record
            boolean gateSkipped = manifest.audit().stream().anyMatch(a -> "gate-skipped".equals(a.action()));
            if (!allowRejected && !gateSkipped) {
                throw new ConfigurationException(Text.of("Version " + manifest.version() + " of '" + manifest.model()
                        + "' failed the quality gate (status rejected) and is not deployed. Deploy another version, or"
                        + " pass ", Setting.DEPLOY_ALLOW_REJECTED.is(true), " to deploy it anyway (recorded in its"
                        + " manifest)."));
            }
            events.warn(Text.of("Deploying " + manifest.version() + " although it failed the quality gate, as asked",
                    gateSkipped && !allowRejected ? Text.of(" with ", Setting.GATE_SKIP, " at evaluation") : "",
                    "; this is recorded in its manifest."));
            return true;
        }
        if (manifest.status() == VersionStatus.CANDIDATE) {
            events.warn("Version " + manifest.version() + " has not been evaluated (status candidate).");
        }
        return false;
    }

    private Manifest newestApproved(ModelName model) {
        // a version whose manifest cannot be read is skipped with a warning: it was not asked for by number
        return store.versions(model, events).stream()
                .filter(m -> m.status() == VersionStatus.APPROVED_BY_GATE)
                .max(Comparator.comparing(Manifest::createdAt))
                .orElseThrow(() -> new ConfigurationException(Text.of("No version of '" + model + "' has passed the"
                        + " quality gate yet. Run ", Goal.EVALUATE, ", or choose a version with ",
                        Setting.VERSION.any("version"), ".")));
    }

    private void writeDotEnv(DeployRequest request, Endpoint endpoint) {
        MlopsEnv.in(request.outputDir(), Optional.empty()).deployed(endpoint.name(), endpoint.url().toString(),
                endpoint.version());
    }

    private static String requireEndpointName(String endpoint) {
        if (endpoint == null || !ENDPOINT_NAME.matcher(endpoint).matches()) {
            throw new ConfigurationException(Text.of("Invalid endpoint name '" + endpoint + "': use 1-63 lower-case"
                    + " letters, digits and '-'. Set ", Setting.ENDPOINT.any("name"), "."));
        }
        return endpoint;
    }

    private ConfigurationException notStored(ModelName model, ModelVersion version) {
        return new ConfigurationException(Text.of("Version " + version + " of '" + model + "' is not in the store "
                + store.describe() + ". See the stored versions with ", Goal.STATUS, ", or pass ",
                Setting.STORE.any("store"), " if it is in another one."));
    }

    // most often a typo in the model's name: say which models there are
    private ConfigurationException unknownModel(ModelName model) {
        List<ModelName> models = store.models();
        return new ConfigurationException(Text.of("The store " + store.describe() + " has no versions of '" + model
                + "', so there is nothing to roll back. " + (models.isEmpty() ? "It holds no models at all."
                        : "It holds " + models.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", ")) + ".")
                + " Check ", Setting.MODEL, " and ", Setting.STORE, "."));
    }
}
