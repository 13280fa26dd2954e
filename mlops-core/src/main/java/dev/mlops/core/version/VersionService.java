package dev.mlops.core.version;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.domain.Manifest;
import dev.mlops.core.domain.ModelName;
import dev.mlops.core.domain.ModelVersion;
import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.core.store.ModelStore;
import dev.mlops.core.store.StoreIntegrityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mlops:version}: computes the next version and reserves it in the store, so that two
 * pipelines running at once never get the same one; then writes it to {@code mlops.env}.
 */
public final class VersionService {

    // enough for any realistic burst of concurrent pipelines; past it something else is wrong
    private static final int MAX_ATTEMPTS = 50;

    private final ModelStore store;
    private final CommitLog commits;
    private final MlopsEvents events;

    public VersionService(ModelStore store, CommitLog commits, MlopsEvents events) {
        this.store = store;
        this.commits = commits;
        this.events = events;
    }

    public VersionReport reserveNext(VersionRequest request) {
        ModelName model = request.model();
        store.checkWritable();
        VersionReport report = request.explicit().map(v -> reserveExplicit(model, v)).orElseGet(() -> compute(request));
        events.info("Version of '" + model + "': " + report.version() + " (" + report.reason()
                + report.previous().map(p -> ", after " + p).orElse(", first release") + "), reserved in "
                + store.describe());
        MlopsEnv.in(request.outputDir(), request.projectDir()).versionReserved(model.value(), report.version(),
                report.previous(), report.reason(), store.describe());
        return report;
    }

    private VersionReport reserveExplicit(ModelName model, ModelVersion version) {
        if (!store.reserve(model, version)) {
            throw new ConfigurationException(Text.of("Version " + version + " of '" + model + "' is already reserved"
                    + " or stored in " + store.describe() + ". Choose another with ", Setting.VERSION.any("version"),
                    ", or leave it out to get the next free one."));
        }
        return new VersionReport(version, NextVersion.latestRelease(store.reservedOrStored(model)), "explicit",
                Optional.empty(), 0);
    }

    private VersionReport compute(VersionRequest request) {
        ModelName model = request.model();
        CiEnvironment ci = request.ci();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<ModelVersion> latest = NextVersion.latestRelease(store.reservedOrStored(model));
            Optional<String> since = latest.flatMap(v -> boundary(model, v));
            List<String> messages = ci.isSchedule() ? List.of() : commits.messagesSince(since);
            NextVersion.Decision decision = NextVersion.decide(latest, Bump.of(messages), ci, attempt);
            if (store.reserve(model, decision.version())) {
                return new VersionReport(decision.version(), latest, decision.reason(), since, messages.size());
            }
            // another pipeline took it between our read and our reservation: read again
            events.debug("Version " + decision.version() + " was taken meanwhile; computing again");
        }
        throw new ConfigurationException(Text.of("Could not reserve a version of '" + model + "' after " + MAX_ATTEMPTS
                + " attempts in " + store.describe() + ". Pass one with ", Setting.VERSION.any("version"), "."));
    }

    /**
     * Where "the commits since the last release" start: the commit recorded in that version's manifest,
     * else a git tag {@code <model>-<version>} or {@code v<version>}.
     */
    private Optional<String> boundary(ModelName model, ModelVersion latest) {
        Optional<String> fromManifest;
        try {
            fromManifest = store.manifest(model, latest).flatMap(Manifest::commit).flatMap(commits::resolve);
        } catch (StoreIntegrityException unreadable) {
            // the number is taken either way; only where its commits start is unknown
            events.warn(unreadable.text());
            fromManifest = Optional.empty();
        }
        Optional<String> found = fromManifest
                .or(() -> commits.resolve("refs/tags/" + model + "-" + latest))
                .or(() -> commits.resolve("refs/tags/v" + latest));
        if (found.isEmpty()) {
            events.warn("No commit is known for release " + latest + " of '" + model + "' (no commit in its manifest,"
                    + " no tag " + model + "-" + latest + " or v" + latest + "): reading every commit in the history.");
        }
        return found;
    }
}
