package dev.mlops.maven.settings;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.io.NearestName;
import dev.mlops.maven.MlopsProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/** {@code mlops.aws.region} and {@code mlops.aws.endpoint.<service>} as the AWS clients' settings. */
public final class AwsSettings {

    private AwsSettings() {}

    /** The service names {@code mlops.aws.endpoint.<service>} takes, lower case. */
    public static List<String> services() {
        return Arrays.stream(AwsClients.Service.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * @param region blank: the SDK's region chain
     * @param endpoints service name (s3, sagemaker, …) to an http(s) URL
     */
    public static AwsClients.Settings of(String region, Map<String, String> endpoints) {
        Map<AwsClients.Service, URI> overrides = new EnumMap<>(AwsClients.Service.class);
        endpoints.forEach((service, url) -> overrides.put(service(service), endpoint(service, url)));
        return new AwsClients.Settings(Optional.ofNullable(region).filter(r -> !r.isBlank()).map(r -> Region.of(r.trim())),
                overrides);
    }

    private static AwsClients.Service service(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (!services().contains(key)) {
            throw new ConfigurationException("Unknown AWS service '" + name + "' in -D" + MlopsProperties.AWS_ENDPOINT_PREFIX
                    + name + " (<awsEndpoints><" + name + "> in the plugin configuration): use one of "
                    + String.join(", ", services()) + "." + NearestName.hint(key, services()));
        }
        return AwsClients.Service.valueOf(key.toUpperCase(Locale.ROOT));
    }

    private static URI endpoint(String service, String url) {
        String property = "-D" + MlopsProperties.AWS_ENDPOINT_PREFIX + service + "=" + url + " (<awsEndpoints><" + service
                + "> in the plugin configuration)";
        try {
            URI uri = new URI(url == null ? "" : url.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigurationException(property + " is not an http or https URL such as https://s3.eu-west-1.amazonaws.com.");
    }
}
