package dev.mlops.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the templates hand to Maven for AWS: the -D flags of the AWS and SageMaker inputs, the role assumed with
 * the job's ID token, a script that execs Maven, and the warning on a store that dies with the pipeline. The
 * jobs run under gitlab-ci-local with a recording {@code mvn} first on the PATH: SageMaker cannot run here, and
 * what is checked is the command and environment the template gives the plugin (PipelineEndToEndTest runs the
 * real goals).
 */
class AwsJobsTest {

    // shaped like a JWT, so that a leak would look like one
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9qZWN0X3BhdGg6Z3JvdXAvcHJvamVjdCJ9.c2VjcmV0LXNpZ25hdHVyZS0xMjM0";
    private static final String ROLE = "arn:aws:iam::123456789012:role/mlops-ci";
    private static final String EXECUTION_ROLE = "arn:aws:iam::123456789012:role/mlops-sagemaker-execution";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ml-releases";
    private static final String WARNING = "WARNING: the model store '.mlops/store' is a directory";

    /** Records its arguments and what it was given of the job's AWS environment, one {@code key=value} a line. */
    private static final String RECORDING_MVN = """
            #!/bin/bash
            out="$MLOPS_TEST_RECORDS/$CI_JOB_NAME.txt"
            { for a in "$@"; do echo "arg=$a"; done
              echo "AWS_ROLE_ARN=${AWS_ROLE_ARN-unset}"
              echo "AWS_ROLE_SESSION_NAME=${AWS_ROLE_SESSION_NAME-unset}"
              echo "AWS_REGION=${AWS_REGION-unset}"
              echo "MLOPS_ID_TOKEN=${MLOPS_ID_TOKEN+set}"
              if [ -n "$AWS_WEB_IDENTITY_TOKEN_FILE" ]; then
                echo "token-file=$(cat "$AWS_WEB_IDENTITY_TOKEN_FILE")"
                echo "token-file-mode=$(stat -c %a "$AWS_WEB_IDENTITY_TOKEN_FILE")"
              fi
              # shells between gitlab-ci-local and this process: one (its wrapper) when the job script exec'd
              shells=0; p=$PPID
              while [ "$(cat /proc/$p/comm)" != node ] && [ "$p" -gt 1 ]; do shells=$((shells+1)); p=$(awk '{print $4}' /proc/$p/stat); done
              echo "shells=$shells"
            } > "$out"
            mkdir -p target/mlops && touch target/mlops/mlops.env target/mlops/metrics.txt
            echo "recording mvn: $# arguments"
            """;

    @TempDir
    Path tmp;

    @Test
    void sagemakerInputsBecomeFlagsAndTheJobsAssumeTheRoleWithTheirToken() throws Exception {
        Run run = pipeline("""
                      backend: sagemaker
                      store: s3://my-models/team
                      aws-region: eu-west-1
                      aws-role-arn: %s
                      sagemaker-role: %s
                      sagemaker-instance-type: ml.m5.xlarge
                      sagemaker-instance-count: "2"
                      sns-topic-arn: %s
                """.formatted(ROLE, EXECUTION_ROLE, TOPIC));

        List<String> train = run.args("mlops-train");
        for (String flag : List.of("-Dmlops.backend=sagemaker", "-Dmlops.store=s3://my-models/team",
                "-Dmlops.aws.region=eu-west-1", "-Dmlops.sagemaker.role=" + EXECUTION_ROLE,
                "-Dmlops.sagemaker.instanceType=ml.m5.xlarge", "-Dmlops.sagemaker.instanceCount=2")) {
            assertTrue(train.contains(flag), flag + " not in " + train);
        }
        assertTrue(run.args("mlops-deploy").contains("-Dmlops.backend=local"), "deploy keeps its own backend: "
                + run.args("mlops-deploy"));
        for (String job : List.of("mlops-version", "mlops-package", "mlops-train", "mlops-evaluate", "mlops-deploy")) {
            Map<String, String> env = run.env(job);
            assertEquals(ROLE, env.get("AWS_ROLE_ARN"), job);
            assertEquals(TOKEN, env.get("token-file"), job + ": the SDK reads the ID token from this file");
            assertEquals("600", env.get("token-file-mode"), job);
            assertEquals("", env.get("MLOPS_ID_TOKEN"), job + ": the token must leave the environment");
            assertTrue(env.get("AWS_ROLE_SESSION_NAME").startsWith("gitlab-"), job + ": " + env);
            assertEquals("eu-west-1", env.get("AWS_REGION"), job);
            assertTrue(run.args(job).contains("-Dmlops.aws.region=eu-west-1"), job);
            assertEquals("1", env.get("shells"), job + ": the script must exec mvn, so that a cancel's SIGTERM reaches it");
        }
        List<String> notify = run.args("mlops-notify-success");
        assertTrue(notify.contains("-Dmlops.notify.sns.topicArn=" + TOPIC) && notify.contains("-Dmlops.aws.region=eu-west-1"),
                "the notify job publishes to the topic: " + notify);
        assertEquals(ROLE, run.env("mlops-notify-success").get("AWS_ROLE_ARN"), "SNS with the role the ID token assumes");
        assertEquals(TOKEN, run.env("mlops-notify-success").get("token-file"));
        assertFalse(run.log().contains(TOKEN), "the ID token is in the job log");
        assertFalse(run.log().contains("WARNING: the model store"), "no warning for an s3:// store:\n" + run.log());
    }

