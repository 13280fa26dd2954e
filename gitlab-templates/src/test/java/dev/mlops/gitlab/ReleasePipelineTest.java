package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own pipeline (the root {@code .gitlab-ci.yml}) and its release scripts under {@code .ci/}:
 * which jobs a branch, a merge request and a tag get, the version checks a release must pass, and the
 * component project laid out for GitLab's CI/CD catalog.
 */
class ReleasePipelineTest {

    static final Path ROOT = GitlabCiLocal.COMPONENT.getParent();
    private static final String VERSION = System.getProperty("mlops.test.pluginVersion");
    private static final List<String> RELEASE_JOBS = List.of("release-check", "maven-packages", "component-project", "release-notes", "pages");

    @TempDir
    Path tmp;

    @Test
    void branchesAndMergeRequestsRunTheTestsOnly() {
        GitlabCiLocal project = projectPipeline();
        for (List<String> args : List.of(List.of("--list"), List.of("--list", "--variable", "CI_PIPELINE_SOURCE=merge_request_event"))) {
            GitlabCiLocal.Result list = project.run(args, 3);
            assertEquals(0, list.exitCode(), list.output());
            assertTrue(list.output().contains("json schema validated"), list.output());
            assertTrue(hasJob(list.output(), "test"), list.output());
            RELEASE_JOBS.forEach(job -> assertFalse(hasJob(list.output(), job), job + " must not run for " + args + ":\n" + list.output()));
        }
    }

    @Test
    void aVersionTagReleasesAfterTheTests() {
        GitlabCiLocal.Result list = projectPipeline().run(List.of("--list", "--variable", "CI_COMMIT_TAG=v1.2.3"), 3);
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(hasJob(list.output(), "test"), list.output());
        RELEASE_JOBS.forEach(job -> assertTrue(hasJob(list.output(), job), job + " missing on a version tag:\n" + list.output()));
        assertTrue(jobLine(list.output(), "maven-packages").endsWith("[test,release-check]"), list.output());
    }

    @Test
    void otherTagsDoNotRelease() {
        GitlabCiLocal.Result list = projectPipeline().run(List.of("--list", "--variable", "CI_COMMIT_TAG=nightly-2026-12-02"), 3);
        assertEquals(0, list.exitCode(), list.output());
        RELEASE_JOBS.forEach(job -> assertFalse(hasJob(list.output(), job), job + " must not run for a non-version tag:\n" + list.output()));
    }

    @Test
    void everyDefaultPluginVersionIsTheProjectVersion() {
        GitlabCiLocal.Result defaults = GitlabCiLocal.exec(ROOT, List.of("sh", ".ci/plugin-version-defaults"), 1, Map.of());
        assertEquals(0, defaults.exitCode(), defaults.output());
        List<String> lines = defaults.output().lines().toList();
        long templatesWithTheInput = templatesWithPluginVersion();
        assertTrue(lines.size() >= templatesWithTheInput + 3, "every template, the hidden jobs and both samples:\n" + defaults.output());
        lines.forEach(line -> assertTrue(line.endsWith(" " + VERSION), "not the project's version " + VERSION + ": " + line));
    }

    @Test
    void releaseCheckRefusesUntilTheReleaseIsPrepared() {
        Path repo = releaseFixture();
        GitlabCiLocal.Result refused = GitlabCiLocal.exec(repo, List.of("sh", ".ci/release-check", "v0.9.0"), 1, Map.of());
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("pom.xml says version " + VERSION + ", the tag says 0.9.0"), refused.output());
        assertTrue(refused.output().contains("gitlab-templates/templates/train.yml defaults to plugin version " + VERSION), refused.output());
        assertTrue(refused.output().contains("CHANGELOG.md has no entry '## 0.9.0'"), refused.output());

        GitlabCiLocal.Result notATag = GitlabCiLocal.exec(repo, List.of("sh", ".ci/release-check", "0.9"), 1, Map.of());
        assertEquals(2, notATag.exitCode(), notATag.output());
        assertTrue(notATag.output().contains("'0.9' is not a version tag: tag releases as v1.2.3"), notATag.output());

        GitlabCiLocal.Result prepared = GitlabCiLocal.exec(repo, List.of("sh", ".ci/prepare-release", "0.9.0"), 1, Map.of());
        assertEquals(0, prepared.exitCode(), prepared.output());
        GitlabCiLocal.Result accepted = GitlabCiLocal.exec(repo, List.of("sh", ".ci/release-check", "v0.9.0"), 1, Map.of());
        assertEquals(0, accepted.exitCode(), accepted.output());
        assertTrue(GitlabCiLocal.read(repo.resolve("mlops-core/pom.xml")).contains("<version>0.9.0</version>"));
        assertTrue(GitlabCiLocal.read(repo.resolve("gitlab-templates/README.md")).contains("| `0.9.0` |"));

        String changelog = GitlabCiLocal.read(repo.resolve("CHANGELOG.md"));
        assertTrue(changelog.matches("(?s)# Changelog\n.*\n## 0\\.9\\.0 \\(\\d{4}-\\d{2}-\\d{2}\\)\n.*"), changelog);
        assertTrue(changelog.startsWith(GitlabCiLocal.read(ROOT.resolve("CHANGELOG.md"))), "the head is kept:\n" + changelog);
        assertTrue(changelog.contains("### Features\n\n- train on SageMaker\n"), changelog);
        assertTrue(changelog.contains("### Fixes\n\n- keep aliases on a retry\n"), changelog);
        assertTrue(changelog.contains("### Other changes\n\n- fixture\n"), changelog);
        GitlabCiLocal.Result notes = GitlabCiLocal.exec(repo, List.of("sh", ".ci/changelog-entry", "0.9.0"), 1, Map.of());
        assertEquals(0, notes.exitCode(), notes.output());
        assertFalse(notes.output().contains("## 0.9.0"), "the release notes are the entry's body:\n" + notes.output());

