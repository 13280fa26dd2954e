package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The templates run for real on copies of sample-model-repo: each job in its own copy of the project
 * and with its own HOME, so a later job sees the store, the versions and the endpoint's state only
 * because they arrived as artifacts and dotenv reports.
 */
class PipelineEndToEndTest {

    private static final String LOCAL_REPOSITORY = System.getProperty("mlops.test.localRepository");
    private static final String PLUGIN_VERSION = System.getProperty("mlops.test.pluginVersion");

    @TempDir
    Path tmp;

    @Test
    void hiddenJobsExtendedForTwoModelsTrainDeployAndStop() throws Exception {
        Path git = ComponentRemote.publish(tmp.resolve("git"), "under-test");
        Path repo = tmp.resolve("models");
        GitlabCiLocal.copySampleModel(repo.resolve("models/spam"));
        GitlabCiLocal.copySampleModel(repo.resolve("models/ham"));
        Path hamPom = repo.resolve("models/ham/pom.xml");
        Files.writeString(hamPom, Files.readString(hamPom).replace("<model>spam-classifier</model>", "<model>ham-classifier</model>"));
        GitlabCiLocal.write(repo.resolve(".gitlab-ci.yml"), isolatedJobs() + """
                include:
                  - project: mlops/gitlab-templates
                    ref: under-test
                    file: /mlops.gitlab-ci.yml
                stages: [build, deploy]
                .models:
                  variables:
                    MLOPS_CI_MAVEN_ARGS: "%s"
                    MLOPS_CI_PLUGIN_VERSION: "%s"
                .spam:
                  extends: .models
                  variables: { MLOPS_CI_MODULE: models/spam }
                .ham:
                  extends: .models
                  variables: { MLOPS_CI_MODULE: models/ham }
                spam-train:
                  extends: [.mlops-train, .spam]
                  stage: build
                ham-train:
                  extends: [.mlops-train, .ham]
                  stage: build
                spam-deploy:
                  extends: [.mlops-deploy, .spam]
                  stage: deploy
                  needs: [spam-train]
                  environment: { name: spam, url: $MLOPS_ENDPOINT_URL, on_stop: spam-undeploy }
                  resource_group: spam
                spam-undeploy:
                  extends: [.mlops-undeploy, .spam]
                  stage: deploy
                  needs: [spam-deploy]
                  environment: { name: spam, action: stop }
                  when: manual
                """.formatted(mavenArgs(), PLUGIN_VERSION));
        GitlabCiLocal.initRepository(repo, "acme/models");
        GitlabCiLocal gcl = new GitlabCiLocal(repo).env("GIT_CONFIG_GLOBAL", git.resolve("gitconfig").toString());

        GitlabCiLocal.Result run = gcl.run(List.of("--concurrency", "1", "--manual", "spam-undeploy"), 12);
        String endpointUrl = null;
        try {
            assertEquals(0, run.exitCode(), GitlabCiLocal.tail(run.output()));
            Map<String, String> spam = gcl.dotenv("spam-train", "models/spam/target/mlops/mlops.env");
            Map<String, String> ham = gcl.dotenv("ham-train", "models/ham/target/mlops/mlops.env");
            Map<String, String> deployed = gcl.dotenv("spam-deploy", "models/spam/target/mlops/mlops.env");
            endpointUrl = deployed.get("MLOPS_ENDPOINT_URL");
            assertEquals("spam-classifier", spam.get("MLOPS_MODEL"));
            assertEquals("ham-classifier", ham.get("MLOPS_MODEL"));
            // the version trained in one job is the one deployed in the next: it travelled as dotenv
            assertEquals(spam.get("MLOPS_VERSION"), deployed.get("MLOPS_DEPLOYED_VERSION"), deployed.toString());
            assertTrue(endpointUrl != null && endpointUrl.startsWith("http://"), deployed.toString());
            // the store travelled as an artifact, from train to deploy
            Path stored = Path.of("models/spam/.mlops/store/models/spam-classifier", spam.get("MLOPS_VERSION"), "model.tar.gz");
            assertTrue(Files.isRegularFile(gcl.artifacts("spam-train").resolve(stored)), "train's artifacts lack " + stored);
            assertTrue(Files.isRegularFile(gcl.artifacts("spam-deploy").resolve(stored)), "deploy's artifacts lack " + stored);
            assertTrue(Files.isDirectory(gcl.artifacts("spam-deploy").resolve("models/spam/.mlops/endpoints")), "deploy hands its endpoint on");
            // no job left anything in a home directory for another job to find
            assertFalse(GitlabCiLocal.anyFileNamed(tmp.resolve("homes"), ".mlops"), "a job wrote ~/.mlops");
            assertTrue(run.output().contains("spam-undeploy") && run.output().contains("PASS  spam-undeploy"), GitlabCiLocal.tail(run.output()));
            assertFalse(answers(endpointUrl), "the stop job left " + endpointUrl + " running");
        } finally {
            stopIfRunning(repo.resolve(".gitlab-ci-local/builds/spam-deploy/models/spam"), endpointUrl);
        }
    }

