package dev.mlops.aws;

import dev.mlops.aws.store.S3ModelStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the AWS SDK calls in compiled classes (every method reference to an SDK client in each class's constant
 * pool, lambdas and method references included) and maps each to the IAM actions that authorise it.
 */
final class AwsCallScanner {

    /** The SDK types whose methods are AWS operations, with the IAM service prefix of each. */
    static final Map<String, String> CLIENTS = Map.of(
            "software/amazon/awssdk/services/s3/S3Client", "s3",
            "software/amazon/awssdk/services/ecr/EcrClient", "ecr",
            "software/amazon/awssdk/services/sagemaker/SageMakerClient", "sagemaker",
            "software/amazon/awssdk/services/sagemaker/waiters/SageMakerWaiter", "sagemaker",
            "software/amazon/awssdk/services/cloudwatchlogs/CloudWatchLogsClient", "logs",
            "software/amazon/awssdk/services/sts/StsClient", "sts",
            "software/amazon/awssdk/services/sns/SnsClient", "sns");

    /** Client methods that send no request. */
    static final Set<String> NOT_CALLS = Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration",
            "waiter", "utilities", "<init>");

    /** Methods whose operation is not their name with a capital letter. */
    static final Map<String, String> OPERATION_OF = Map.of(
            "getObjectAsBytes", "GetObject",
            "waitUntilTrainingJobCompletedOrStopped", "DescribeTrainingJob");

    /** Operations authorised as more than (or other than) {@code <service>:<Operation>}. */
    static final Map<String, List<String>> SDK_TO_IAM = Map.of(
            // the request's RoleArn is passed to SageMaker, its Tags are added to the new job
            "sagemaker:CreateTrainingJob", List.of("sagemaker:CreateTrainingJob", "sagemaker:AddTags", "iam:PassRole"),
            // STS needs no identity policy: the role's trust policy decides, and GetCallerIdentity is always allowed
            "sts:AssumeRoleWithWebIdentity", List.of(),
            "sts:GetCallerIdentity", List.of());

    /** One method of an SDK client referenced by a class. */
    record Call(String client, String method, String inClass) {
        String describe() {
            return client.substring(client.lastIndexOf('/') + 1) + "." + method + " (in " + inClass.replace('/', '.') + ")";
        }
    }

    /** What a scan found: IAM action → the calls that need it, and the calls no rule maps. */
    record Found(Map<String, List<Call>> actions, List<Call> unmapped) {}

    private AwsCallScanner() {}

    static Found scan(Path classes) {
        Map<String, List<Call>> actions = new TreeMap<>();
        List<Call> unmapped = new ArrayList<>();
        for (Call call : calls(classes)) {
            if (NOT_CALLS.contains(call.method())) {
                continue;
            }
            List<String> granted = iamActions(call);
            if (granted == null) {
                unmapped.add(call);
            } else {
                granted.forEach(a -> actions.computeIfAbsent(a, k -> new ArrayList<>()).add(call));
            }
        }
        return new Found(actions, unmapped);
    }

    /** The IAM actions of one call; null when no rule knows its operation. */
    static List<String> iamActions(Call call) {
        String service = CLIENTS.get(call.client());
        String method = call.method().endsWith("Paginator")
                ? call.method().substring(0, call.method().length() - "Paginator".length()) : call.method();
        String operation = OPERATION_OF.getOrDefault(method,
                Character.toUpperCase(method.charAt(0)) + method.substring(1));
        if (method.startsWith("waitUntil") && !OPERATION_OF.containsKey(method)) {
            return null; // a waiter polls some Describe operation: say which in OPERATION_OF
        }
        if (service.equals("s3")) {
            // the store's own list of operations and actions (S3ModelStoreTest checks it against its requests)
            String action = S3ModelStore.OPERATIONS.get(operation);
            return action == null ? null : List.of(action);
        }
        String action = service + ":" + operation;
        return SDK_TO_IAM.getOrDefault(action, List.of(action));
    }

    /** Every SDK client method referenced from the classes under {@code classes}. */
    static Set<Call> calls(Path classes) {
        Set<Call> calls = new java.util.LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String inClass = classes.relativize(file).toString().replace(java.io.File.separatorChar, '/')
                        .replaceAll("\\.class$", "");
                for (String[] ref : methodRefs(Files.readAllBytes(file))) {
                    if (CLIENTS.containsKey(ref[0])) {
                        calls.add(new Call(ref[0], ref[1], inClass));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    /** {owner, name} of every Methodref and InterfaceMethodref in a class file's constant pool (JVMS 4.4). */
    static List<String[]> methodRefs(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[] natNames = new int[count];
        List<int[]> refs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 10, 11 -> refs.add(new int[] {in.readUnsignedShort(), in.readUnsignedShort()});
                case 12 -> {
                    natNames[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 3, 4, 9, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
            }
        }
        List<String[]> methods = new ArrayList<>();
        for (int[] ref : refs) {
            methods.add(new String[] {utf8[classNames[ref[0]]], utf8[natNames[ref[1]]]});
        }
        return methods;
    }

    /**
     * What is wrong between the actions the code calls and those the policy grants: a call not granted, a grant
     * never called (unless {@code arriving}: granted ahead of code being written elsewhere), an arriving action that
     * is called now, an unmapped call. Empty when they agree.
     */
    static List<String> problems(Found found, Set<String> alsoCalled, Set<String> granted, Set<String> arriving) {
        List<String> problems = new ArrayList<>();
        for (Call call : found.unmapped()) {
            problems.add(call.describe() + " is not mapped to an IAM action: add its operation to AwsCallScanner");
        }
        Set<String> called = new TreeSet<>(found.actions().keySet());
        called.addAll(alsoCalled);
        for (String action : called) {
            if (!granted.contains(action)) {
                problems.add(action + " is called but the policy does not grant it: "
                        + found.actions().getOrDefault(action, List.of()).stream().map(Call::describe).toList());
            }
        }
        for (String action : granted) {
            if (!called.contains(action) && !arriving.contains(action)) {
                problems.add(action + " is granted but the code never calls it: remove it from AwsPermissions");
            }
        }
        for (String action : arriving) {
            if (called.contains(action)) {
                problems.add(action + " is called now: remove it from ARRIVING");
            }
            if (!granted.contains(action)) {
                problems.add(action + " is ARRIVING but the policy does not grant it");
            }
        }
        return problems;
    }
}
