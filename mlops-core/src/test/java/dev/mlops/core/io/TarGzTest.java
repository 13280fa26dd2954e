package dev.mlops.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.MlopsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive corpus: each crafted archive is refused by entry name and reason, and leaves nothing behind. */
class TarGzTest {

    private static final TarGz.Limits SMALL = new TarGz.Limits(100, 3);

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

    @Test
    void unpacksIntoAnEmptyDirectoryThatIsThere() throws Exception {
        Files.createDirectories(temp.resolve("out"));
        TarGz.extract(write(file("a.txt", "a"), dir("sub/"), file("sub/b.txt", "b")), temp.resolve("out"));
        assertEquals("b", Files.readString(temp.resolve("out/sub/b.txt")));
    }

    @Test
    void neverUnpacksOverAModelThatIsThere() throws Exception {
        Files.createDirectories(temp.resolve("out"));
        Files.writeString(temp.resolve("out/weights.bin"), "old");
        InfrastructureException e = assertThrows(InfrastructureException.class,
                () -> TarGz.extract(write(file("weights.bin", "new")), temp.resolve("out")));
        assertTrue(e.getMessage().contains("not an empty directory"), e.getMessage());
        assertEquals("old", Files.readString(temp.resolve("out/weights.bin")));
    }

    @Test
    void traversalIsRefused() throws Exception {
        refused(write(file("ok.txt", "x"), file("../evil.txt", "x")), "'../evil.txt'", "contains '..'");
        assertFalse(Files.exists(temp.resolve("evil.txt")));
        refused(write(file("a/../../evil.txt", "x")), "'a/../../evil.txt'", "contains '..'");
    }

    @Test
    void absolutePathsAreRefused() throws Exception {
        Path outside = temp.resolve("outside.txt");
        refused(write(file(outside.toString(), "x")), "'" + outside + "'", "absolute path");
        assertFalse(Files.exists(outside));
        refused(write(file("C:\\evil.txt", "x")), "'C:\\evil.txt'", "absolute path");
    }

    @Test
    void aSiblingDirectoryWithTheSamePrefixIsNotInside() throws Exception {
        refused(write(file("../model-evil/x.txt", "x")), "'../model-evil/x.txt'", "outside the model directory");
        assertFalse(Files.exists(temp.resolve("model-evil")));
    }

    @Test
    void symbolicLinksAreRefusedSayingWhy() throws Exception {
        refused(write(link("passwd", TarConstants.LF_SYMLINK, "/etc/passwd")), "'passwd'",
                "symbolic link (to '/etc/passwd'), which could point outside");
    }

    @Test
    void hardLinksAreRefused() throws Exception {
        refused(write(file("weights.bin", "w"), link("copy.bin", TarConstants.LF_LINK, "weights.bin")), "'copy.bin'",
                "hard link (to 'weights.bin')");
    }

    @Test
    void devicesAreRefused() throws Exception {
        refused(write(link("tty", TarConstants.LF_CHR, "")), "'tty'", "character device");
        refused(write(link("sda", TarConstants.LF_BLK, "")), "'sda'", "block device");
    }

    @Test
    void fifosAreRefused() throws Exception {
        refused(write(link("pipe", TarConstants.LF_FIFO, "")), "'pipe'", "FIFO");
    }

    @Test
    void anEntryLargerThanTheLimitIsRefusedBeforeItIsWritten() throws Exception {
        refused(write(file("big.bin", "x".repeat(101))), SMALL, "'big.bin'", "101 bytes, more than the limit of 100");
    }

    @Test
    void entriesThatTogetherPassTheLimitAreRefused() throws Exception {
        refused(write(file("a.bin", "x".repeat(60)), file("b.bin", "x".repeat(60))), SMALL, "'b.bin'",
                "past the limit of 100 bytes (60 bytes before it)");
    }

