package dev.mlops.core.io;

import dev.mlops.core.ci.CiEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The commit a build comes from: GitLab CI says it in the environment; elsewhere git is asked. */
public final class GitRevision {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private GitRevision() {}

    public static Optional<String> of(CiEnvironment ci, Path directory) {
        return ci.commit().filter(sha -> SHA.matcher(sha).matches()).or(() -> askGit(directory));
    }

    private static Optional<String> askGit(Path directory) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--verify", "-q", "HEAD")
                    .directory(directory.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return git.exitValue() == 0 && SHA.matcher(out).matches() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no git installed: the manifest simply has no commit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
