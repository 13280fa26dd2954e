package dev.mlops.gitlab;

import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Text;
import dev.mlops.core.notify.NotificationChannel;
import dev.mlops.core.notify.NotificationException;
import dev.mlops.core.notify.PipelineOutcome;
import java.util.List;
import java.util.Optional;
import org.gitlab4j.api.GitLabApi;
import org.gitlab4j.api.GitLabApiException;
import org.gitlab4j.api.Pager;
import org.gitlab4j.api.models.Note;

/**
 * The merge request's note about one model: found by its hidden marker ({@code <!-- mlops:model=<name> -->}) among
 * every page of the merge request's notes and updated in place, else created, so that a merge request holds one
 * note per model however often it is pushed to. It holds the evaluation's markdown ({@code evaluation.md}).
 *
 * <p>The token needs the {@code api} scope: a CI job token cannot write notes.
 */
public final class MergeRequestNote implements NotificationChannel {

    /** The masked CI variable that holds the token. */
    public static final String VARIABLE = GitLabConnection.VARIABLE;
    /** GitLab's limit on a note's body. */
    static final int BODY_MAX = 1_000_000;
    static final int PER_PAGE = 100;

    /**
     * @param projectId the merge request's project, by id or path
     * @param mergeRequestIid its number in the project
     */
    public record Target(String projectId, long mergeRequestIid) {}

    private final GitLabConnection connection;
    private final Target target;

    public MergeRequestNote(GitLabConnection connection, Target target) {
        this.connection = connection;
        this.target = target;
    }

    /** The hidden line that marks the note of {@code model}. */
    public static String marker(String model) {
        return "<!-- mlops:model=" + model + " -->";
    }

    @Override
    public String name() {
        return "merge request !" + target.mergeRequestIid();
    }

    @Override
    public void send(PipelineOutcome outcome, MlopsEvents events) {
        String body = body(outcome);
        try (GitLabApi gitlab = connection.open()) {
            Optional<Note> existing = find(gitlab, marker(outcome.model()));
            if (existing.isPresent()) {
                gitlab.getNotesApi().updateMergeRequestNote(target.projectId(), target.mergeRequestIid(),
                        existing.get().getId(), body);
                events.info("Updated the note of '" + outcome.model() + "' on " + name() + " (note " + existing.get().getId() + ").");
            } else {
                Note note = gitlab.getNotesApi().createMergeRequestNote(target.projectId(), target.mergeRequestIid(), body,
                        null, null);
                events.info("Added a note about '" + outcome.model() + "' to " + name() + " (note " + note.getId() + ").");
            }
        } catch (GitLabApiException e) {
            throw refusal(e);
        } catch (RuntimeException e) {
            // the Pager wraps a failed page's GitLabApiException; the HTTP client's faults arrive as ProcessingException
            if (e.getCause() instanceof GitLabApiException api) {
                throw refusal(api);
            }
            throw connection.unreachable(name(), e);
        }
    }

    private Optional<Note> find(GitLabApi gitlab, String marker) throws GitLabApiException {
        Pager<Note> pages = gitlab.getNotesApi().getMergeRequestNotes(target.projectId(), target.mergeRequestIid(), PER_PAGE);
        while (pages.hasNext()) {
            List<Note> page = pages.next();
            for (Note note : page) {
                if (!Boolean.TRUE.equals(note.getSystem()) && note.getBody() != null && note.getBody().startsWith(marker)) {
                    return Optional.of(note);
                }
            }
        }
        return Optional.empty();
    }

    /** The marker, the evaluation's markdown (or how the pipeline went, when nothing was evaluated), the pipeline. */
    static String body(PipelineOutcome outcome) {
        StringBuilder body = new StringBuilder(marker(outcome.model())).append('\n');
        if (outcome.failed()) {
            body.append("> ❌ The pipeline ").append(outcome.status().label())
                    .append(outcome.failedStep().map(step -> " at **" + step + "**").orElse(""))
                    .append(outcome.links().job().map(url -> " — [failed job](" + url + ")").orElse("")).append(".\n\n");
        }
        Optional<String> markdown = outcome.evaluation().flatMap(PipelineOutcome.Evaluation::markdown);
        body.append(markdown.orElse("### `" + outcome.model() + "` " + outcome.version().orElse("")
                + ": not evaluated in this pipeline\n"));
        outcome.links().report().ifPresent(url -> body.append("\n[Full evaluation report](").append(url).append(')'));
        outcome.links().pipeline().ifPresent(url -> body.append("\n\n<sub>Updated by [pipeline](").append(url)
                .append(") for ").append(outcome.version().orElse("this commit")).append(".</sub>"));
        String text = body.append('\n').toString();
        return text.length() <= BODY_MAX ? text : text.substring(0, BODY_MAX - 40) + "\n\n… (cut at GitLab's limit)\n";
    }

    private NotificationException refusal(GitLabApiException e) {
        String answer = "GitLab answered " + e.getHttpStatus() + " (" + connection.token().scrub(e.getMessage()) + ")";
        Text text = switch (e.getHttpStatus()) {
            case 401 -> connection.rejectedToken(answer);
            case 403 -> Text.of(answer, ": the token in ", connection.token().source(), " may not write notes on ", name(),
                    ". It needs"
                    + " the api scope (a CI job token or a read_api token cannot write notes) and a user with at least the"
                    + " Reporter role in project ", target.projectId(), ".");
            case 404 -> Text.of(answer, ": project ", target.projectId(), " has no ", name(), ", or the token's user"
                    + " cannot see it. Run in a merge-request pipeline (CI_MERGE_REQUEST_IID), and give the token's user"
                    + " access to the project.");
            case 429 -> Text.of(answer, ": GitLab is rate-limiting the token", retryAfter(e)
                    .map(s -> " (Retry-After " + s + " s)").orElse(""), ". The note is updated on the next push.");
            default -> Text.of(answer, ". The note is updated on the next push.");
        };
        return new NotificationException(name(), text);
    }

    private static Optional<String> retryAfter(GitLabApiException e) {
        return Optional.ofNullable(e.getHeaders()).map(h -> h.getFirst("Retry-After"));
    }
}
