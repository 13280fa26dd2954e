package dev.mlops.maven;

import dev.mlops.core.handoff.MlopsEnv;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.VersionSettings;
import dev.mlops.core.version.GitCommitLog;
import dev.mlops.core.version.VersionReport;
import dev.mlops.core.version.VersionRequest;
import dev.mlops.core.version.VersionService;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Computes the model's next semantic version from the latest release in the store and the
 * conventional commits since it (pre-releases on merge requests, a patch on schedules), reserves it
 * in the store, and writes {@code MLOPS_VERSION} to {@code target/mlops/mlops.env}.
 */
@Mojo(name = "version", threadSafe = true, requiresProject = true)
public class VersionMojo extends AbstractMlopsMojo {

    /** Use this version instead of computing one; it is reserved all the same. */
    @Parameter(property = MlopsProperties.VERSION)
    String version;

    /** Skips this goal only. */
    @Parameter(property = MlopsProperties.VERSION_SKIP, defaultValue = "false")
    boolean skipVersion;

    @Override
    protected String goal() {
        return "version";
    }

    @Override
    protected boolean skipGoal() {
        return reader().flag(MlopsProperties.VERSION_SKIP, skipVersion);
    }

    @Override
    protected void run() {
        VersionSettings settings = settings();
        VersionService service = new VersionService(modelStore(settings.common()), new GitCommitLog(baseDir()),
                new MavenEvents(getLog(), ""));
        VersionReport report = service.reserveNext(settings.request());
        getLog().info("MLOPS_VERSION=" + report.version() + " written to "
                + settings.common().outputDir().resolve(MlopsEnv.FILE));
    }

    VersionSettings settings() {
        CommonSettings common = commonSettings();
        return new VersionSettings(common, new VersionRequest(common.model(), requestedVersion(version), ci(),
                common.outputDir(), Optional.of(baseDir())));
    }
}
