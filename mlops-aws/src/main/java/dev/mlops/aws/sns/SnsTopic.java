package dev.mlops.aws.sns;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.MlopsEvents;
import dev.mlops.core.Text;
import dev.mlops.core.notify.NotificationChannel;
import dev.mlops.core.notify.NotificationException;
import dev.mlops.core.notify.PipelineOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Tells an SNS topic (e-mail and other subscriptions) how the pipeline went: Publish with a subject, a plain-text
 * body and the attributes {@code model}, {@code version}, {@code verdict}, {@code status} for filter policies. What
 * SNS answers after the SDK's retries is a {@link NotificationException} naming the fix.
 */
public final class SnsTopic implements NotificationChannel {

    private final TopicArn topic;
    private final Function<Region, SnsClient> clients;
    private final Region region;

    private SnsTopic(TopicArn topic, Region region, Function<Region, SnsClient> clients) {
        this.topic = topic;
        this.region = region;
        this.clients = clients;
    }

    /**
     * The channel for {@code topicArn}, checked against the client's region before any call; with no region given
     * or in the SDK's chain, the topic's own.
     */
    public static SnsTopic of(String topicArn, AwsClients.Settings aws) {
        Optional<Region> region = aws.region().or(() -> {
            try {
                return Optional.of(aws.resolvedRegion());
            } catch (SdkException e) {
                return Optional.empty();
            }
        });
        TopicArn parsed = TopicArn.parse(topicArn);
        Region client = region.orElseGet(() -> Region.of(parsed.region()));
        TopicArn topic = parsed.in(client);
        return new SnsTopic(topic, client, r -> new AwsClients(new AwsClients.Settings(Optional.of(r), aws.endpoints()))
                .sns());
    }

    /** For tests: the client is made by {@code clients} for the region. */
    static SnsTopic of(String topicArn, Region region, Function<Region, SnsClient> clients) {
        return new SnsTopic(TopicArn.parse(topicArn, region), region, clients);
    }

    @Override
    public String name() {
        return "SNS";
    }

    @Override
    public void send(PipelineOutcome outcome, MlopsEvents events) {
        SnsMessage message = SnsMessage.of(outcome);
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name, MessageAttributeValue.builder()
                .dataType(SnsMessage.STRING).stringValue(value).build()));
        try (SnsClient sns = clients.apply(region)) {
            String id = sns.publish(b -> {
                b.topicArn(topic.arn()).subject(message.subject()).message(message.body()).messageAttributes(attributes);
                if (topic.fifo()) {
                    // a FIFO topic requires a group; the id makes a resent identical message a no-op
                    b.messageGroupId(outcome.model()).messageDeduplicationId(message.digest());
                }
            }).messageId();
            events.info("Told SNS topic " + topic.name() + ": " + message.subject() + " (message " + id + ").");
        } catch (NotFoundException e) {
            throw refused(e, "the topic " + topic.arn() + " does not exist: create it (docs: notifications, SNS) or set ",
                    TopicArn.SETTING.any("topic ARN"), " to an existing topic.");
        } catch (AuthorizationErrorException e) {
            throw refused(e, "the AWS identity may not publish to " + topic.arn() + ": grant it sns:Publish on the topic"
                    + " (docs/aws-setup.md, the caller's policy), and check the topic's access policy.");
        } catch (SnsException e) {
            if (e.isThrottlingException() || e.statusCode() == 429) {
                throw refused(e, "SNS throttled the publish to " + topic.arn() + " and the SDK's retries did not get"
                        + " through: retry the job later, or ask AWS for a higher Publish quota.");
            }
            throw refused(e, "SNS refused the publish to " + topic.arn() + ".");
        } catch (SdkClientException e) {
            throw new NotificationException(name(), "could not reach SNS in " + region.id() + " (" + firstLine(e.getMessage())
                    + "): check the network, the AWS credentials and the region.");
        }
    }

    private NotificationException refused(SnsException e, Object... fix) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        String said = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorMessage();
        Object[] pieces = new Object[fix.length + 1];
        pieces[0] = "SNS answered " + e.statusCode() + " " + code + (said == null || said.isBlank() ? "" : " (" + said + ")")
                + ": ";
        System.arraycopy(fix, 0, pieces, 1, fix.length);
        return new NotificationException(name(), Text.of(pieces));
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
