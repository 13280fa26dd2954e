package dev.mlops.maven.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.ConfigurationException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class AwsSettingsTest {

    @Test
    void theRegionAndEndpointOverridesBecomeTheClientsSettings() {
        AwsClients.Settings settings = AwsSettings.of(" eu-west-1 ", Map.of("s3", "http://127.0.0.1:9000", "SageMaker",
                "https://api.sagemaker.eu-west-1.amazonaws.com"));
        assertEquals(Optional.of(Region.EU_WEST_1), settings.region());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:9000")), settings.endpoint(AwsClients.Service.S3));
        assertEquals(Optional.of(URI.create("https://api.sagemaker.eu-west-1.amazonaws.com")),
                settings.endpoint(AwsClients.Service.SAGEMAKER));
        assertEquals(AwsClients.Settings.defaults(), AwsSettings.of(" ", Map.of()));
    }

    @Test
    void anUnknownServiceOrABadUrlNamesThePropertyAndTheElement() {
        ConfigurationException service = assertThrows(ConfigurationException.class,
                () -> AwsSettings.of(null, Map.of("s4", "http://127.0.0.1:9000")));
        assertTrue(service.getMessage().contains("-Dmlops.aws.endpoint.s4") && service.getMessage().contains("<awsEndpoints><s4>")
                && service.getMessage().contains("Did you mean 's3'?"), service.getMessage());
        ConfigurationException url = assertThrows(ConfigurationException.class,
                () -> AwsSettings.of(null, Map.of("s3", "127.0.0.1:9000")));
        assertTrue(url.getMessage().startsWith("-Dmlops.aws.endpoint.s3=127.0.0.1:9000 (<awsEndpoints><s3> in the plugin"
                + " configuration) is not an http or https URL"), url.getMessage());
    }
}
