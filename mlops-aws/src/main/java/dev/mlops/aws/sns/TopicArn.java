package dev.mlops.aws.sns;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * An SNS topic's ARN, checked: {@code arn:<partition>:sns:<region>:<account>:<name>}, the name 1 to 256 of
 * letters, digits, '-' and '_' (a FIFO topic's ending in {@code .fifo}), as CreateTopic allows.
 */
public record TopicArn(String arn, String region, String account, String name) {

    /** Where the topic is given. */
    public static final Setting SETTING = new Setting("notify.sns.topicArn");

    private static final Pattern ARN = Pattern.compile("arn:(aws[-a-z]*):sns:([a-z0-9-]+):(\\d{12}):(.+)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\\.fifo");
    private static final String EXAMPLE = "arn:aws:sns:eu-west-1:123456789012:mlops-notifications";

    /** Refuses, naming the value and the fix, an ARN SNS would refuse or one outside {@code clientRegion}. */
    public static TopicArn parse(String given, Region clientRegion) {
        return parse(given).in(clientRegion);
    }

    /** Refuses, naming the value and the fix, an ARN SNS would refuse. */
    public static TopicArn parse(String given) {
        String arn = given.trim();
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            throw new ConfigurationException(Text.of("'" + arn + "' is not an SNS topic ARN: set ", SETTING.is(EXAMPLE),
                    " (the topic's ARN as the SNS console shows it, not its name or a subscription's ARN)."));
        }
        if (!NAME.matcher(m.group(4)).matches()) {
            throw new ConfigurationException(Text.of("The topic name '" + m.group(4) + "' in '" + arn + "' is not one SNS"
                    + " allows (1 to 256 letters, digits, '-' or '_', a FIFO topic's ending in .fifo): set ",
                    SETTING.any("topic ARN"), " to the topic's ARN."));
        }
        return new TopicArn(arn, m.group(2), m.group(3), m.group(4));
    }

    /** This topic, refused when it is not in {@code clientRegion}. */
    public TopicArn in(Region clientRegion) {
        if (!region.equals(clientRegion.id())) {
            throw new ConfigurationException(Text.of("The topic '" + arn + "' is in " + region + " but the AWS"
                    + " region is " + clientRegion.id() + ", and SNS publishes only to topics of the client's region: set ",
                    Setting.member("aws", "region").is(region), " or give a topic of " + clientRegion.id() + "."));
        }
        return this;
    }

    /** A FIFO topic: Publish needs a message group. */
    public boolean fifo() {
        return name.endsWith(".fifo");
    }

    @Override
    public String toString() {
        return arn;
    }
}
