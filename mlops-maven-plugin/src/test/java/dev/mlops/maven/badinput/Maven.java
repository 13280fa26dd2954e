package dev.mlops.maven.badinput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Real, offline, batch-mode Maven builds of a test project with the plugin as installed. */
final class Maven {

    private Maven() {}

    record Result(int exit, String log) {}

    static Result run(Path project, List<String> arguments, int timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of(executable(), "-o", "-B", "-ntp", "-Dstyle.color=never",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local",
                        System.getProperty("user.home") + "/.m2/repository"),
                "-Dmlops-maven-plugin.version=" + pluginVersion()));
        command.addAll(arguments);
        Path log = project.resolveSibling("build.log");
        try {
            // the log goes to a file, so a chatty build never blocks on a full pipe
            Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("mvn " + String.join(" ", arguments) + " did not finish in " + timeoutSeconds
                        + " s:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The [ERROR] and [WARNING] lines of a build, without Maven's own help lines: what a user reads first. */
    static String errors(String log) {
        return log.lines().filter(l -> l.startsWith("[ERROR]") || l.startsWith("[WARNING]"))
                .filter(l -> !l.startsWith("[ERROR] -> [Help") && !l.matches("\\[ERROR] (Re-run|To see|For more|\\[Help).*")
                        && !l.equals("[ERROR] "))
                .collect(Collectors.joining("\n"));
    }

    private static String executable() {
        String home = System.getProperty("maven.home");
        return home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString() : "mvn";
    }

    /** The version of the plugin under test, from its descriptor on the test class path. */
    private static String pluginVersion() {
        try (InputStream in = Maven.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            Matcher version = Pattern.compile("<version>([^<]+)</version>")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!version.find()) {
                throw new AssertionError("the plugin descriptor names no version");
            }
            return version.group(1);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("no plugin descriptor (META-INF/maven/plugin.xml) on the test class path", e);
        }
    }
}
