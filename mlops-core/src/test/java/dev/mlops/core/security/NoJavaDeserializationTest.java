package dev.mlops.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Model files and every other outside input are read as data (JSON, CSV, tar), never by Java
 * deserialization, which runs code named by the input. Fails naming the file when one appears in the
 * main sources of any module (the sample model's own libraries are not ours to scan).
 */
class NoJavaDeserializationTest {

    private static final List<String> KNOWN_MODULES = List.of("mlops-runtime", "mlops-core", "mlops-aws", "mlops-maven-plugin");
    // Java serialization, the XML bean decoder, and Jackson's polymorphic typing (class names taken from the input)
    private static final List<String> FORBIDDEN = List.of("ObjectInputStream", "readObject(", "readUnshared(",
            "XMLDecoder", "enableDefaultTyping", "activateDefaultTyping", "@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS");

    @Test
    void noMainSourceDeserializesJavaObjects() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        // every module the build has, so that a new one is scanned too
        List<String> modules = java.util.regex.Pattern.compile("<module>([^<]+)</module>")
                .matcher(Files.readString(root.resolve("pom.xml"))).results().map(m -> m.group(1).trim())
                .filter(m -> !m.startsWith("sample")).toList();
        assertTrue(modules.containsAll(KNOWN_MODULES), "modules read from the root POM: " + modules);
        List<String> found = new ArrayList<>();
        for (String module : modules) {
            Path sources = root.resolve(module).resolve("src/main");
            if (!KNOWN_MODULES.contains(module) && !Files.isDirectory(sources)) {
                continue; // a module without Java, such as the CI templates
            }
            assertTrue(Files.isDirectory(sources), "no sources at " + sources + ": the scan would prove nothing");
            int files = 0;
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files++;
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        for (String forbidden : FORBIDDEN) {
                            if (lines.get(i).contains(forbidden)) {
                                found.add(root.relativize(file) + ":" + (i + 1) + " uses " + forbidden);
                            }
                        }
                    }
                }
            }
            assertTrue(files > 0, "no Java files under " + sources);
        }
        assertEquals(List.of(), found, "Java deserialization of outside input; read it as data instead");
    }
}