        GitlabCiLocal.Result back = GitlabCiLocal.exec(repo, List.of("sh", ".ci/prepare-release", "0.10.0-SNAPSHOT"), 1, Map.of());
        assertEquals(0, back.exitCode(), back.output());
        assertNotEquals(0, GitlabCiLocal.exec(repo, List.of("sh", ".ci/release-check", "v0.9.0"), 1, Map.of()).exitCode());
        assertTrue(GitlabCiLocal.read(repo.resolve("CHANGELOG.md")).contains("## 0.9.0"), "a snapshot keeps the released entries");
    }

    @Test
    void theComponentProjectHasItsTemplatesAtTheRootAndPassesTheSchema() {
        Path component = tmp.resolve("component");
        GitlabCiLocal.Result split = GitlabCiLocal.exec(ROOT, List.of("sh", ".ci/split-component", VERSION, component.toString()), 1, Map.of());
        assertEquals(0, split.exitCode(), split.output());
        for (String file : List.of("README.md", ".gitlab-ci.yml", "mlops.gitlab-ci.yml", "ci-settings.xml", "sample/pom.xml",
                "templates/model-pipeline.yml", "templates/train.yml")) {
            assertTrue(Files.isRegularFile(component.resolve(file)), file + " missing from the component project");
        }
        assertEquals(GitlabCiLocal.read(GitlabCiLocal.COMPONENT.resolve("templates/train.yml")), GitlabCiLocal.read(component.resolve("templates/train.yml")));
        assertFalse(Files.exists(component.resolve("sample/target")), "no build output travels");

        GitlabCiLocal.initRepository(component, "mlops/gitlab-templates");
        GitlabCiLocal.Result branch = new GitlabCiLocal(component).run(List.of("--list"), 3);
        assertEquals(0, branch.exitCode(), branch.output());
        assertTrue(branch.output().contains("json schema validated"), branch.output());
        assertTrue(hasJob(branch.output(), "mlops-train") && hasJob(branch.output(), "mlops-evaluate"), "the self-test runs the pipeline:\n" + branch.output());
        assertFalse(hasJob(branch.output(), "catalog-release"), branch.output());
        GitlabCiLocal.Result tag = new GitlabCiLocal(component).run(List.of("--list", "--variable", "CI_COMMIT_TAG=v1.2.3"), 3);
        assertEquals(0, tag.exitCode(), tag.output());
        assertTrue(hasJob(tag.output(), "catalog-release"), tag.output());

        GitlabCiLocal.Result again = GitlabCiLocal.exec(ROOT, List.of("sh", ".ci/split-component", VERSION, component.toString()), 1, Map.of());
        assertEquals(2, again.exitCode(), "refuses to mix two layouts:\n" + again.output());
        GitlabCiLocal.Result otherVersion = GitlabCiLocal.exec(ROOT, List.of("sh", ".ci/split-component", "9.9.9", tmp.resolve("other").toString()), 1, Map.of());
        assertEquals(1, otherVersion.exitCode(), otherVersion.output());
        assertTrue(otherVersion.output().contains("defaults to plugin version " + VERSION + ", not 9.9.9: run .ci/prepare-release 9.9.9 first"), otherVersion.output());
    }

    /** The root pipeline in a throw-away repository (gitlab-ci-local needs a commit and an origin). */
    private GitlabCiLocal projectPipeline() {
        Path repo = tmp.resolve("project");
        GitlabCiLocal.copy(ROOT.resolve(".gitlab-ci.yml"), repo.resolve(".gitlab-ci.yml"));
        GitlabCiLocal.initRepository(repo, "mlops/mlops-maven-plugin");
        return new GitlabCiLocal(repo);
    }

    /** What the release scripts read and write, with conventional commits to build a changelog from. */
    private Path releaseFixture() {
        Path repo = tmp.resolve("release");
        GitlabCiLocal.copyTree(ROOT.resolve(".ci"), repo.resolve(".ci"));
        GitlabCiLocal.copyTree(GitlabCiLocal.COMPONENT.resolve("templates"), repo.resolve("gitlab-templates/templates"));
        for (String file : List.of("pom.xml", "README.md", "CHANGELOG.md", "docs/getting-started.md", "gitlab-templates/README.md",
                "gitlab-templates/mlops.gitlab-ci.yml", "gitlab-templates/pom.xml", "mlops-core/pom.xml", "mlops-aws/pom.xml",
                "mlops-runtime/pom.xml", "mlops-maven-plugin/pom.xml", "sample-model-repo/pom.xml", "sample-regression-repo/pom.xml")) {
            GitlabCiLocal.copy(ROOT.resolve(file), repo.resolve(file));
        }
        GitlabCiLocal.initRepository(repo, "mlops/mlops-maven-plugin");
        commit(repo, "feat(train): train on SageMaker");
        commit(repo, "fix: keep aliases on a retry");
        return repo;
    }

    private static void commit(Path repo, String message) {
        GitlabCiLocal.exec(repo, List.of("git", "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q",
                "--allow-empty", "-m", message), 1, Map.of());
    }

    private static long templatesWithPluginVersion() {
        try (Stream<Path> templates = Files.list(GitlabCiLocal.COMPONENT.resolve("templates"))) {
            return templates.filter(t -> GitlabCiLocal.read(t).contains("\n    plugin-version:")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean hasJob(String list, String job) {
        return list.lines().anyMatch(l -> l.startsWith(job + " "));
    }

    private static String jobLine(String list, String job) {
        return list.lines().filter(l -> l.startsWith(job + " ")).findFirst().orElseThrow().trim();
    }
}
