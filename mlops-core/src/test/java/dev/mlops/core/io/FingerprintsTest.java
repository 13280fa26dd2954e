package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.mlops.core.domain.DataFingerprint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintsTest {

    @TempDir Path temp;

    @Test
    void countsFilesAndBytesAndChangesWithContentOrName() throws Exception {
        Files.writeString(temp.resolve("a.jsonl"), "{}\n");
        Files.writeString(temp.resolve("b.jsonl"), "{\"x\":1}\n");
        DataFingerprint first = Fingerprints.directory(temp);
        assertEquals(2, first.files());
        assertEquals(11, first.bytes());
        assertEquals(first, Fingerprints.directory(temp));

        Files.writeString(temp.resolve("b.jsonl"), "{\"x\":2}\n");
        DataFingerprint edited = Fingerprints.directory(temp);
        assertNotEquals(first.sha256(), edited.sha256());

        Files.move(temp.resolve("b.jsonl"), temp.resolve("c.jsonl"));
        assertNotEquals(edited.sha256(), Fingerprints.directory(temp).sha256());
    }

    @Test
    void fileDigestIsPlainSha256() throws Exception {
        Files.writeString(temp.resolve("abc"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Fingerprints.sha256Of(temp.resolve("abc")));
    }
}
