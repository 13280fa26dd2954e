package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Template inputs of the bad-input catalogue (docs/reliability.md) beyond those of TemplatesSchemaTest:
 * each is refused by GitLab's own input checks, naming the input, before any job runs. (A misspelt input
 * name is refused by GitLab but accepted by gitlab-ci-local 4.73.0, so it cannot be proved here.)
 */
class TemplateBadInputsTest {

    @TempDir
    Path tmp;

    @Test
    void aSingleJobTemplateRefusesAnUnknownBackend() {
        refused("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/train@$CI_COMMIT_SHA
                    inputs:
                      backend: kubernetes
                """, "kubernetes");
    }

    @Test
    void aListWhereAStringIsExpectedIsRefusedByName() {
        refused("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                    inputs:
                      store: [a, b]
                """, "store");
    }

    @Test
    void aRoleNameWhereAnIamRoleArnIsExpectedIsRefused() {
        refused("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/train@$CI_COMMIT_SHA
                    inputs:
                      backend: sagemaker
                      sagemaker-role: mlops-sagemaker-execution
                """, "sagemaker-role");
    }

    @Test
    void anInstanceCountOfZeroIsRefused() {
        refused("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                    inputs:
                      backend: sagemaker
                      sagemaker-instance-count: "0"
                """, "sagemaker-instance-count");
    }

    @Test
    void aRegionThatIsNotARegionCodeIsRefused() {
        refused("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/version@$CI_COMMIT_SHA
                    inputs:
                      aws-region: Europe
                """, "aws-region");
    }

    @Test
    void aTopicNameWhereAnSnsTopicArnIsExpectedIsRefused() {
        refused("""
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/notify@$CI_COMMIT_SHA
                    inputs:
                      sns-topic-arn: ml-releases
                """, "sns-topic-arn");
    }

    private void refused(String gitlabCi, String named) {
        Path repo = tmp.resolve("component");
        GitlabCiLocal.copyComponent(repo);
        GitlabCiLocal.write(repo.resolve(".gitlab-ci.yml"), gitlabCi);
        GitlabCiLocal.initRepository(repo, "mlops/gitlab-templates");
        GitlabCiLocal.Result run = new GitlabCiLocal(repo).run(List.of(), 3);
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(named), "the refusal names '" + named + "':\n" + run.output());
        assertTrue(!run.output().contains("starting shell"), "no job may start:\n" + run.output());
    }
}
