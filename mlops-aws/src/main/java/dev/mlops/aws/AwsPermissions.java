package dev.mlops.aws;

import dev.mlops.aws.sagemaker.TrainingJobName;
import dev.mlops.aws.store.S3Location;
import dev.mlops.aws.store.S3ModelStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Each role's AWS operations, the one list in code: the IAM policies of docs/aws-setup.md are rendered from here
 * (a test compares them), and a test compares the caller's actions with the SDK calls the code makes.
 * <ul>
 * <li>{@link Role#CALLER}: whoever runs the goals (the CI job's role): the store, the ECR repository, the training
 * jobs and their logs, passing the execution role to SageMaker, and publishing to the notifications' SNS topic;</li>
 * <li>{@link Role#EXECUTION}: the role SageMaker runs the training job as: read the channels and write the output
 * under the store's prefix, pull the image, write the job's logs and metrics.</li>
 * </ul>
 * Resources are scoped to the store's bucket and prefix, the model's repository and its training jobs' name prefix.
 */
public final class AwsPermissions {

    /** Where SageMaker writes training jobs' logs (one stream per host, named after the job). */
    public static final String TRAINING_LOG_GROUP = "/aws/sagemaker/TrainingJobs";
    /** The service principal that assumes the execution role and to which the caller may pass it. */
    public static final String SAGEMAKER_PRINCIPAL = "sagemaker.amazonaws.com";

    /**
     * What Jib calls on ECR's registry API (Docker Registry HTTP API v2 over HTTPS, not an SDK method) to push an
     * image and to read existing layers and manifests; IAM authorises each request as one of these actions.
     */
    public static final List<String> REGISTRY_PUSH_ACTIONS = List.of("ecr:BatchCheckLayerAvailability",
            "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
            "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer");
    /** What SageMaker calls on the registry API, as the execution role, to pull the training image. */
    public static final List<String> REGISTRY_PULL_ACTIONS = List.of("ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage");

    /** The two roles a training needs. */
    public enum Role { CALLER, EXECUTION }

    /**
     * What the policies are scoped to.
     *
     * @param model the model's name: its training jobs are named {@code <model>-<version>}
     * @param executionRole the name of the SageMaker execution role (the caller may pass only it)
     * @param topic the name of the SNS topic mlops:notify publishes to
     */
    public record Scope(String account, String region, S3Location store, String model, String repository,
                        String executionRole, String topic) {

        /** The topic's name in the documentation's policies. */
        public static final String EXAMPLE_TOPIC = "mlops-notifications";

        public Scope(String account, String region, S3Location store, String model, String repository,
                     String executionRole) {
            this(account, region, store, model, repository, executionRole, EXAMPLE_TOPIC);
        }

        /** The values the documentation's policies are rendered with. */
        public static Scope example() {
            return new Scope("123456789012", "eu-west-1", new S3Location("my-models", "team"), "spam-classifier",
                    "spam-classifier", "mlops-sagemaker-execution");
        }

        String executionRoleArn() {
            return "arn:aws:iam::" + account + ":role/" + executionRole;
        }

        private String arn(String service, String resource) {
            return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
        }
    }

    /**
     * Who may assume the caller role: GitLab CI jobs of one project, on the listed branches only, with an ID token
     * of the given audience.
     *
     * @param host the GitLab host, as the identity provider is named ({@code gitlab.example.com})
     * @param branches branch names, or patterns with {@code *}: IAM cannot read GitLab's {@code ref_protected} claim,
     *     so these are the protected branches
     */
    public record GitLabTrust(String account, String host, String projectPath, List<String> branches, String audience) {

        public GitLabTrust {
            branches = List.copyOf(branches);
        }

        public static GitLabTrust example() {
            return new GitLabTrust("123456789012", "gitlab.example.com", "group/project", List.of("main"),
                    "sts.amazonaws.com");
        }
    }

    /** One statement of a policy: {@code conditions} is operator → key → values, as IAM writes it. */
    public record Statement(String sid, List<String> actions, List<String> resources,
                            Map<String, Map<String, List<String>>> conditions) {

        public Statement {
            actions = List.copyOf(actions);
            resources = List.copyOf(resources);
            conditions = Map.copyOf(conditions);
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("Sid", sid);
            json.put("Effect", "Allow");
            json.put("Action", actions);
            json.put("Resource", resources.size() == 1 ? resources.get(0) : resources);
            if (!conditions.isEmpty()) {
                Map<String, Object> byOperator = new LinkedHashMap<>();
                conditions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(operator -> {
                    Map<String, Object> byKey = new LinkedHashMap<>();
                    operator.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey())
                            .forEach(key -> byKey.put(key.getKey(), key.getValue().size() == 1 ? key.getValue().get(0)
                                    : key.getValue()));
                    byOperator.put(operator.getKey(), byKey);
                });
                json.put("Condition", byOperator);
            }
            return json;
        }
    }

    private AwsPermissions() {}

    /** The statements of {@code role}'s policy, scoped to {@code scope}. */
    public static List<Statement> statements(Role role, Scope scope) {
        return role == Role.CALLER ? caller(scope) : execution(scope);
    }

    /** Every action {@code role} is granted, whatever the scope. */
    public static Set<String> actions(Role role) {
        Set<String> actions = new TreeSet<>();
        statements(role, Scope.example()).forEach(s -> actions.addAll(s.actions()));
        return actions;
    }

    /** {@code role}'s identity policy as IAM takes it (JSON, two-space indented). */
    public static String policy(Role role, Scope scope) {
        return document(statements(role, scope).stream().map(Statement::json).toList());
    }

    /** The execution role's trust policy: only SageMaker assumes it. */
    public static String executionTrustPolicy() {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Service", SAGEMAKER_PRINCIPAL));
        statement.put("Action", "sts:AssumeRole");
        return document(List.of(statement));
    }

    /** The caller role's trust policy for GitLab's OIDC identity provider. */
    public static String gitLabTrustPolicy(GitLabTrust trust) {
        List<String> subjects = trust.branches().stream()
                .map(branch -> "project_path:" + trust.projectPath() + ":ref_type:branch:ref:" + branch).toList();
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("StringEquals", Map.of(trust.host() + ":aud", trust.audience()));
        // StringLike: a branch pattern such as release/* matches as the branch protection rule does
        conditions.put("StringLike", Map.of(trust.host() + ":sub", subjects.size() == 1 ? subjects.get(0) : subjects));
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Federated", "arn:aws:iam::" + trust.account() + ":oidc-provider/" + trust.host()));
        statement.put("Action", "sts:AssumeRoleWithWebIdentity");
        statement.put("Condition", conditions);
        return document(List.of(statement));
    }

    private static List<Statement> caller(Scope scope) {
        S3Location store = scope.store();
        List<String> objectActions = new ArrayList<>(S3ModelStore.IAM_ACTIONS);
        objectActions.remove("s3:ListBucket"); // granted on the bucket, below, for the prefix only
        Set<String> repositoryActions = new LinkedHashSet<>(List.of("ecr:DescribeRepositories", "ecr:CreateRepository"));
        repositoryActions.addAll(REGISTRY_PUSH_ACTIONS);
        String logGroup = scope.arn("logs", "log-group:" + TRAINING_LOG_GROUP);
        return List.of(
                listUnderPrefix("StoreList", store),
                new Statement("StoreObjects", objectActions, List.of(objects(store)), Map.of()),
                // GetAuthorizationToken has no resource to scope it to
                new Statement("RegistryToken", List.of("ecr:GetAuthorizationToken"), List.of("*"), Map.of()),
                new Statement("RegistryRepository", List.copyOf(repositoryActions),
                        List.of(scope.arn("ecr", "repository/" + scope.repository())), Map.of()),
                // CreateTrainingJob with Tags is also authorised as sagemaker:AddTags on the new job
                new Statement("TrainingJobs", List.of("sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob",
                        "sagemaker:StopTrainingJob", "sagemaker:AddTags"),
                        List.of(scope.arn("sagemaker", "training-job/" + trainingJobPrefix(scope.model()) + "*")), Map.of()),
                new Statement("TrainingLogStreams", List.of("logs:DescribeLogStreams"), List.of(logGroup + ":*"), Map.of()),
                // a job's streams are named <job name>/<host>-<id>
                new Statement("TrainingLogEvents", List.of("logs:GetLogEvents"),
                        List.of(logGroup + ":log-stream:" + trainingJobPrefix(scope.model()) + "*"), Map.of()),
                new Statement("PassExecutionRole", List.of("iam:PassRole"), List.of(scope.executionRoleArn()),
                        Map.of("StringEquals", Map.of("iam:PassedToService", List.of(SAGEMAKER_PRINCIPAL)))),
                // mlops:notify's SNS channel publishes to the one topic
                new Statement("NotifyTopic", List.of("sns:Publish"), List.of(scope.arn("sns", scope.topic())), Map.of()));
    }

    private static List<Statement> execution(Scope scope) {
        S3Location store = scope.store();
        return List.of(
                listUnderPrefix("ChannelsList", store),
                new Statement("ChannelsAndOutput", List.of("s3:GetObject", "s3:PutObject"), List.of(objects(store)), Map.of()),
                new Statement("ImageToken", List.of("ecr:GetAuthorizationToken"), List.of("*"), Map.of()),
                new Statement("ImagePull", REGISTRY_PULL_ACTIONS, List.of(scope.arn("ecr", "repository/" + scope.repository())),
                        Map.of()),
                new Statement("JobLogs", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                        "logs:DescribeLogStreams"), List.of(scope.arn("logs", "log-group:" + TRAINING_LOG_GROUP) + ":*"),
                        Map.of()),
                // PutMetricData has no resource; the namespace condition keeps it to training metrics
                new Statement("JobMetrics", List.of("cloudwatch:PutMetricData"), List.of("*"),
                        Map.of("StringEquals", Map.of("cloudwatch:namespace", List.of(TRAINING_LOG_GROUP)))));
    }

    /**
     * How every training job name of {@code model} starts ({@code <model>-<version>}, other characters than letters
     * and digits as '-'), in lower case as SageMaker writes training-job ARNs: the one rule the policies scope jobs by.
     */
    public static String trainingJobPrefix(String model) {
        return TrainingJobName.prefix(model).toLowerCase(Locale.ROOT);
    }

    private static Statement listUnderPrefix(String sid, S3Location store) {
        Map<String, Map<String, List<String>>> underPrefix = store.prefix().isEmpty() ? Map.of()
                : Map.of("StringLike", Map.of("s3:prefix", List.of(store.prefix() + "/*")));
        return new Statement(sid, List.of("s3:ListBucket"), List.of("arn:aws:s3:::" + store.bucket()), underPrefix);
    }

    private static String objects(S3Location store) {
        return "arn:aws:s3:::" + store.bucket() + "/" + (store.prefix().isEmpty() ? "" : store.prefix() + "/") + "*";
    }

    // longer lists of strings go one a line
    private static final int LINE = 90;

    private static String document(List<Map<String, Object>> statements) {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", statements);
        StringBuilder out = new StringBuilder();
        write(policy, "", out);
        return out.append('\n').toString();
    }

    // objects one key a line, lists of strings on one line: the layout people read policies in
    private static void write(Object value, String indent, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(indent).append("  ");
                string(entry.getKey().toString(), out);
                out.append(": ");
                write(entry.getValue(), indent + "  ", out);
                out.append(++i < map.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map) {
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                write(list.get(i), indent + "  ", out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof List<?> list) {
            StringBuilder inline = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                string(list.get(i).toString(), inline);
                inline.append(i + 1 < list.size() ? ", " : "");
            }
            if (inline.length() + indent.length() < LINE) {
                out.append(inline).append(']');
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                out.append(indent).append("  ");
                string(list.get(i).toString(), out);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
