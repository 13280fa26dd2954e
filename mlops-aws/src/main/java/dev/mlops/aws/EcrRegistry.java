package dev.mlops.aws;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import dev.mlops.core.image.ImageTarget;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ECR registry host, {@code <account>.dkr.ecr.<region>.amazonaws.com} (or {@code .com.cn}).
 */
public record EcrRegistry(String host, String accountId, String region) {

    private static final Pattern HOST = Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

    /** The registry the host names, if it is an ECR host. */
    public static Optional<EcrRegistry> parse(String host) {
        Matcher m = HOST.matcher(host);
        return m.matches() ? Optional.of(new EcrRegistry(host, m.group(1), m.group(2))) : Optional.empty();
    }

    /** The registry of {@code host}, or a message saying what an ECR image name looks like. */
    public static EcrRegistry require(String host) {
        return parse(host).orElseThrow(() -> new ConfigurationException(Text.of("'" + host + "' is not an Amazon ECR"
                + " registry host (ACCOUNT.dkr.ecr.REGION.amazonaws.com). Set ",
                Setting.IMAGE.is("123456789012.dkr.ecr.eu-west-1.amazonaws.com/spam-classifier"), ", or use ",
                Setting.IMAGE_TARGET.is(ImageTarget.REGISTRY), " for another registry.")));
    }
}
