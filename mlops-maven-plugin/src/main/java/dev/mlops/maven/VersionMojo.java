package dev.mlops.maven;

import dev.mlops.core.domain.ModelVersion;
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
        return commandLine().flag(MlopsProperties.VERSION_SKIP, skipVersion);
    }

    @Override
    protected void run() {
        VersionService service = new VersionService(modelStore(), new GitCommitLog(baseDir()), new MavenEvents(getLog(), ""));
        VersionReport report = service.reserveNext(request());
        getLog().info("MLOPS_VERSION=" + report.version() + " written to " + outputDir().resolve(VersionService.DOTENV));
    }

    VersionRequest request() {
        Optional<ModelVersion> explicit = Optional.ofNullable(commandLine().string(MlopsProperties.VERSION, version))
                .filter(v -> !v.isBlank()).map(ModelVersion::new);
        return new VersionRequest(modelName(), explicit, ci(), outputDir(), Optional.of(baseDir()));
    }
}
