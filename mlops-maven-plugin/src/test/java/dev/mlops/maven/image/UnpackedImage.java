package dev.mlops.maven.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An image pulled back from a registry with {@code skopeo}, unpacked with {@code umoci}, and run with
 * {@code chroot} (with {@code /proc} mounted), using the entry point and environment from the image's
 * own config: what {@code docker run <image> train|serve} would do, without a container engine.
 */
final class UnpackedImage implements AutoCloseable {

    private final Path bundle;
    private final List<String> args;
    private final Map<String, String> env;
    private boolean procMounted;

    private UnpackedImage(Path bundle, List<String> args, Map<String, String> env) {
        this.bundle = bundle;
        this.args = args;
        this.env = env;
    }

    static UnpackedImage pull(String image, Path dir) throws IOException {
        Tools.require("skopeo", "skopeo");
        Tools.require("umoci", "umoci");
        Tools.require("chroot", "coreutils");
        Tools.require("mount", "mount");
        Path layout = dir.resolve("oci");
        Path bundle = dir.resolve("bundle");
        Tools.ok(List.of("skopeo", "copy", "--src-tls-verify=false", "--src-creds", LocalRegistry.USER + ":" + LocalRegistry.PASSWORD,
                "docker://" + image, "oci:" + layout + ":model"), dir, 300);
        Tools.ok(List.of("umoci", "unpack", "--image", layout + ":model", bundle.toString()), dir, 300);
        JsonNode process = new ObjectMapper().readTree(bundle.resolve("config.json").toFile()).path("process");
        List<String> args = new ArrayList<>();
        process.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new HashMap<>();
        process.path("env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            env.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        UnpackedImage image1 = new UnpackedImage(bundle, args, env);
        Tools.ok(List.of("mount", "-t", "proc", "proc", image1.rootfs().resolve("proc").toString()), dir, 30);
        image1.procMounted = true;
        return image1;
    }

    Path rootfs() {
        return bundle.resolve("rootfs");
    }

    /** The entry point and arguments from the image config. */
    List<String> args() {
        return args;
    }

    /** Starts the image's entry point with {@code argument} ({@code train} or {@code serve}) in the chroot. */
    Process start(String argument, Map<String, String> extraEnv, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("chroot", rootfs().toString()));
        command.addAll(args);
        command.add(argument);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().putAll(extraEnv);
        return builder.start();
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() {
        if (procMounted) {
            Tools.run(List.of("umount", rootfs().resolve("proc").toString()), bundle, Map.of(), 30);
            procMounted = false;
        }
    }
}
