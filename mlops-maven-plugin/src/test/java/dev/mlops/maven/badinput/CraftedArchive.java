package dev.mlops.maven.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Model archives an attacker could store, each beside a good {@code label.txt}. Every kind but
 * {@code checksum} also rewrites the manifest's size and SHA-256 to match, so that what refuses it is
 * the entry itself, not the checksum.
 */
final class CraftedArchive {

    private CraftedArchive() {}

    static void replace(Path versionDir, String kind) throws IOException {
        byte[] archive = switch (kind) {
            case "traversal" -> tar(regular("../escaped.txt", "x"));
            case "absolute" -> tar(regular("/tmp/mlops-absolute-entry.txt", "x"));
            case "sibling" -> tar(regular("../model-sibling/escaped.txt", "x"));
            case "symlink" -> tar(link("evil-link", TarConstants.LF_SYMLINK, "/etc/passwd"));
            case "hardlink" -> tar(link("evil-hardlink", TarConstants.LF_LINK, "/etc/passwd"));
            case "device" -> tar(device("evil-device", TarConstants.LF_CHR));
            case "fifo" -> tar(device("evil-fifo", TarConstants.LF_FIFO));
            case "oversized" -> oversized();
            case "truncated" -> {
                byte[] whole = tar();
                yield Arrays.copyOf(whole, whole.length / 2);
            }
            case "checksum" -> tar(regular("extra.txt", "changed after the manifest was written"));
            default -> throw new IllegalArgumentException("unknown crafted archive '" + kind + "'");
        };
        Files.write(versionDir.resolve("model.tar.gz"), archive);
        if (!kind.equals("checksum")) {
            Path manifest = versionDir.resolve("manifest.json");
            ObjectMapper json = new ObjectMapper();
            ObjectNode tree = (ObjectNode) json.readTree(manifest.toFile());
            ObjectNode artifact = (ObjectNode) tree.get("artifact");
            artifact.put("bytes", archive.length);
            artifact.put("sha256", sha256(archive));
            json.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), tree);
        }
    }

    private record Entry(TarArchiveEntry header, byte[] content) {}

    private static Entry regular(String name, String content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        entry.setSize(bytes.length);
        return new Entry(entry, bytes);
    }

    private static Entry link(String name, byte type, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setLinkName(target);
        return new Entry(entry, new byte[0]);
    }

    private static Entry device(String name, byte type) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        entry.setDevMajor(1);
        entry.setDevMinor(3);
        return new Entry(entry, new byte[0]);
    }

    private static byte[] tar(Entry... extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            write(tar, regular("label.txt", "spam"));
            for (Entry entry : extra) {
                write(tar, entry);
            }
        }
        return bytes.toByteArray();
    }

    private static void write(TarArchiveOutputStream tar, Entry entry) throws IOException {
        tar.putArchiveEntry(entry.header());
        tar.write(entry.content());
        tar.closeArchiveEntry();
    }

    /** A header that announces 8 GiB, followed by a few bytes: a limit must refuse it before writing them. */
    private static byte[] oversized() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            TarArchiveEntry label = regular("label.txt", "spam").header();
            byte[] header = new byte[512];
            label.writeEntryHeader(header);
            gzip.write(header);
            byte[] content = Arrays.copyOf("spam".getBytes(StandardCharsets.UTF_8), 512);
            gzip.write(content);
            TarArchiveEntry huge = new TarArchiveEntry("huge.bin");
            huge.setSize(077777777777L);
            huge.writeEntryHeader(header);
            gzip.write(header);
            gzip.write(new byte[64 * 1024]);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
