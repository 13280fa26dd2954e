package dev.mlops.maven.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A git-committed copy of the sample model repository, built by the Maven that runs these tests. */
final class SampleProject {

    private SampleProject() {}

    /** Copies the sample (without {@code target}) to {@code to} and commits it. */
    static Path copy(Path to) throws IOException {
        Path from = Path.of(System.getProperty("sample.dir", "../sample-model-repo"));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Files.createDirectories(to.resolve(relative).getParent());
                Files.copy(file, to.resolve(relative));
            }
        }
        Tools.ok(List.of("git", "init", "-q"), to, 30);
        Tools.ok(List.of("git", "-c", "user.name=it", "-c", "user.email=it@example.com", "add", "."), to, 30);
        Tools.ok(List.of("git", "-c", "user.name=it", "-c", "user.email=it@example.com", "commit", "-q", "-m",
                "feat: spam classifier"), to, 30);
        return to;
    }

    /** {@code mvn -B -ntp} in {@code project} with the tests' local repository, the environment added to this one's. */
    static Tools.Result mvn(Path project, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(List.of(mavenExecutable(), "-B", "-ntp",
                "-Dmaven.repo.local=" + System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")));
        command.addAll(args);
        return Tools.run(command, project, env, 600);
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        return home != null && Files.isExecutable(Path.of(home, "bin", "mvn")) ? Path.of(home, "bin", "mvn").toString() : "mvn";
    }
}
