package dev.mlops.core.version;

import java.util.List;
import java.util.Optional;

/** The repository's history, as far as versioning needs it. */
public interface CommitLog {

    /** The full commit id that {@code revision} (a commit id or a tag) names, if it exists. */
    Optional<String> resolve(String revision);

    /**
     * The messages of the commits reachable from HEAD but not from {@code since}, newest first;
     * every commit's when {@code since} is empty.
     */
    List<String> messagesSince(Optional<String> since);

    /** The commit HEAD points at, if there is one. */
    Optional<String> head();
}