    @Test
    void compositeComponentRunsTheWholePipeline() throws Exception {
        Path repo = tmp.resolve("component");
        GitlabCiLocal.copyComponent(repo);
        GitlabCiLocal.copySampleModel(repo.resolve("spam"));
        GitlabCiLocal.write(repo.resolve(".gitlab-ci.yml"), isolatedJobs() + """
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                    inputs:
                      module: spam
                      plugin-version: "%s"
                      maven-args: "%s"
                      gate-primary-metric: accuracy
                """.formatted(PLUGIN_VERSION, mavenArgs() + SCRATCH_BASE));
        GitlabCiLocal.initRepository(repo, "mlops/gitlab-templates");
        GitlabCiLocal gcl = new GitlabCiLocal(repo);
        GitlabCiLocal.Result run = gcl.run(List.of("--concurrency", "1", "--manual", "mlops-deploy", "--manual", "mlops-undeploy"), 15);
        String endpointUrl = null;
        try {
            assertEquals(0, run.exitCode(), GitlabCiLocal.tail(run.output()));
            String version = gcl.dotenv("mlops-version", "spam/target/mlops/mlops.env").get("MLOPS_VERSION");
            Map<String, String> packaged = gcl.dotenv("mlops-package", "spam/target/mlops/mlops.env");
            Map<String, String> deployed = gcl.dotenv("mlops-deploy", "spam/target/mlops/mlops.env");
            endpointUrl = deployed.get("MLOPS_ENDPOINT_URL");
            assertEquals(version, gcl.dotenv("mlops-train", "spam/target/mlops/mlops.env").get("MLOPS_VERSION"));
            assertEquals(version, deployed.get("MLOPS_DEPLOYED_VERSION"));
            assertTrue(packaged.containsKey("MLOPS_IMAGE_DIGEST"), packaged.toString());
            assertTrue(Files.isRegularFile(gcl.artifacts("mlops-package").resolve("spam/target/mlops/image.tar")));
            assertTrue(Files.isRegularFile(gcl.artifacts("mlops-evaluate").resolve("spam/target/mlops/evaluation.html")));
            assertEquals("accuracy", gcl.dotenv("mlops-evaluate", "spam/target/mlops/mlops.env").get("MLOPS_PRIMARY_METRIC"),
                    "the gate-primary-metric input reaches the gate");
            assertFalse(GitlabCiLocal.anyFileNamed(tmp.resolve("homes"), ".mlops"), "a job wrote ~/.mlops");
            assertFalse(answers(endpointUrl), "the stop job left " + endpointUrl + " running");
        } finally {
            stopIfRunning(repo.resolve(".gitlab-ci-local/builds/mlops-deploy/spam"), endpointUrl);
        }
    }

    // each job its own HOME (and Java's user.home, which ignores HOME), as on a fresh runner
    // no base image with a JRE can be pulled offline; the image built here only has to travel between
    // jobs (PackageImageIT builds one on a real JRE base and runs it)
    private static final String SCRATCH_BASE = " -Dmlops.image.base=scratch";

    private String isolatedJobs() {
        String homes = tmp.resolve("homes").toString();
        return """
                variables:
                  HOME: %s/$CI_JOB_NAME_SLUG
                  MAVEN_OPTS: -Duser.home=%s/$CI_JOB_NAME_SLUG
                """.formatted(homes, homes);
    }

    private static String mavenArgs() {
        return "--batch-mode --no-transfer-progress -Dmaven.repo.local=" + LOCAL_REPOSITORY;
    }

    private static boolean answers(String url) {
        if (url == null) {
            return false;
        }
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/ping")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // a failed assertion must not leave the endpoint's processes behind
    private static void stopIfRunning(Path module, String url) {
        if (answers(url) && Files.isDirectory(module)) {
            GitlabCiLocal.exec(module, List.of("mvn", "-B", "-q", "-Dmaven.repo.local=" + LOCAL_REPOSITORY,
                    "dev.mlops:mlops-maven-plugin:" + PLUGIN_VERSION + ":undeploy", "-Dmlops.endpoints=.mlops/endpoints",
                    "-Dmlops.store=.mlops/store"), 3, Map.of());
        }
    }
}
