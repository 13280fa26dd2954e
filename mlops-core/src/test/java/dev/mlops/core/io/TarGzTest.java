package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

    @TempDir Path temp;

    @Test
    void archivesRoundTripAndTheSameTreeGivesTheSameBytes() throws Exception {
        Path model = Files.createDirectories(temp.resolve("model/nested"));
        Files.writeString(temp.resolve("model/weights.bin"), "weights");
        Files.writeString(model.resolve("config.properties"), "a=1");

        TarGz.archive(temp.resolve("model"), temp.resolve("one.tar.gz"));
        Files.setLastModifiedTime(temp.resolve("model/weights.bin"), java.nio.file.attribute.FileTime.fromMillis(42));
        TarGz.archive(temp.resolve("model"), temp.resolve("two.tar.gz"));
        assertArrayEquals(Files.readAllBytes(temp.resolve("one.tar.gz")), Files.readAllBytes(temp.resolve("two.tar.gz")));

        TarGz.extract(temp.resolve("one.tar.gz"), temp.resolve("out"));
        assertEquals("weights", Files.readString(temp.resolve("out/weights.bin")));
        assertEquals("a=1", Files.readString(temp.resolve("out/nested/config.properties")));
    }
}
