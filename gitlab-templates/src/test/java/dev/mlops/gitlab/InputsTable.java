package dev.mlops.gitlab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The README's inputs table, generated from the {@code spec: inputs:} of every template so that it
 * cannot drift. {@code java InputsTable.java <component dir>} would need the YAML library on the class
 * path; the test {@code ReadmeInputsTableTest} rewrites the README with {@code -Dmlops.readme.update=true}.
 */
final class InputsTable {

    static final String BEGIN = "<!-- inputs:begin (generated from templates/*.yml by InputsTable; do not edit) -->";
    static final String END = "<!-- inputs:end -->";

    private InputsTable() {}

    /** One table per template, in file-name order, composite first. */
    static String render(Path templatesDir) {
        StringBuilder out = new StringBuilder();
        for (Path template : templates(templatesDir)) {
            String name = template.getFileName().toString().replaceFirst("\\.yml$", "");
            out.append("\n### `").append(name).append("`\n\n");
            out.append("| input | type | default | description |\n|---|---|---|---|\n");
            inputs(template).forEach((input, spec) -> out.append("| `").append(input).append("` | ")
                    .append(spec.getOrDefault("type", "string")).append(" | ")
                    .append(defaultOf(spec)).append(" | ")
                    .append(String.valueOf(spec.get("description")).replace("|", "\\|")).append(" |\n"));
        }
        return out.toString();
    }

    static String replaceIn(String readme, String table) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("README.md has no " + BEGIN + " … " + END + " section");
        }
        return readme.substring(0, begin + BEGIN.length()) + "\n" + table + "\n" + readme.substring(end);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> inputs(Path template) {
        try {
            String text = Files.readString(template);
            Map<String, Object> header = new Yaml().load(text.substring(0, text.indexOf("\n---\n")));
            return (Map<String, Map<String, Object>>) ((Map<String, Object>) header.get("spec")).get("inputs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> templates(Path templatesDir) {
        try (Stream<Path> files = Files.list(templatesDir)) {
            return files.filter(f -> f.toString().endsWith(".yml"))
                    .sorted((a, b) -> a.endsWith("model-pipeline.yml") ? -1 : b.endsWith("model-pipeline.yml") ? 1 : a.compareTo(b))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String defaultOf(Map<String, Object> spec) {
        String value = spec.containsKey("default") ? "`" + spec.get("default") + "`" : "**required**";
        return spec.containsKey("options") ? value + " (one of " + spec.get("options") + ")" : value;
    }
}
