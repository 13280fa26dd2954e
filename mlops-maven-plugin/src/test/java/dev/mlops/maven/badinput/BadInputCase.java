package dev.mlops.maven.badinput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code bad-input/cases.txt}:
 * {@code id | category | needs | setup ; setup … | maven arguments | expected fragment ; fragment …}.
 *
 * @param needs the helper whose fix the case waits for, until that fix is merged
 */
record BadInputCase(String id, String category, Optional<String> needs, List<String> setup, List<String> arguments,
        List<String> expected, int line) {

    static List<BadInputCase> load(String resource) throws IOException {
        List<BadInputCase> cases = new ArrayList<>();
        try (InputStream in = BadInputCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank() && !text.strip().startsWith("#")) {
                    cases.add(parse(text, number));
                }
            }
        }
        return cases;
    }

    static BadInputCase parse(String text, int line) {
        String[] columns = text.split("\\s\\|\\s", -1);
        if (columns.length != 6) {
            throw new IllegalArgumentException("cases.txt line " + line + " has " + columns.length
                    + " columns, not 6 (id | category | needs | setup | arguments | expected): " + text);
        }
        String needs = columns[2].strip();
        return new BadInputCase(columns[0].strip(), columns[1].strip(),
                needs.equals("-") ? Optional.empty() : Optional.of(needs.replaceFirst("^needs=", "")),
                list(columns[3], "none"), arguments(columns[4].strip()), list(columns[5], ""), line);
    }

    private static List<String> list(String column, String empty) {
        return Arrays.stream(column.split("\\s;\\s")).map(String::strip).filter(s -> !s.isEmpty() && !s.equals(empty))
                .toList();
    }

    /** Splits on blanks, keeping what is between single quotes together ('2 hours'). */
    static List<String> arguments(String column) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : column.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            arguments.add(current.toString());
        }
        return arguments;
    }

    @Override
    public String toString() {
        return id + " (" + category + ")";
    }
}
