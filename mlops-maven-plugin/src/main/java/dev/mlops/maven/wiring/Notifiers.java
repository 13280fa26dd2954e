package dev.mlops.maven.wiring;

import dev.mlops.aws.sns.SnsTopic;
import dev.mlops.aws.sns.TopicArn;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Setting;
import dev.mlops.core.ci.CiEnvironment;
import dev.mlops.core.notify.NotificationChannel;
import dev.mlops.core.notify.Secret;
import dev.mlops.core.notify.slack.SlackWebhook;
import dev.mlops.core.Text;
import dev.mlops.core.notify.FailedJobs;
import dev.mlops.core.notify.NotificationException;
import dev.mlops.gitlab.GitLabConnection;
import dev.mlops.gitlab.MergeRequestNote;
import dev.mlops.gitlab.PipelineFailedJobs;
import dev.mlops.maven.settings.NotifySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where mlops:notify's channels are made: each from its own configuration, and skipped (with a
 * line saying how to configure it) when it has none. Adding a channel is one method here.
 */
public final class Notifiers {

    private static final Duration GITLAB_TIMEOUT = Duration.ofSeconds(30);

    public static final String SLACK = "slack";
    public static final String MERGE_REQUEST = "merge-request";
    public static final String SNS = "sns";
    /** The channels' names, for {@code mlops.notify.to}. */
    public static final List<String> NAMES = List.of(SLACK, SNS, MERGE_REQUEST);

    private Notifiers() {}

    /** The configured channels; every refusal of a configuration happens here, before any is told. */
    public static List<NotificationChannel> channels(NotifySettings settings, CiEnvironment ci, Map<String, String> env,
            MlopsEvents events) {
        List<NotificationChannel> channels = new ArrayList<>();
        if (settings.to().isEmpty() || settings.to().contains(SLACK)) {
            slack(settings, env, events).ifPresent(channels::add);
        }
        if (settings.to().isEmpty() || settings.to().contains(SNS)) {
            sns(settings, events).ifPresent(channels::add);
        }
        if (settings.to().isEmpty() || settings.to().contains(MERGE_REQUEST)) {
            mergeRequest(settings, ci, env, events).ifPresent(channels::add);
        }
        return channels;
    }

    private static Optional<NotificationChannel> slack(NotifySettings settings, Map<String, String> env, MlopsEvents events) {
        Optional<Secret> webhook = Secret.from(env, SlackWebhook.VARIABLE, settings.slackWebhookFile(),
                Setting.NOTIFY_SLACK_WEBHOOK_FILE);
        if (webhook.isEmpty()) {
            events.info("Slack: not configured (set " + SlackWebhook.VARIABLE + " to an incoming webhook's URL).");
            return Optional.empty();
        }
        return Optional.of(SlackWebhook.of(webhook.get(), SlackWebhook.Settings.DEFAULT,
                duration -> Thread.sleep(duration.toMillis())));
    }

    private static Optional<NotificationChannel> sns(NotifySettings settings, MlopsEvents events) {
        if (settings.snsTopicArn().isEmpty()) {
            events.info(Text.of("SNS: not configured (set ", TopicArn.SETTING.any("topic ARN"), " to publish to a topic)."));
            return Optional.empty();
        }
        return Optional.of(SnsTopic.of(settings.snsTopicArn().get(), settings.common().aws()));
    }

    private static Optional<NotificationChannel> mergeRequest(NotifySettings settings, CiEnvironment ci,
            Map<String, String> env, MlopsEvents events) {
        Optional<Secret> token = Secret.from(env, MergeRequestNote.VARIABLE, settings.gitlabTokenFile(),
                Setting.NOTIFY_GITLAB_TOKEN_FILE);
        if (token.isEmpty()) {
            events.info("Merge request: not configured (set " + MergeRequestNote.VARIABLE + " to a token with the api scope).");
            return Optional.empty();
        }
        Optional<String> iid = ci.mergeRequestIid();
        Optional<String> api = ci.pipeline().apiUrl();
        Optional<String> project = ci.mergeRequestProjectId();
        if (iid.isEmpty() || api.isEmpty() || project.isEmpty()) {
            events.info("Merge request: skipped, this is not a merge-request pipeline (no CI_MERGE_REQUEST_IID"
                    + (api.isEmpty() ? ", CI_API_V4_URL" : "") + (project.isEmpty() ? ", CI_PROJECT_ID" : "") + ").");
            return Optional.empty();
        }
        long number;
        try {
            number = Long.parseLong(iid.get());
        } catch (NumberFormatException e) {
            throw new dev.mlops.core.ConfigurationException("CI_MERGE_REQUEST_IID is '" + iid.get()
                    + "', not a merge request's number.");
        }
        return Optional.of(new MergeRequestNote(GitLabConnection.of(api.get(), token.get(), GITLAB_TIMEOUT),
                new MergeRequestNote.Target(project.get(), number)));
    }

    /**
     * The pipeline's failed job, asked of GitLab when a token is given and the pipeline is known; empty (with a
     * warning when GitLab refused) otherwise, and the step is then inferred.
     */
    public static Optional<FailedJobs.FailedJob> failedJob(NotifySettings settings, CiEnvironment ci,
            Map<String, String> env, MlopsEvents events) {
        Optional<Secret> token = Secret.from(env, GitLabConnection.VARIABLE, settings.gitlabTokenFile(),
                Setting.NOTIFY_GITLAB_TOKEN_FILE);
        Optional<String> api = ci.pipeline().apiUrl();
        Optional<String> project = ci.pipeline().projectId();
        Optional<Long> pipeline = ci.pipeline().id().filter(id -> id.matches("\\d+")).map(Long::valueOf);
        if (token.isEmpty() || api.isEmpty() || project.isEmpty() || pipeline.isEmpty()) {
            return Optional.empty();
        }
        try {
            return new PipelineFailedJobs(GitLabConnection.of(api.get(), token.get(), GITLAB_TIMEOUT), project.get(),
                    pipeline.get()).first();
        } catch (NotificationException e) {
            events.warn(Text.of(e.channel(), ": ", e.text(), " The failed step is told as far as the files show it."));
            return Optional.empty();
        }
    }
}
