package dev.mlops.maven.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.aws.AwsClients;
import dev.mlops.core.ConfigurationException;
import dev.mlops.core.MlopsEvents;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class StoresTest {

    private final StoreContext context = new StoreContext(Path.of("/work/project"), AwsClients.Settings.defaults(),
            Clock.systemUTC(), MlopsEvents.NONE);

    @Test
    void fileUrisAndPathsOpenAFileStore() {
        assertEquals("file:///srv/store/", Stores.open("file:/srv/store", context).describe());
        assertEquals("file:///srv/store/", Stores.open("file:///srv/store", context).describe());
        assertEquals("file:///srv/store/", Stores.open("FILE:/srv/store", context).describe());
        assertEquals("file:///work/project/target/store/", Stores.open("target/store", context).describe());
        assertEquals("file:///srv/x/", Stores.open(" /srv/x ", context).describe());
    }

    @Test
    void anUnknownSchemeNamesTheLocationTheKnownSchemesAndTheFix() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Stores.open("ftp://host/models", context));
        assertTrue(e.getMessage().contains("'ftp://host/models'") && e.getMessage().contains("scheme 'ftp'")
                && e.getMessage().contains("(file, s3)") && e.getMessage().contains("-Dmlops.store")
                && e.getMessage().contains("<store>"), e.getMessage());
        assertTrue(assertThrows(ConfigurationException.class, () -> Stores.open("fil:/srv/store", context))
                .getMessage().contains("Did you mean 'file'?"));
    }

    private final StoreContext inRegion = new StoreContext(Path.of("/work/project"), new AwsClients.Settings(
            java.util.Optional.of(software.amazon.awssdk.regions.Region.EU_WEST_1), java.util.Map.of()),
            Clock.systemUTC(), MlopsEvents.NONE);

    @Test
    void s3LocationsOpenTheS3StoreAndABucketNameS3WouldRefuseIsNamedBeforeAnyCall() {
        assertEquals("s3://my-models/team/spam/", Stores.open("s3://my-models/team/spam", inRegion).describe());
        assertEquals("s3://my-models/", Stores.open("S3://my-models", inRegion).describe());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> Stores.open("s3://My_Models/x", context));
        assertTrue(e.getMessage().contains("'My_Models'") && e.getMessage().contains("upper-case"), e.getMessage());
    }

    @Test
    void aBlankLocationOrAFileUriWithoutAPathIsRefused() {
        assertTrue(assertThrows(ConfigurationException.class, () -> Stores.open(" ", context)).getMessage()
                .contains("-Dmlops.store=file:/path/to/store"));
        assertTrue(assertThrows(ConfigurationException.class, () -> Stores.open("file:", context)).getMessage()
                .contains("'file:'"));
    }
}
