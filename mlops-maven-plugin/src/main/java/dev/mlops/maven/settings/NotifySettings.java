package dev.mlops.maven.settings;

import dev.mlops.core.notify.PipelineStatus;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mlops:notify}'s settings.
 *
 * @param status how the pipeline went, when given for this run
 * @param failedStep the step that failed, when given
 * @param slackWebhookFile a file holding the Slack webhook URL, instead of the variable
 * @param gitlabTokenFile a file holding the GitLab token, instead of the variable
 * @param snsTopicArn the SNS topic to publish to, when given
 * @param strict whether a channel that fails fails the goal
 * @param to the channels to tell by name; empty: every configured one
 */
public record NotifySettings(CommonSettings common, Optional<PipelineStatus> status, Optional<String> failedStep,
        Optional<Path> slackWebhookFile, Optional<Path> gitlabTokenFile, Optional<String> snsTopicArn, boolean strict, java.util.Set<String> to) {}
