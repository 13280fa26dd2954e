package dev.mlops.core.store;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoresTest {

    private final Path base = Path.of("/work/project");

    @Test
    void fileUrisAndPathsOpenAFileStore() {
        assertEquals("file:///srv/store/", ModelStores.open("file:/srv/store", base).describe());
        assertEquals("file:///srv/store/", ModelStores.open("file:///srv/store", base).describe());
        assertEquals("file:///work/project/target/store/", ModelStores.open("target/store", base).describe());
        assertEquals("file:///srv/x/", ModelStores.open("/srv/x", base).describe());
    }

    @Test
    void unknownSchemesNameTheLocationAndTheFix() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ModelStores.open("ftp://host/models", base));
        assertTrue(e.getMessage().contains("'ftp://host/models'") && e.text().settings().contains(Setting.STORE),
                e.getMessage());
        assertThrows(ConfigurationException.class, () -> ModelStores.open(" ", base));
    }
}
