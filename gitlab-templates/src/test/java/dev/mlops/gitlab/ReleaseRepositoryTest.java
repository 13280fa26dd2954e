package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a release publishes is enough on its own: the reactor deployed as the release job deploys it
 * (to a file repository here, GitLab's package registry there), then the sample model repository,
 * with an empty local repository and that one repository beside Maven Central, resolves the plugin and
 * the runtime and trains.
 */
class ReleaseRepositoryTest {

    private static final String VERSION = System.getProperty("mlops.test.pluginVersion");

    @TempDir
    Path tmp;

    @Test
    void theSampleTrainsWithThePluginFromTheReleaseRepositoryAlone() {
        Path repository = tmp.resolve("release-repository");
        GitlabCiLocal.Result deploy = GitlabCiLocal.exec(ReleasePipelineTest.ROOT, List.of("mvn", "-B", "-ntp",
                "-Dmaven.repo.local=" + System.getProperty("mlops.test.localRepository"),
                "-pl", "mlops-maven-plugin,mlops-runtime", "-am", "deploy", "-DskipTests",
                "-DaltDeploymentRepository=mlops-release::" + repository.toUri()), 10, Map.of());
        assertEquals(0, deploy.exitCode(), GitlabCiLocal.tail(deploy.output()));
        for (String artifact : List.of("mlops-parent", "mlops-core", "mlops-aws", "mlops-runtime", "mlops-maven-plugin")) {
            assertTrue(Files.isDirectory(repository.resolve("dev/mlops").resolve(artifact).resolve(VERSION)), artifact + " not deployed");
        }
        assertTrue(!Files.exists(repository.resolve("dev/mlops/mlops-gitlab-templates")), "the component is released as a project, not a jar");

        Path sample = tmp.resolve("spam-classifier");
        GitlabCiLocal.copySampleModel(sample);
        Path settings = tmp.resolve("settings.xml");
        GitlabCiLocal.write(settings, settingsWithRepository(repository));
        Path emptyLocal = tmp.resolve("empty-local-repository");
        GitlabCiLocal.Result train = GitlabCiLocal.exec(sample, List.of("mvn", "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + emptyLocal, "mlops:train", "-Dmlops.store=" + tmp.resolve("store").toUri()), 10, Map.of());
        assertEquals(0, train.exitCode(), GitlabCiLocal.tail(train.output()));
        // no version given: a development version, as on a laptop
        assertTrue(GitlabCiLocal.anyFileNamed(tmp.resolve("store/models/spam-classifier"), "manifest.json"), GitlabCiLocal.tail(train.output()));
        for (String artifact : List.of("mlops-maven-plugin", "mlops-runtime")) {
            Path origin = emptyLocal.resolve("dev/mlops").resolve(artifact).resolve(VERSION).resolve("_remote.repositories");
            assertTrue(GitlabCiLocal.read(origin).contains(">mlops-release="), artifact + " came from elsewhere: " + GitlabCiLocal.read(origin));
        }
    }

    /** The two entries the install docs tell a model repository to add, here in a settings.xml profile. */
    private static String settingsWithRepository(Path repository) {
        String entry = """
                  <id>mlops-release</id>
                  <url>%s</url>
                  <snapshots><enabled>true</enabled></snapshots>
                """.formatted(repository.toUri());
        return """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
                  <profiles>
                    <profile>
                      <id>mlops-release</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>mlops-release</activeProfile></activeProfiles>
                </settings>
                """.formatted(entry, entry);
    }
}
