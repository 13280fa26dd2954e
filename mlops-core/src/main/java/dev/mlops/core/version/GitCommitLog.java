package dev.mlops.core.version;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link CommitLog} through the {@code git} command line, in the project's directory. */
public final class GitCommitLog implements CommitLog {

    private static final String SEPARATOR = "\u0000";

    private final Path directory;

    public GitCommitLog(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<String> resolve(String revision) {
        Result result = git("rev-parse", "--verify", "-q", revision + "^{commit}");
        return result.exit == 0 ? Optional.of(result.out.strip()) : Optional.empty();
    }

    @Override
    public Optional<String> head() {
        return resolve("HEAD");
    }

    @Override
    public List<String> messagesSince(Optional<String> since) {
        if (head().isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("log", "--format=%B" + "%x00"));
        args.add(since.map(s -> s + "..HEAD").orElse("HEAD"));
        Result result = git(args.toArray(String[]::new));
        if (result.exit != 0) {
            // a shallow clone lacks the boundary commit: say how to fetch enough history
            throw new ConfigurationException(Text.of("git log " + args.get(args.size() - 1) + " failed in " + directory
                    + ": " + result.out.strip() + ". In GitLab CI set GIT_DEPTH: 0 (or large enough) for the version"
                    + " job, or pass the version with ", Setting.VERSION.any("version"), "."));
        }
        return Arrays.stream(result.out.split(SEPARATOR)).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }

    private Result git(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(60, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new InfrastructureException("git " + String.join(" ", args) + " did not finish in 60 s", null);
            }
            return new Result(git.exitValue(), out);
        } catch (IOException e) {
            throw new ConfigurationException(Text.of("Cannot run git in " + directory + " (" + e.getMessage()
                    + "): install git, or pass the version with ", Setting.VERSION.any("version"), "."), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while running git", e);
        }
    }

    private record Result(int exit, String out) {}
}
