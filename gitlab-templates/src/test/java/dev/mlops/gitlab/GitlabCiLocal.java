package dev.mlops.gitlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * gitlab-ci-local (pinned in package.json) on a throw-away git repository, in shell mode with
 * {@code --shell-isolation}: every job runs in its own copy of the tracked files plus the artifacts of
 * the jobs it needs, as on a fresh runner, and (through the fixture's variables) with its own HOME.
 */
final class GitlabCiLocal {

    static final Path COMPONENT = Path.of("").toAbsolutePath();

    record Result(int exitCode, String output) {}

    private final Path repo;
    private final Map<String, String> environment = new LinkedHashMap<>();

    GitlabCiLocal(Path repo) {
        this.repo = repo;
    }

    GitlabCiLocal env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs gitlab-ci-local with the given arguments; the schema check is on, as by default. */
    Result run(List<String> args, long timeoutMinutes) {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--shell-isolation", "--force-shell-executor",
                "--no-artifacts-to-source", "--no-color", "--max-job-name-padding", "0"));
        command.addAll(args);
        return exec(repo, command, timeoutMinutes, environment);
    }

    Path artifacts(String job) {
        return repo.resolve(".gitlab-ci-local/artifacts").resolve(job);
    }

    /** The dotenv report a job handed on, as GitLab would inject it into the jobs that need it. */
    Map<String, String> dotenv(String job, String path) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : read(artifacts(job).resolve(".gitlab-ci-reports/dotenv").resolve(path)).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    /** A git repository as gitlab-ci-local expects it: a commit, an https origin, its state dir ignored. */
    static String initRepository(Path repo, String originPath) {
        write(repo.resolve(".gitignore"), ".gitlab-ci-local/\ntarget/\n");
        exec(repo, List.of("git", "init", "-q", "-b", "main"), 1, Map.of());
        exec(repo, List.of("git", "remote", "add", "origin", "https://gitlab.example.com/" + originPath + ".git"), 1, Map.of());
        return commit(repo);
    }

    static String commit(Path repo) {
        exec(repo, List.of("git", "add", "-A"), 1, Map.of());
        exec(repo, List.of("git", "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "fixture"), 1, Map.of());
        return exec(repo, List.of("git", "rev-parse", "HEAD"), 1, Map.of()).output().trim();
    }

    /** The component project as committed: templates/ and the hidden jobs, from this module. */
    static void copyComponent(Path target) {
        copyTree(COMPONENT.resolve("templates"), target.resolve("templates"));
        copy(COMPONENT.resolve("mlops.gitlab-ci.yml"), target.resolve("mlops.gitlab-ci.yml"));
    }

    /** sample-model-repo as a model module (sources, data, POM; no build output). */
    static void copySampleModel(Path target) {
        Path sample = COMPONENT.resolveSibling("sample-model-repo");
        try (Stream<Path> files = Files.walk(sample)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !sample.relativize(f).startsWith("target"))
                    .forEach(f -> copy(f, target.resolve(sample.relativize(f).toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Result exec(Path dir, List<String> command, long timeoutMinutes, Map<String, String> env) {
        try {
            Path log = Files.createTempFile("gcl", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutMinutes + " min:\n" + tail(read(log)));
            }
            String output = read(log);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // installed by .ci/run (npm ci); installed here too so that a plain mvn install works on a fresh checkout
    private static Path binary() {
        Path bin = COMPONENT.resolve("node_modules/.bin/gitlab-ci-local");
        if (!Files.isExecutable(bin)) {
            Result ci = exec(COMPONENT, List.of("npm", "ci", "--no-audit", "--no-fund"), 10, Map.of());
            if (ci.exitCode() != 0 || !Files.isExecutable(bin)) {
                throw new AssertionError("npm ci in gitlab-templates/ failed; the tests need gitlab-ci-local 4.73.0 and rsync:\n" + ci.output());
            }
        }
        return bin;
    }

    static String tail(String output) {
        String[] lines = output.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 80), lines.length));
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(Files::isRegularFile).forEach(f -> copy(f, to.resolve(from.relativize(f).toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean anyFileNamed(Path root, String name) {
        if (!Files.exists(root)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.anyMatch(f -> f.getFileName().toString().equals(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
