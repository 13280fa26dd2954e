package dev.mlops.core.io;

import dev.mlops.core.InfrastructureException;
import dev.mlops.core.domain.DataFingerprint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of files and of whole directory trees. */
public final class Fingerprints {

    private Fingerprints() {}

    /**
     * Fingerprints every regular file under {@code dir}: the digest covers each file's relative path
     * and content, in path order, so renaming or editing any file changes it.
     */
    public static DataFingerprint directory(Path dir) {
        List<Path> files = regularFiles(dir);
        MessageDigest tree = sha256();
        long bytes = 0;
        for (Path file : files) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            tree.update(relative.getBytes(StandardCharsets.UTF_8));
            tree.update((byte) 0);
            tree.update(sha256Of(file).getBytes(StandardCharsets.US_ASCII));
            tree.update((byte) '\n');
            bytes += size(file);
        }
        return new DataFingerprint(dir.toUri().toString(), files.size(), bytes, HexFormat.of().formatHex(tree.digest()));
    }

    public static String sha256Of(Path file) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Copies {@code source} to {@code target} (replacing it) and returns the SHA-256 of the bytes copied,
     * so that what was checked is exactly what was copied.
     */
    public static String copyWithSha256(Path source, Path target) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(source), digest)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Regular files under {@code dir}, following symbolic links, in a stable order. */
    public static List<Path> regularFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InfrastructureException("Cannot list the files under " + dir + ": " + e.getMessage(), e);
        }
    }

    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InfrastructureException("Cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