    @Test
    void withDefaultsNoAwsSettingIsPassedAndTheFileStoreIsWarnedAbout() throws Exception {
        Run run = pipeline("");

        List<String> train = run.args("mlops-train");
        assertTrue(train.contains("-Dmlops.backend=local"), train.toString());
        assertTrue(train.stream().noneMatch(a -> a.startsWith("-Dmlops.sagemaker.") || a.startsWith("-Dmlops.aws.")),
                "empty inputs leave the POM's settings alone: " + train);
        Map<String, String> env = run.env("mlops-train");
        assertEquals("unset", env.get("AWS_ROLE_ARN"), "no role input, no web identity: the SDK's chain as the runner has it");
        assertFalse(env.containsKey("token-file"), env.toString());
        assertEquals("", env.get("MLOPS_ID_TOKEN"));
        assertEquals("unset", env.get("AWS_REGION"));
        assertTrue(run.args("mlops-notify-success").stream().noneMatch(a -> a.startsWith("-Dmlops.notify.sns.")),
                "no topic input, no SNS: " + run.args("mlops-notify-success"));
        for (String job : List.of("mlops-version", "mlops-deploy")) {
            assertTrue(run.jobLines(job).stream().anyMatch(l -> l.contains(WARNING) && l.contains("Set the input 'store'")
                    && l.contains("versions restart at 1.0.0")), job + " must warn:\n" + run.log());
        }
        for (String job : List.of("mlops-validate", "mlops-package", "mlops-train", "mlops-evaluate", "mlops-undeploy")) {
            assertTrue(run.jobLines(job).stream().noneMatch(l -> l.contains(WARNING)), job + " warns once too often");
        }
        assertFalse(run.log().contains(TOKEN), "the ID token is in the job log");
    }

    @Test
    void theExecCheckTellsAScriptThatExecsFromOneThatDoesNot() throws Exception {
        // proves that "shells=1" above is the exec and not an accident of gitlab-ci-local
        Path repo = tmp.resolve("control");
        Files.createDirectories(repo);
        GitlabCiLocal.write(repo.resolve(".gitlab-ci.yml"), """
                with-exec:
                  script: [exec mvn verify]
                without-exec:
                  script: [mvn verify]
                """);
        GitlabCiLocal.initRepository(repo, "acme/control");
        Run run = run(repo, List.of());

        assertEquals("1", run.env("with-exec").get("shells"));
        assertEquals("2", run.env("without-exec").get("shells"));
    }

    private Run pipeline(String inputs) throws Exception {
        Path repo = tmp.resolve("component");
        GitlabCiLocal.copyComponent(repo);
        GitlabCiLocal.write(repo.resolve(".gitlab-ci.yml"), """
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/model-pipeline@$CI_COMMIT_SHA
                    inputs:
                      image-repository: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/spam-classifier
                """ + inputs);
        GitlabCiLocal.initRepository(repo, "mlops/gitlab-templates");
        return run(repo, List.of("--manual", "mlops-deploy", "--manual", "mlops-undeploy",
                "--variable", "MLOPS_ID_TOKEN=" + TOKEN));
    }

    private Run run(Path repo, List<String> args) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, RECORDING_MVN);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path records = Files.createDirectories(tmp.resolve("records"));
        List<String> all = new ArrayList<>(List.of("--concurrency", "1"));
        all.addAll(args);
        GitlabCiLocal.Result result = new GitlabCiLocal(repo).env("PATH", bin + ":" + System.getenv("PATH"))
                .env("MLOPS_TEST_RECORDS", records.toString()).run(all, 5);
        assertEquals(0, result.exitCode(), GitlabCiLocal.tail(result.output()));
        assertTrue(result.output().contains("json schema validated"), result.output());
        return new Run(result.output(), records);
    }

    private record Run(String log, Path records) {

        List<String> lines(String job) {
            Path file = records.resolve(job + ".txt");
            assertTrue(Files.isRegularFile(file), job + " did not run mvn:\n" + GitlabCiLocal.tail(log));
            return GitlabCiLocal.read(file).lines().toList();
        }

        List<String> args(String job) {
            return lines(job).stream().filter(l -> l.startsWith("arg=")).map(l -> l.substring(4)).toList();
        }

        Map<String, String> env(String job) {
            Map<String, String> env = new LinkedHashMap<>();
            lines(job).stream().filter(l -> !l.startsWith("arg=") && l.contains("="))
                    .forEach(l -> env.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
            return env;
        }

        /** What the job printed, as gitlab-ci-local shows it ({@code <job> > <line>}). */
        List<String> jobLines(String job) {
            return log.lines().filter(l -> l.startsWith(job + " > ")).toList();
        }
    }
}
