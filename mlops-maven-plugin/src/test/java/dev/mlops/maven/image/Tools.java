package dev.mlops.maven.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the system tools the image tests need, and fails (never skips) when one is missing. */
final class Tools {

    private Tools() {}

    /** Fails naming the Debian package when {@code command} is not on the PATH. */
    static void require(String command, String debianPackage) {
        if (run(List.of("sh", "-c", "command -v " + command), Path.of("."), Map.of(), 10).exit() != 0) {
            throw new AssertionError(command + " is not installed: apt-get install -y " + debianPackage
                    + " (.ci/run does it in CI)");
        }
    }

    static Result run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            // read on another thread so a chatty process cannot block on a full pipe
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the process went away
                }
            });
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                reader.join(5000);
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + out);
            }
            reader.join(10000);
            return new Result(process.exitValue(), out.toString());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String ok(List<String> command, Path dir, int timeoutSeconds) {
        Result result = run(command, dir, Map.of(), timeoutSeconds);
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.exit() + "):\n" + result.out());
        }
        return result.out();
    }

    static List<String> list(String... parts) {
        return new ArrayList<>(List.of(parts));
    }

    record Result(int exit, String out) {}
}
