package dev.mlops.core.io;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory operations the JDK leaves out. */
public final class MoreFiles {

    private MoreFiles() {}

    /** Deletes {@code path} and everything under it; symbolic links are removed, not followed. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    public static void copyRecursively(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path each : walk.toList()) {
                Path destination = target.resolve(source.relativize(each).toString());
                if (Files.isDirectory(each)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(each, destination);
                }
            }
        }
    }

    /**
     * Whether {@code dir} holds at least one regular file, at any depth, that is not hidden (a
     * {@code .keep} or {@code .gitignore} alone does not make data).
     */
    public static boolean hasVisibleFile(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return walk.anyMatch(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."));
        }
    }
}
