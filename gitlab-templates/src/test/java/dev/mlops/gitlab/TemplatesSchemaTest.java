package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every template and example through gitlab-ci-local's GitLab schema check and include resolution; bad inputs fail before any job runs. */
class TemplatesSchemaTest {

    @TempDir
    Path tmp;

    @Test
    void compositeWithDefaultsListsTheWholePipelineInOrder() {
        GitlabCiLocal.Result list = componentProject("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                """).run(List.of("--list"), 3);
        assertEquals(0, list.exitCode(), list.output());
        String out = list.output();
        assertTrue(out.contains("json schema validated"), out);
        assertJob(out, "mlops-validate", "on_success", "[]");
        assertJob(out, "mlops-version", "on_success", "[mlops-validate]");
        assertJob(out, "mlops-package", "on_success", "[mlops-version]");
        assertJob(out, "mlops-train", "on_success", "[mlops-package]");
        assertJob(out, "mlops-evaluate", "on_success", "[mlops-train]");
        assertJob(out, "mlops-deploy", "manual", "[mlops-evaluate]");
        assertJob(out, "mlops-undeploy", "manual", "[mlops-deploy]");
    }

    @Test
    void mergeRequestPipelinesStopBeforeDeploy() {
        GitlabCiLocal.Result list = componentProject("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                """).run(List.of("--list", "--variable", "CI_PIPELINE_SOURCE=merge_request_event"), 3);
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().contains("mlops-evaluate"), list.output());
        assertTrue(!list.output().contains("mlops-deploy"), "a merge request must not deploy:\n" + list.output());
    }

    @Test
    void autoDeployRunsDeployWithoutAPerson() {
        GitlabCiLocal.Result list = componentProject("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                    inputs:
                      auto-deploy: true
                """).run(List.of("--list"), 3);
        assertEquals(0, list.exitCode(), list.output());
        assertJob(list.output(), "mlops-deploy", "on_success", "[mlops-evaluate]");
    }

    @Test
    void unknownBackendFailsBeforeAnyJobRuns() {
        GitlabCiLocal.Result run = componentProject("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                    inputs:
                      backend: kubernetes
                """).run(List.of(), 3);
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("backend") && run.output().contains("kubernetes"), run.output());
        assertTrue(!run.output().contains("starting shell"), "no job may start:\n" + run.output());
    }

    @Test
    void theSageMakerBackendListsTheWholePipelineWithLocalEndpoints() {
        GitlabCiLocal.Result list = componentProject("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                    inputs:
                      backend: sagemaker
                      store: s3://my-models/team
                      sagemaker-role: arn:aws:iam::123456789012:role/mlops-sagemaker-execution
                """).run(List.of("--list"), 3);
        assertEquals(0, list.exitCode(), list.output());
        assertTrue(list.output().contains("json schema validated"), list.output());
        assertJob(list.output(), "mlops-train", "on_success", "[mlops-package]");
        assertJob(list.output(), "mlops-deploy", "manual", "[mlops-evaluate]");
    }

    @Test
    void wronglyTypedInputFailsBeforeAnyJobRuns() {
        GitlabCiLocal.Result run = componentProject("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                    inputs:
                      gate-skip: maybe
                """).run(List.of(), 3);
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("gate-skip"), run.output());
        assertTrue(!run.output().contains("starting shell"), "no job may start:\n" + run.output());
    }

    @Test
    void everyExamplePassesTheSchemaCheck() throws Exception {
        Path git = ComponentRemote.publish(tmp.resolve("git"), "0.1.0");
        Path models = tmp.resolve("models");
        try (Stream<Path> examples = Files.list(GitlabCiLocal.COMPONENT.resolve("examples"))) {
            for (Path example : examples.sorted().toList()) {
                GitlabCiLocal.deleteTree(models);
                GitlabCiLocal.copy(example, models.resolve(".gitlab-ci.yml"));
                GitlabCiLocal.initRepository(models, "acme/models");
                GitlabCiLocal gcl = new GitlabCiLocal(models).env("GIT_CONFIG_GLOBAL", git.resolve("gitconfig").toString());
                List<String> args = List.of("--list-all", "--variable", "CI_PIPELINE_SOURCE=schedule");
                GitlabCiLocal.Result list = gcl.run(args, 3);
                // gitlab-ci-local 4.73.0 fetches a component included twice in parallel and can race with
                // itself ("cp: cannot create directory … File exists"); its cache makes a second run safe
                if (list.exitCode() != 0 && list.output().contains("File exists")) {
                    list = gcl.run(args, 3);
                }
                assertEquals(0, list.exitCode(), example.getFileName() + ":\n" + list.output());
                assertTrue(list.output().contains("json schema validated"), example.getFileName() + ":\n" + list.output());
            }
        }
    }

    private GitlabCiLocal componentProject(String gitlabCi) {
        Path repo = tmp.resolve("component");
        GitlabCiLocal.copyComponent(repo);
        GitlabCiLocal.write(repo.resolve(".gitlab-ci.yml"), gitlabCi);
        GitlabCiLocal.initRepository(repo, "mlops/gitlab-templates");
        return new GitlabCiLocal(repo);
    }

    private static void assertJob(String list, String job, String when, String needs) {
        String line = list.lines().filter(l -> l.startsWith(job + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + job + " in:\n" + list));
        assertTrue(line.matches(".*\\b" + when + "\\b.*") && line.trim().endsWith(needs), job + ": expected " + when + " " + needs + ", got: " + line);
    }
}
