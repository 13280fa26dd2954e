package dev.mlops.runtime;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The container's entry point: {@code java -cp <classpath> dev.mlops.runtime.Main train|serve}, as
 * SageMaker runs a bring-your-own container with the argument {@code train} or {@code serve}.
 */
public final class Main {

    static final String USAGE = """
            usage: java -cp <classpath> dev.mlops.runtime.Main train|serve
              train  train the model from <root>/input into <root>/model; on failure write <root>/output/failure
              serve  answer /ping, /invocations and /execution-parameters on port 8080 (SAGEMAKER_BIND_TO_PORT)
            <root> is -Dmlops.ml.root, else MLOPS_ML_ROOT, else /opt/ml; the model class is -Dmlops.model.class,
            else MLOPS_MODEL_CLASS, else the one listed in META-INF/services/dev.mlops.runtime.Model""";

    private Main() {}

    /** {@code train} exits 0 or 1; {@code serve} runs until SIGTERM (exit 1 when the model fails to load); else exit 2 with the usage. */
    public static void main(String[] args) {
        String command = args.length == 1 ? args[0] : "";
        Map<String, String> env = System.getenv();
        OptMl tree = OptMl.locate(System.getProperties(), env);
        // a build killed with SIGKILL cannot stop what it started: its children end themselves
        ParentWatch.start(env, () -> System.exit(1));
        switch (command) {
            case "train" -> System.exit(train(tree, env));
            case "serve" -> serve(tree, env);
            default -> {
                System.err.println((args.length == 0 ? "missing command" : "unknown command '" + String.join(" ", args) + "'")
                        + "\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static int train(OptMl tree, Map<String, String> env) {
        TrainingResult result = Training.run(tree.root(), () -> model(env));
        result.failure().ifPresent(failure -> Log.error("where training failed:\n" + FailureReport.trace(failure).stripTrailing()));
        return result.succeeded() ? 0 : 1;
    }

    /** Returns once the model is loaded; the server's threads keep the JVM alive until SIGTERM. */
    private static void serve(OptMl tree, Map<String, String> env) {
        ModelServer server;
        try {
            server = ModelServer.start(ServerConfig.fromEnvironment(env, tree), model(env));
        } catch (IOException | RuntimeException e) {
            Log.error("cannot serve: " + FailureReport.headline(e), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mlops-drain"));
        try {
            server.loaded().join();
        } catch (CompletionException e) {
            System.exit(1); // a deploy must see the container fail; the server has logged why
        }
    }

    private static Model model(Map<String, String> env) {
        return ModelLocator.locate(ModelLocator.configuredClassName(System.getProperties(), env),
                Thread.currentThread().getContextClassLoader());
    }
}
