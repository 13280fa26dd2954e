package dev.mlops.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.io.MoreFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The store contract on a local directory, and what only a directory has: paths, staging directories, permissions. */
class FileModelStoreTest extends ModelStoreContract {

    private Path root;

    @Override
    protected ModelStore newStore() {
        root = temp.resolve("store");
        return new FileModelStore(root);
    }

    @Override
    protected void putRaw(String key, byte[] content) throws IOException {
        Files.createDirectories(root.resolve(key).getParent());
        Files.write(root.resolve(key), content);
    }

    @Override
    protected byte[] getRaw(String key) throws IOException {
        return Files.readAllBytes(root.resolve(key));
    }

    @Override
    protected void deleteRaw(String prefix) throws IOException {
        MoreFiles.deleteRecursively(root.resolve(prefix));
    }

    @Override
    protected String located(String key) {
        return root.resolve(key).toString();
    }

    @Test
    void aVersionIsADirectoryAndItsArchiveAFileUri() {
        StoredVersion stored = publish("1.0.0", "2026-11-25T10:00:00Z", "model-bytes");
        assertEquals(root.resolve("models/spam/1.0.0/model.tar.gz"), Path.of(java.net.URI.create(stored.modelUri())));
    }

    @Test
    void losersOfARaceOrARefusedPublishLeaveNoStagingDirectory() throws Exception {
        publish("1.0.0", "2026-11-25T10:00:00Z", "first");
        assertThrows(VersionExistsException.class, () -> publish("1.0.0", "2026-11-25T11:00:00Z", "second"));
        racingWritersOfOneVersionHaveExactlyOneWinner();
        try (Stream<Path> children = Files.list(root.resolve("models/spam"))) {
            assertEquals(List.of(), children.filter(p -> p.getFileName().toString().startsWith(".")).toList());
        }
    }

    @Test
    void aStoreThatCannotBeWrittenIsReportedWithItsLocation() throws IOException {
        Path aFile = Files.writeString(temp.resolve("not-a-directory"), "x");
        FileModelStore unwritable = new FileModelStore(aFile.resolve("store"));
        ConfigurationException e = assertThrows(ConfigurationException.class, unwritable::checkWritable);
        assertTrue(e.getMessage().contains(aFile.toString()) && e.setting().equals(Optional.of(Setting.STORE)), e.getMessage());
        assertFalse(Files.isDirectory(aFile));
    }
}
