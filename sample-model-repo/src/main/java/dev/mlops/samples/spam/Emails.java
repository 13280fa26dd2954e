package dev.mlops.samples.spam;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.mlops.runtime.json.Json;
import dev.mlops.runtime.json.JsonParseException;

/**
 * Reads a channel of labelled e-mails: every {@code *.jsonl} file under the channel directory (in
 * name order), one JSON object per line, {@code {"id": "...", "label": "spam"|"ham", "text": "..."}}.
 * Blank lines are skipped; {@code id} is optional.
 */
final class Emails {

    static final Set<String> LABELS = Set.of(SpamClassifier.HAM, SpamClassifier.SPAM);

    record Email(String id, String label, String text) {}

    private Emails() {}

    static List<Email> readChannel(String channel, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("channel '" + channel + "' at " + dir + " is not a directory");
        }
        List<Path> files;
        // follow links: a local training run links the channel directories into its /opt/ml tree
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("channel '" + channel + "' at " + dir + " has no *.jsonl files");
        }
        List<Email> emails = new ArrayList<>();
        for (Path file : files) {
            readFile(dir.relativize(file).toString(), file, emails);
        }
        if (emails.isEmpty()) {
            throw new IllegalArgumentException("channel '" + channel + "' at " + dir + " has no e-mails: its *.jsonl files "
                    + files.stream().map(f -> dir.relativize(f).toString()).toList() + " are empty");
        }
        return emails;
    }

    private static void readFile(String name, Path file, List<Email> into) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                into.add(parse(line, name + " line " + number));
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(name + ": not UTF-8 text", e);
        }
    }

    static Email parse(String line, String where) {
        Object value;
        try {
            value = Json.parse(line);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.problem() + " at column " + e.column(), e);
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException(where + ": expected a JSON object {\"label\": ..., \"text\": ...}, found "
                    + abbreviate(line));
        }
        Object label = object.get("label");
        if (label == null) {
            throw new IllegalArgumentException(where + ": no \"label\"; expected \"spam\" or \"ham\"");
        }
        if (!(label instanceof String l) || !LABELS.contains(l)) {
            throw new IllegalArgumentException(where + ": unknown label " + quote(label) + "; expected \"spam\" or \"ham\"");
        }
        Object text = object.get("text");
        if (!(text instanceof String t)) {
            throw new IllegalArgumentException(where + ": " + (text == null ? "no \"text\"" : "\"text\" is not a string")
                    + "; expected {\"label\": \"" + l + "\", \"text\": \"...\"}");
        }
        Object id = object.get("id");
        return new Email(id == null ? where : id.toString(), l, t);
    }

    private static String quote(Object value) {
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
