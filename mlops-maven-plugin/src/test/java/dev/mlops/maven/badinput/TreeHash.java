package dev.mlops.maven.badinput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Every entry of a directory tree: its name, type, mode and content hash, to compare before and after a run. */
record TreeHash(Map<String, String> entries) {

    static TreeHash of(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return new TreeHash(entries);
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                String what;
                if (Files.isSymbolicLink(path)) {
                    what = "link -> " + Files.readSymbolicLink(path);
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    what = "dir";
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    what = "file " + Files.size(path) + " " + CraftedArchive.sha256(Files.readAllBytes(path));
                } else {
                    what = "special";
                }
                entries.put("/" + root.relativize(path), what + " " + mode);
            }
        }
        return new TreeHash(entries);
    }

    /** The same without directories that hold no file: a refused deploy may leave its empty folders behind. */
    TreeHash withoutEmptyDirectories() {
        Map<String, String> kept = new TreeMap<>();
        entries.forEach((name, what) -> {
            boolean empty = what.startsWith("dir ") && entries.entrySet().stream()
                    .noneMatch(e -> e.getKey().startsWith(name + "/") && !e.getValue().startsWith("dir "));
            if (!empty) {
                kept.put(name, what);
            }
        });
        return new TreeHash(kept);
    }

    /** What changed from {@code before} to this, one line per entry; empty when nothing did. */
    String changesSince(TreeHash before) {
        StringBuilder changes = new StringBuilder();
        TreeSet<String> names = new TreeSet<>(before.entries.keySet());
        names.addAll(entries.keySet());
        for (String name : names) {
            String was = before.entries.get(name);
            String now = entries.get(name);
            if (was == null) {
                changes.append("  added    ").append(name).append(": ").append(now).append('\n');
            } else if (now == null) {
                changes.append("  removed  ").append(name).append(": ").append(was).append('\n');
            } else if (!was.equals(now)) {
                changes.append("  changed  ").append(name).append(": ").append(was).append(" => ").append(now).append('\n');
            }
        }
        return changes.toString();
    }

}
