package dev.mlops.core.io;

import dev.mlops.core.InfrastructureException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The {@code model.tar.gz} format SageMaker uses for model artifacts. */
public final class TarGz {

    // a fixed time and owner, so that the same model directory always gives the same archive bytes
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private TarGz() {}

    /** Archives the files under {@code dir} (paths relative to it, sorted) into {@code archive}. */
    public static void archive(Path dir, Path archive) {
        List<Path> files = Fingerprints.regularFiles(dir);
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(archive));
                GZIPOutputStream gzip = new GZIPOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path source : files) {
                TarArchiveEntry entry = new TarArchiveEntry(dir.relativize(source).toString().replace('\\', '/'));
                entry.setSize(Files.size(source));
                entry.setModTime(EPOCH);
                entry.setMode(Files.isExecutable(source) ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                Files.copy(source, tar);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot write the model archive " + archive + ": " + e.getMessage(), e);
        }
    }

    /** Unpacks {@code archive} into {@code dir}, refusing entries that would land outside it. */
    public static void extract(Path archive, Path dir) {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new java.util.zip.GZIPInputStream(new java.io.BufferedInputStream(Files.newInputStream(archive))))) {
            Path root = dir.toAbsolutePath().normalize();
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new InfrastructureException("Model archive " + archive + " has an entry outside its root: "
                            + entry.getName(), null);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target);
                }
            }
        } catch (IOException e) {
            throw new InfrastructureException("Cannot unpack the model archive " + archive + ": " + e.getMessage(), e);
        }
    }
}
