package dev.mlops.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sagemaker.model.TrainingInstanceType;

/**
 * The documented constraints (SageMaker API reference: CreateTrainingJob, DescribeTrainingJob, StopTrainingJob and
 * their shapes; CloudWatch Logs: DescribeLogStreams, GetLogEvents) that the fake checks on every request: required
 * members, name patterns and lengths, enums, list sizes. An empty list: the request is valid.
 */
final class SageMakerConstraints {

    static final Pattern JOB_NAME = Pattern.compile("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$");
    static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$");
    static final Pattern S3_URI = Pattern.compile("^(https|s3)://([^/]+)/?(.*)$");
    static final Pattern IMAGE = Pattern.compile("[\\S]+");
    static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9\\.\\-_]+");
    static final Pattern TAG = Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    static final Pattern VPC_ID = Pattern.compile("[-0-9a-zA-Z]+");
    static final Pattern LOG_GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    static final Pattern LOG_STREAM = Pattern.compile("[^:*]*");
    static final Set<String> INPUT_MODES = Set.of("Pipe", "File", "FastFile");
    static final Set<String> S3_DATA_TYPES = Set.of("ManifestFile", "S3Prefix", "AugmentedManifestFile", "Converse");
    static final Set<String> DISTRIBUTIONS = Set.of("FullyReplicated", "ShardedByS3Key");
    static final Set<String> CREATE_MEMBERS = Set.of("TrainingJobName", "HyperParameters", "AlgorithmSpecification",
            "RoleArn", "InputDataConfig", "OutputDataConfig", "ResourceConfig", "VpcConfig", "StoppingCondition", "Tags",
            "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "EnableManagedSpotTraining",
            "CheckpointConfig", "Environment", "RetryStrategy", "ExperimentConfig");

    private SageMakerConstraints() {}

    static List<String> check(String target, JsonNode body) {
        List<String> problems = new ArrayList<>();
        switch (target) {
            case "SageMaker.CreateTrainingJob" -> create(body, problems);
            case "SageMaker.DescribeTrainingJob", "SageMaker.StopTrainingJob" -> jobName(body, problems);
            case "Logs_20140328.DescribeLogStreams" -> {
                string(body, "logGroupName", 1, 512, LOG_GROUP, true, problems);
                string(body, "logStreamNamePrefix", 1, 512, LOG_STREAM, false, problems);
                range(body, "limit", 1, 50, false, problems);
                if (body.has("orderBy") && "LastEventTime".equals(body.path("orderBy").asText()) && body.has("logStreamNamePrefix")) {
                    problems.add("orderBy LastEventTime cannot be used with logStreamNamePrefix");
                }
            }
            case "Logs_20140328.GetLogEvents" -> {
                string(body, "logGroupName", 1, 512, LOG_GROUP, true, problems);
                string(body, "logStreamName", 1, 512, LOG_STREAM, true, problems);
                range(body, "limit", 1, 10000, false, problems);
            }
            default -> problems.add("operation not played by the fake: " + target);
        }
        return problems;
    }

    private static void jobName(JsonNode body, List<String> problems) {
        string(body, "TrainingJobName", 1, 63, JOB_NAME, true, problems);
    }

    private static void create(JsonNode body, List<String> problems) {
        body.fieldNames().forEachRemaining(f -> {
            if (!CREATE_MEMBERS.contains(f)) {
                problems.add("unexpected member " + f);
            }
        });
        jobName(body, problems);
        string(body, "RoleArn", 20, 2048, ROLE_ARN, true, problems);
        JsonNode algorithm = required(body, "AlgorithmSpecification", problems);
        string(algorithm, "TrainingImage", 0, 255, IMAGE, false, problems);
        oneOf(algorithm, "TrainingInputMode", INPUT_MODES, true, problems);
        JsonNode hyper = body.path("HyperParameters");
        if (hyper.size() > 100) {
            problems.add("HyperParameters: " + hyper.size() + " entries, at most 100");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = hyper.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().length() > 256 || e.getValue().asText().length() > 2500) {
                problems.add("HyperParameters." + e.getKey() + ": key at most 256, value at most 2500 characters");
            }
        }
        JsonNode input = body.path("InputDataConfig");
        if (body.has("InputDataConfig") && (input.size() < 1 || input.size() > 20)) {
            problems.add("InputDataConfig: " + input.size() + " channels, 1 to 20");
        }
        for (JsonNode channel : input) {
            string(channel, "ChannelName", 1, 64, CHANNEL, true, problems);
            JsonNode s3 = required(required(channel, "DataSource", problems), "S3DataSource", problems);
            oneOf(s3, "S3DataType", S3_DATA_TYPES, true, problems);
            string(s3, "S3Uri", 0, 1024, S3_URI, true, problems);
            oneOf(s3, "S3DataDistributionType", DISTRIBUTIONS, false, problems);
        }
        string(required(body, "OutputDataConfig", problems), "S3OutputPath", 0, 1024, S3_URI, true, problems);
        JsonNode resources = required(body, "ResourceConfig", problems);
        if (resources.has("InstanceType")
                && TrainingInstanceType.fromValue(resources.path("InstanceType").asText()) == TrainingInstanceType.UNKNOWN_TO_SDK_VERSION) {
            problems.add("ResourceConfig.InstanceType: not a TrainingInstanceType: " + resources.path("InstanceType"));
        }
        range(resources, "InstanceCount", 0, Integer.MAX_VALUE, false, problems);
        range(resources, "VolumeSizeInGB", 0, Integer.MAX_VALUE, true, problems);
        JsonNode stopping = required(body, "StoppingCondition", problems);
        range(stopping, "MaxRuntimeInSeconds", 1, Integer.MAX_VALUE, false, problems);
        range(stopping, "MaxWaitTimeInSeconds", 1, Integer.MAX_VALUE, false, problems);
        boolean spot = body.path("EnableManagedSpotTraining").asBoolean(false);
        if (stopping.has("MaxWaitTimeInSeconds") && !spot) {
            problems.add("StoppingCondition.MaxWaitTimeInSeconds is for managed spot training only");
        }
        if (stopping.has("MaxWaitTimeInSeconds")
                && stopping.path("MaxWaitTimeInSeconds").asLong() < stopping.path("MaxRuntimeInSeconds").asLong(86400)) {
            problems.add("StoppingCondition.MaxWaitTimeInSeconds must be at least MaxRuntimeInSeconds");
        }
        if (body.has("CheckpointConfig")) {
            string(body.path("CheckpointConfig"), "S3Uri", 0, 1024, S3_URI, true, problems);
        }
        if (body.has("VpcConfig")) {
            ids(body.path("VpcConfig"), "SecurityGroupIds", 5, problems);
            ids(body.path("VpcConfig"), "Subnets", 16, problems);
        }
        JsonNode tags = body.path("Tags");
        if (tags.size() > 50) {
            problems.add("Tags: " + tags.size() + ", at most 50");
        }
        for (JsonNode tag : tags) {
            string(tag, "Key", 1, 128, TAG, true, problems);
            string(tag, "Value", 0, 256, TAG, true, problems);
        }
    }

    private static void ids(JsonNode vpc, String member, int max, List<String> problems) {
        JsonNode list = vpc.path(member);
        if (list.size() < 1 || list.size() > max) {
            problems.add("VpcConfig." + member + ": " + list.size() + " ids, 1 to " + max);
        }
        for (JsonNode id : list) {
            if (id.asText().length() > 32 || !VPC_ID.matcher(id.asText()).matches()) {
                problems.add("VpcConfig." + member + ": '" + id.asText() + "' is not [-0-9a-zA-Z]+ of at most 32");
            }
        }
    }

    private static JsonNode required(JsonNode node, String member, List<String> problems) {
        if (!node.has(member)) {
            problems.add("missing required member " + member);
        }
        return node.path(member);
    }

    private static void string(JsonNode node, String member, int min, int max, Pattern pattern, boolean required,
            List<String> problems) {
        if (!node.has(member)) {
            if (required) {
                problems.add("missing required member " + member);
            }
            return;
        }
        String value = node.path(member).asText();
        if (!node.path(member).isTextual() || value.length() < min || value.length() > max || !pattern.matcher(value).matches()) {
            problems.add(member + " '" + value + "' breaks length " + min + "-" + max + " or pattern " + pattern);
        }
    }

    private static void oneOf(JsonNode node, String member, Set<String> values, boolean required, List<String> problems) {
        if (!node.has(member)) {
            if (required) {
                problems.add("missing required member " + member);
            }
        } else if (!values.contains(node.path(member).asText())) {
            problems.add(member + " '" + node.path(member).asText() + "' is not one of " + values);
        }
    }

    private static void range(JsonNode node, String member, long min, long max, boolean required, List<String> problems) {
        if (!node.has(member)) {
            if (required) {
                problems.add("missing required member " + member);
            }
        } else if (!node.path(member).isIntegralNumber() || node.path(member).asLong() < min || node.path(member).asLong() > max) {
            problems.add(member + " " + node.path(member) + " is not a whole number from " + min + " to " + max);
        }
    }
}
