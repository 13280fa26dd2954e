package dev.mlops.maven;

import dev.mlops.core.notify.FailedJobs;
import dev.mlops.core.notify.NotificationChannel;
import dev.mlops.core.notify.NotificationService;
import dev.mlops.core.notify.PipelineOutcome;
import dev.mlops.core.notify.PipelineOutcomes;
import dev.mlops.core.notify.PipelineStatus;
import dev.mlops.maven.settings.CommonSettings;
import dev.mlops.maven.settings.NotifySettings;
import dev.mlops.maven.settings.SettingsReader;
import dev.mlops.maven.wiring.Notifiers;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Tells Slack (an incoming webhook), an SNS topic and the merge request (one note per model, updated in place) how the pipeline
 * went, from what its goals wrote ({@code mlops.env}, {@code training.json}, {@code evaluation.json}/{@code .md}).
 * Each channel is configured on its own and skipped when it is not; one that fails is a warning, unless
 * {@code strict}. The Slack webhook URL comes from {@code MLOPS_SLACK_WEBHOOK_URL} or {@code slackWebhookFile}, the
 * GitLab token (api scope) from {@code MLOPS_GITLAB_TOKEN} or {@code gitlabTokenFile}.
 */
@Mojo(name = "notify", threadSafe = true)
public class NotifyMojo extends AbstractMlopsMojo {

    /** How the pipeline went: {@code success}, {@code failed} or {@code canceled}; by default CI_JOB_STATUS, else the gate's verdict. */
    @Parameter(property = MlopsProperties.NOTIFY_STATUS)
    String status;

    /** The step that failed, when {@code status} is failed; by default the step after the last that handed on its results. */
    @Parameter(property = MlopsProperties.NOTIFY_FAILED_STEP)
    String failedStep;

    /** A file that holds the Slack webhook URL (a GitLab file variable); by default MLOPS_SLACK_WEBHOOK_URL. */
    @Parameter(property = MlopsProperties.NOTIFY_SLACK_WEBHOOK_FILE)
    File slackWebhookFile;

    /** A file that holds the GitLab token with the api scope; by default MLOPS_GITLAB_TOKEN. */
    @Parameter(property = MlopsProperties.NOTIFY_GITLAB_TOKEN_FILE)
    File gitlabTokenFile;

    /** The SNS topic to publish to (an ARN in the AWS region), for e-mail and other subscriptions; by default none. */
    @Parameter(property = MlopsProperties.NOTIFY_SNS_TOPIC_ARN)
    String snsTopicArn;

    /** The channels to tell, comma-separated: {@code slack}, {@code merge-request}, {@code sns}; by default every configured one. */
    @Parameter(property = MlopsProperties.NOTIFY_TO)
    String notifyTo;

    /** Fails the goal when a channel fails (by default a warning, and the pipeline's result is unchanged). */
    @Parameter(property = MlopsProperties.NOTIFY_STRICT, defaultValue = "false")
    boolean strict;

    /** Skips this goal only. */
    @Parameter(property = MlopsProperties.NOTIFY_SKIP, defaultValue = "false")
    boolean skipNotify;

    @Override
    protected String goal() {
        return "notify";
    }

    @Override
    protected boolean skipGoal() {
        return reader().flag(MlopsProperties.NOTIFY_SKIP, skipNotify);
    }

    @Override
    protected void run() {
        NotifySettings settings = settings();
        MavenEvents events = new MavenEvents(getLog(), "");
        List<NotificationChannel> channels = Notifiers.channels(settings, ci(), environment(), events);
        if (channels.isEmpty()) {
            getLog().info("No notification channel is configured; nobody was told. See the notifications page of the docs.");
            return;
        }
        CommonSettings common = settings.common();
        // only a failure told by the job's caller needs GitLab to say which job it was
        Optional<FailedJobs.FailedJob> failedJob = settings.status().filter(s -> s != PipelineStatus.SUCCESS).isPresent()
                && settings.failedStep().isEmpty() ? Notifiers.failedJob(settings, ci(), environment(), events) : Optional.empty();
        PipelineOutcome outcome = PipelineOutcomes.read(common.outputDir(), Optional.of(common.baseDir()), common.model(),
                ci(), settings.status(), settings.failedStep(), failedJob);
        new NotificationService(channels, events).notify(outcome, settings.strict());
    }

    NotifySettings settings() {
        SettingsReader read = reader();
        Optional<PipelineStatus> given = read.optional(MlopsProperties.NOTIFY_STATUS, status).map(text -> PipelineStatus
                .parse(text).orElseThrow(() -> read.refused(MlopsProperties.NOTIFY_STATUS, "'" + text + "'",
                        "give success, failed or canceled")));
        return new NotifySettings(commonSettings(), given, read.optional(MlopsProperties.NOTIFY_FAILED_STEP, failedStep),
                file(MlopsProperties.NOTIFY_SLACK_WEBHOOK_FILE, slackWebhookFile),
                file(MlopsProperties.NOTIFY_GITLAB_TOKEN_FILE, gitlabTokenFile),
                read.optional(MlopsProperties.NOTIFY_SNS_TOPIC_ARN, snsTopicArn).filter(arn -> !arn.isBlank()),
                read.flag(MlopsProperties.NOTIFY_STRICT, strict), to(read));
    }

    private Set<String> to(SettingsReader read) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : read.optional(MlopsProperties.NOTIFY_TO, notifyTo).orElse("").split(",")) {
            if (!name.isBlank() && !Notifiers.NAMES.contains(name.trim())) {
                throw read.refused(MlopsProperties.NOTIFY_TO, "'" + name.trim() + "'", "give channels from "
                        + String.join(", ", Notifiers.NAMES) + ", separated by commas");
            }
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    // a -D path is resolved against the project, as Maven resolves the POM's
    private Optional<Path> file(String property, File pomValue) {
        return reader().optional(property, pomValue == null ? null : pomValue.getPath()).map(baseDir()::resolve);
    }
}
