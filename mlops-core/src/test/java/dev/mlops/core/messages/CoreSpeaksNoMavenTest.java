package dev.mlops.core.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core and the AWS adapters name settings and goals only as data ({@code Setting}, {@code Goal} in a
 * {@code Text}); the Maven plugin spells them. Fails naming the file and line when a string literal in the
 * main sources of {@code mlops-core} or {@code mlops-aws} spells a Maven flag ({@code -Dmlops...}), a goal
 * ({@code mvn mlops:train}, {@code mlops:train}) or a POM element ({@code <store>}, {@code </channels>}).
 *
 * <p>Decided: only string and character literals are scanned. Comments and javadoc may mention
 * {@code -Dmlops.version} or {@code <model>}: they are read by developers, who know both sides, and the
 * javadoc of a setting is clearer naming the flag it becomes. The HTML and SVG elements the evaluation report
 * writes are markup, not POM elements, and are allowed by name; a placeholder in a message is written without
 * angle brackets ({@code ACCOUNT.dkr.ecr.REGION.amazonaws.com}) or as {@code Setting.any("port")}.
 */
class CoreSpeaksNoMavenTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    private static final Pattern FLAG = Pattern.compile("-Dmlops\\b");
    private static final Pattern GOAL = Pattern.compile("\\bmvn\\s+mlops:|\\bmlops:(version|package|train|evaluate"
            + "|deploy|rollback|undeploy|serve|status|retrain|notify)\\b");
    private static final Pattern ELEMENT = Pattern.compile("</?([A-Za-z][A-Za-z0-9]*)>");
    /** What {@code HtmlReport} and {@code SvgCharts} write. */
    private static final Set<String> MARKUP = Set.of("html", "head", "body", "main", "title", "style", "meta", "section",
            "div", "span", "h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "em", "code",
            "small", "ul", "li", "a", "details", "summary", "figure", "figcaption", "svg", "g", "text", "rect", "circle",
            "line", "path", "polyline", "tspan");

    @ParameterizedTest
    @ValueSource(strings = {"mlops-core", "mlops-aws"})
    void noStringLiteralSpellsAMavenFlagGoalOrPomElement(String module) throws IOException {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        assertTrue(Files.isDirectory(sources), "no sources at " + sources + ": the scan would prove nothing");
        List<String> found = new ArrayList<>();
        int literals = 0;
        try (Stream<Path> walk = Files.walk(sources)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                for (Literal literal : literals(Files.readString(file))) {
                    literals++;
                    problem(literal.text()).ifPresent(p -> found.add(ROOT.relativize(file) + ":" + literal.line()
                            + " " + p + " in \"" + literal.text() + "\""));
                }
            }
        }
        assertTrue(literals > 20, "read only " + literals + " string literals under " + sources);
        assertEquals(List.of(), found, "name the setting or goal as data (dev.mlops.core.Setting, Goal in a Text); "
                + "the plugin spells it");
    }

    @Test
    void theScanSeesWhatItLooksForInLiteralsOnly() {
        String source = "/** Set -Dmlops.store or <store>. */\nclass A {\n  // mvn mlops:train\n"
                + "  String a = \"set <store> or\";\n  String b = \"pass -Dmlops.version=\" + v;\n"
                + "  String c = \"\"\"\n    run mlops:train first\n    \"\"\";\n  String d = \"<strong>ok</strong> \\\" <x\";\n"
                + "  char e = '<';\n  String f = \"</channels>\";\n}\n";
        List<String> problems = literals(source).stream().map(l -> l.line() + ":" + problem(l.text()).orElse("-")).toList();
        assertEquals(List.of("4:POM element <store>", "5:Maven flag -Dmlops", "6:Maven goal mlops:train", "9:-", "10:-",
                "11:POM element </channels>"), problems);
    }

    private static java.util.Optional<String> problem(String text) {
        Matcher flag = FLAG.matcher(text);
        if (flag.find()) {
            return java.util.Optional.of("Maven flag " + flag.group());
        }
        Matcher goal = GOAL.matcher(text);
        if (goal.find()) {
            return java.util.Optional.of("Maven goal " + goal.group().trim());
        }
        Matcher element = ELEMENT.matcher(text);
        while (element.find()) {
            if (!MARKUP.contains(element.group(1))) {
                return java.util.Optional.of("POM element " + element.group());
            }
        }
        return java.util.Optional.empty();
    }

    private record Literal(int line, String text) {}

    /** The string, text-block and character literals of a Java source, comments skipped. */
    private static List<Literal> literals(String source) {
        List<Literal> literals = new ArrayList<>();
        int line = 1;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) - 1;
                if (i < 0) {
                    break;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                line += count(source, i, end);
                i = end + 1;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                literals.add(new Literal(line, source.substring(i + 3, end)));
                line += count(source, i, end);
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                for (; source.charAt(j) != c; j++) {
                    if (source.charAt(j) == '\\') {
                        text.append(source.charAt(j++));
                    }
                    text.append(source.charAt(j));
                }
                literals.add(new Literal(line, text.toString()));
                i = j;
            }
        }
        return literals;
    }

    private static int count(String source, int from, int to) {
        return (int) source.substring(from, to).chars().filter(ch -> ch == '\n').count();
    }
}
