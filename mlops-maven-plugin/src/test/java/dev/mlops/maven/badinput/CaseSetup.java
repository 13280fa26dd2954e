package dev.mlops.maven.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The setup steps of {@code cases.txt}, applied to a fresh copy of the project and its store:
 * <ul>
 * <li>{@code pom-config <xml>} replaces the plugin configuration's element of that name, or adds it;</li>
 * <li>{@code pom-property <xml>} adds a POM property;</li>
 * <li>{@code file <path> <text>} writes a file ({@code \n}, {@code \t}, {@code \xNN} escapes);</li>
 * <li>{@code mkdir <path>} creates a directory;</li>
 * <li>{@code manifest <version> truncate | not-json | directory | drop <field> | set <field> <json>};</li>
 * <li>{@code alias <name> version <v> | text <text> | directory};</li>
 * <li>{@code archive <version> <kind>}: see {@link CraftedArchive}.</li>
 * </ul>
 */
final class CaseSetup {

    static final String MODEL = "tiny-model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaseSetup() {}

    static void apply(Path project, String step) throws IOException {
        String[] words = step.split("\\s+", 2);
        String rest = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "pom-config" -> editPom(project, "<!-- configuration -->", rest, true);
            case "pom-property" -> editPom(project, "<!-- properties -->", rest, false);
            case "file" -> {
                String[] pathAndText = rest.split("\\s+", 2);
                Path file = project.resolve(pathAndText[0]);
                Files.createDirectories(file.getParent());
                Files.write(file, unescape(pathAndText.length > 1 ? pathAndText[1] : ""));
            }
            case "mkdir" -> Files.createDirectories(project.resolve(rest));
            case "manifest" -> manifest(versionDir(project, rest.split("\\s+")[0]).resolve("manifest.json"),
                    rest.split("\\s+", 2)[1]);
            case "alias" -> alias(modelDir(project).resolve("aliases"), rest.split("\\s+", 3));
            case "archive" -> CraftedArchive.replace(versionDir(project, rest.split("\\s+")[0]), rest.split("\\s+")[1]);
            default -> throw new IllegalArgumentException("unknown setup step '" + step + "'");
        }
    }

    static Path modelDir(Path project) {
        return project.resolve("store/models/" + MODEL);
    }

    private static Path versionDir(Path project, String version) {
        return modelDir(project).resolve(version);
    }

    private static void editPom(Path project, String marker, String xml, boolean replaceSameElement) throws IOException {
        Path pom = project.resolve("pom.xml");
        String text = Files.readString(pom);
        Matcher tag = Pattern.compile("^<([A-Za-z0-9.]+)>").matcher(xml);
        if (!tag.find()) {
            throw new IllegalArgumentException("not an element: " + xml);
        }
        Pattern existing = Pattern.compile("(?s)<" + Pattern.quote(tag.group(1)) + ">.*?</" + Pattern.quote(tag.group(1)) + ">");
        Matcher found = existing.matcher(text.substring(text.indexOf("<configuration>")));
        if (replaceSameElement && found.find()) {
            int offset = text.indexOf("<configuration>");
            text = text.substring(0, offset + found.start()) + xml + text.substring(offset + found.end());
        } else {
            text = text.replace(marker, xml);
        }
        Files.writeString(pom, text);
    }

    private static void manifest(Path manifest, String how) throws IOException {
        String[] words = how.split("\\s+", 3);
        switch (words[0]) {
            case "truncate" -> {
                byte[] bytes = Files.readAllBytes(manifest);
                Files.write(manifest, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            }
            case "not-json" -> Files.writeString(manifest, "model: tiny-model\nversion: oops\n");
            case "directory" -> {
                Files.delete(manifest);
                Files.createDirectories(manifest);
            }
            case "drop" -> {
                ObjectNode json = (ObjectNode) JSON.readTree(manifest.toFile());
                json.remove(words[1]);
                JSON.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), json);
            }
            case "set" -> {
                ObjectNode json = (ObjectNode) JSON.readTree(manifest.toFile());
                json.set(words[1], JSON.readTree(words[2]));
                JSON.writerWithDefaultPrettyPrinter().writeValue(manifest.toFile(), json);
            }
            default -> throw new IllegalArgumentException("unknown manifest change '" + how + "'");
        }
    }

    private static void alias(Path aliases, String[] words) throws IOException {
        Path alias = aliases.resolve(words[0]);
        switch (words[1]) {
            case "version" -> {
                ObjectNode json = (ObjectNode) JSON.readTree(alias.toFile());
                json.put("version", words[2]);
                JSON.writerWithDefaultPrettyPrinter().writeValue(alias.toFile(), json);
            }
            case "text" -> Files.write(alias, unescape(words[2]));
            case "directory" -> {
                Files.deleteIfExists(alias);
                Files.createDirectories(alias);
            }
            default -> throw new IllegalArgumentException("unknown alias change '" + String.join(" ", words) + "'");
        }
    }

    /** {@code \n}, {@code \t}, {@code \\} and {@code \xNN} (one byte) in a case's text. */
    static byte[] unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                switch (next) {
                    case 'n' -> bytes.write('\n');
                    case 't' -> bytes.write('\t');
                    case 'x' -> {
                        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> bytes.write(next);
                }
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