    @Test
    void aHeaderClaimingTerabytesIsRefusedWithTheDefaultLimit() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(raw);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
        TarArchiveEntry huge = new TarArchiveEntry("huge.bin");
        huge.setSize(1L << 40);
        tar.putArchiveEntry(huge);
        tar.write(new byte[512]);
        tar.flush();
        Path archive = gzip(raw.toByteArray(), "huge.tar.gz");
        refused(archive, TarGz.Limits.DEFAULT, "'huge.bin'", "1099511627776 bytes, more than the limit of 17179869184");
    }

    @Test
    void tooManyEntriesAreRefused() throws Exception {
        refused(write(file("1", "x"), file("2", "x"), file("3", "x"), file("4", "x")), SMALL, "'4'",
                "more than 3 entries");
    }

    @Test
    void anEntryTwiceIsRefused() throws Exception {
        refused(write(file("a.txt", "one"), file("a.txt", "two")), "'a.txt'", "appears twice");
    }

    @Test
    void aTruncatedGzipIsAClearErrorAndUnpacksNothing() throws Exception {
        Path whole = write(file("a.bin", "a".repeat(40_000)), file("b.bin", random(200_000)));
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(temp.resolve("truncated.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));

        InfrastructureException e = assertThrows(InfrastructureException.class,
                () -> TarGz.extract(truncated, temp.resolve("model")));
        assertTrue(e.getMessage().contains(truncated.toString()) && e.getMessage().contains("nothing was unpacked"),
                e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aGzipCutInItsTrailerIsNoticedToo() throws Exception {
        byte[] bytes = Files.readAllBytes(write(file("a.txt", "a")));
        // the last 8 bytes are gzip's CRC and length, after the tar's end-of-archive blocks
        Path cut = Files.write(temp.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length - 4));
        InfrastructureException e = assertThrows(InfrastructureException.class,
                () -> TarGz.extract(cut, temp.resolve("model")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aFileThatIsNotGzipIsAClearError() throws Exception {
        Path notGzip = Files.writeString(temp.resolve("model.tar.gz"), "this is not an archive");
        InfrastructureException e = assertThrows(InfrastructureException.class,
                () -> TarGz.extract(notGzip, temp.resolve("model")));
        assertTrue(e.getMessage().contains("not a valid gzip"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(ConfigurationException.class, () -> new TarGz.Limits(0, 1));
        assertThrows(ConfigurationException.class, () -> new TarGz.Limits(1, -1));
    }

    private void refused(Path archive, String entry, String reason) throws IOException {
        refused(archive, TarGz.Limits.DEFAULT, entry, reason);
    }

    private void refused(Path archive, TarGz.Limits limits, String entry, String reason) throws IOException {
        MlopsException e = assertThrows(ConfigurationException.class,
                () -> TarGz.extract(archive, temp.resolve("model"), limits));
        assertTrue(e.getMessage().contains("entry " + entry) && e.getMessage().contains(reason)
                && e.getMessage().contains(archive.toString()) && e.getMessage().contains("Nothing was unpacked"),
                e.getMessage());
        assertNothingLeft();
    }

    // neither the model directory nor the hidden one it is unpacked into first
    private void assertNothingLeft() throws IOException {
        try (Stream<Path> children = Files.list(temp)) {
            List<String> left = children.map(p -> p.getFileName().toString())
                    .filter(n -> n.equals("model") || n.startsWith(".model")).toList();
            assertEquals(List.of(), left);
        }
    }

    private record Entry(TarArchiveEntry header, byte[] content) {}

    private static Entry file(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry header = new TarArchiveEntry(name, true);
        header.setSize(bytes.length);
        return new Entry(header, bytes);
    }

    private static Entry file(String name, byte[] bytes) {
        TarArchiveEntry header = new TarArchiveEntry(name, true);
        header.setSize(bytes.length);
        return new Entry(header, bytes);
    }

    private static Entry dir(String name) {
        return new Entry(new TarArchiveEntry(name, TarConstants.LF_DIR, true), new byte[0]);
    }

    private static Entry link(String name, byte type, String target) {
        TarArchiveEntry header = new TarArchiveEntry(name, type, true);
        header.setLinkName(target);
        return new Entry(header, new byte[0]);
    }

    private Path write(Entry... entries) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(raw)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                tar.putArchiveEntry(entry.header());
                tar.write(entry.content());
                tar.closeArchiveEntry();
            }
        }
        return gzip(raw.toByteArray(), "crafted.tar.gz");
    }

    private Path gzip(byte[] tar, String name) throws IOException {
        Path archive = Files.createTempFile(temp, "", "-" + name);
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(tar);
        }
        return archive;
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(7).nextBytes(bytes);
        return bytes;
    }
}
