package dev.mlops.core.io;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.InfrastructureException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

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

    /**
     * How much an archive may unpack to: a model archive that would fill the disk is refused before it
     * does.
     *
     * @param maxBytes the most bytes all files together may hold once unpacked
     * @param maxEntries the most entries (files and directories) the archive may have
     */
    public record Limits(long maxBytes, int maxEntries) {

        /** 16 GiB and 100,000 entries: far above any model served from one JVM, far below a full disk. */
        public static final Limits DEFAULT = new Limits(16L << 30, 100_000);

        public Limits {
            if (maxBytes <= 0 || maxEntries <= 0) {
                throw new ConfigurationException(Text.of("Archive limits must be positive (got " + maxBytes + " bytes, "
                        + maxEntries + " entries): fix ", Setting.ARCHIVE_MAX_UNPACKED_BYTES, " or ",
                        Setting.ARCHIVE_MAX_ENTRIES, "."));
            }
        }
    }

    /** Unpacks {@code archive} into {@code dir} within the default {@link Limits}. */
    public static void extract(Path archive, Path dir) {
        extract(archive, dir, Limits.DEFAULT);
    }

    /**
     * Unpacks {@code archive} into {@code dir} (absent or empty), all or nothing: the entries go into a
     * directory beside it that is renamed to {@code dir} only once every entry is unpacked and the
     * gzip stream's checksum is verified. Only regular files and directories are unpacked; links,
     * devices, FIFOs, absolute paths, {@code ..} and anything past the limits are refused by entry
     * name and reason, and nothing is left behind.
     */
    public static void extract(Path archive, Path dir, Limits limits) {
        Path target = dir.toAbsolutePath().normalize();
        Path staging = target.resolveSibling("." + target.getFileName() + ".unpacking-" + java.util.UUID.randomUUID());
        if (Files.exists(target) && !isEmptyDirectory(target)) {
            throw new InfrastructureException("Cannot unpack the model archive " + archive + " into " + target
                    + ": it is there already and not an empty directory.", null);
        }
        try {
            Files.createDirectories(staging);
            unpack(archive, staging, limits);
            if (Files.isDirectory(target)) {
                Files.delete(target); // fails unless empty: never merge into a model that is there
            }
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new InfrastructureException("Cannot unpack the model archive " + archive + " into " + target + " ("
                    + e.getMessage() + "); nothing was unpacked.", e);
        } catch (RuntimeException e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    private static void unpack(Path archive, Path root, Limits limits) throws IOException {
        long bytes = 0;
        int entries = 0;
        java.util.Set<Path> seen = new java.util.HashSet<>();
        try (InputStream gzip = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)));
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            for (TarArchiveEntry entry; (entry = nextEntry(tar, archive)) != null; ) {
                String name = entry.getName();
                if (++entries > limits.maxEntries()) {
                    throw refused(archive, name, "the archive has more than " + limits.maxEntries() + " entries",
                            Text.of("raise ", Setting.ARCHIVE_MAX_ENTRIES, " if the model really has that many files"));
                }
                Path target = resolveInside(root, archive, name);
                if (!seen.add(target)) {
                    throw refused(archive, name, "it appears twice", "an archive the plugin writes names each file once");
                }
                byte type = entry.getLinkFlag();
                if (type == TarConstants.LF_DIR
                        || (name.endsWith("/") && (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM))) {
                    Files.createDirectories(target);
                    continue;
                }
                if (type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM && type != TarConstants.LF_CONTIG) {
                    throw refused(archive, name, kindOf(entry), "a model archive holds only regular files and directories");
                }
                long size = entry.getSize();
                if (size > limits.maxBytes() - bytes) {
                    throw refused(archive, name, size > limits.maxBytes()
                                    ? "it is " + size + " bytes, more than the limit of " + limits.maxBytes()
                                            + " bytes for the whole unpacked model"
                                    : "it is " + size + " bytes, which takes the unpacked model past the limit of "
                                            + limits.maxBytes() + " bytes (" + bytes + " bytes before it)",
                            Text.of("raise ", Setting.ARCHIVE_MAX_UNPACKED_BYTES, " if the model really is that large"));
                }
                Files.createDirectories(target.getParent());
                long copied;
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    copied = tar.transferTo(out);
                } catch (IOException cutShort) {
                    // name the entry: "Truncated TAR archive" alone does not say which file lied about its size
                    throw new IOException("entry '" + name + "' (its header says " + size + " bytes): "
                            + cutShort.getMessage(), cutShort);
                }
                if (copied != size) {
                    throw new IOException("entry '" + name + "' holds " + copied + " bytes, not the " + size
                            + " its header says: the archive is truncated or corrupt");
                }
                bytes += copied;
            }
            // the tar reader stops at the end-of-archive blocks: read the rest so gzip checks its length and CRC
            gzip.transferTo(OutputStream.nullOutputStream());
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new InfrastructureException("The model archive " + archive + " is truncated or not a valid gzip"
                    + " file (" + e.getMessage() + "); nothing was unpacked. Restore it from a backup or train the"
                    + " version again.", e);
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, Path archive) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            // commons-compress refuses malformed headers (bad numbers, checksums) this way
            throw new IOException("a malformed tar header (" + e.getMessage() + ")", e);
        }
    }

    // refuses absolute names and any '..' before resolving; startsWith compares whole path elements,
    // so /m/model-evil is not inside /m/model
    private static Path resolveInside(Path root, Path archive, String name) {
        String portable = name.replace('\\', '/');
        if (name.isEmpty() || portable.startsWith("/") || portable.matches("^[A-Za-z]:.*")) {
            throw refused(archive, name, "it is an absolute path", "entries are paths relative to the model directory");
        }
        if (java.util.Arrays.asList(portable.split("/")).contains("..")) {
            throw refused(archive, name, "it contains '..' and could land outside the model directory",
                    "entries are paths inside the model directory");
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw refused(archive, name, "it lands outside the model directory", "entries are paths inside it");
        }
        return target;
    }

    private static String kindOf(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return "it is a symbolic link (to '" + entry.getLinkName() + "'), which could point outside the model"
                    + " directory";
        }
        if (entry.isLink()) {
            return "it is a hard link (to '" + entry.getLinkName() + "')";
        }
        if (entry.isCharacterDevice()) {
            return "it is a character device";
        }
        if (entry.isBlockDevice()) {
            return "it is a block device";
        }
        if (entry.isFIFO()) {
            return "it is a FIFO (named pipe)";
        }
        return "it is a tar entry of type '" + (char) entry.getLinkFlag() + "', not a regular file or directory";
    }

    private static ConfigurationException refused(Path archive, String entry, String why, Object fix) {
        return new ConfigurationException(Text.of("The model archive " + archive + " has an entry '" + entry
                + "' that is refused: " + why + ". Nothing was unpacked; ", fix, "."));
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (java.util.stream.Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            MoreFiles.deleteRecursively(dir);
        } catch (IOException ignored) {
            // a hidden leftover beside the target is never read
        }
    }
}
