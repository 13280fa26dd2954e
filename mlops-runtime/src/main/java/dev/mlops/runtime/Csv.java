package dev.mlops.runtime;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF. */
final class Csv {

    private Csv() {}

    /** One list of fields per row; blank lines are skipped. */
    static List<List<String>> parse(String text) throws MalformedPayloadException {
        return new Reader(text).rows();
    }

    /** A field as it must appear in a CSV line: quoted when it holds a comma, quote or line break. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static final class Reader {
        private final String text;
        private int pos;
        private int line = 1;
        private int lineStart;

        Reader(String text) {
            this.text = text;
            this.pos = text.startsWith("\uFEFF") ? 1 : 0; // a byte order mark is not part of the first field
        }

        List<List<String>> rows() throws MalformedPayloadException {
            List<List<String>> rows = new ArrayList<>();
            while (pos < text.length()) {
                if (atLineBreak()) {
                    skipLineBreak();
                    continue;
                }
                List<String> row = new ArrayList<>();
                while (true) {
                    row.add(peek() == '"' ? quoted() : unquoted());
                    if (pos < text.length() && text.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    if (pos < text.length()) {
                        skipLineBreak();
                    }
                    break;
                }
                rows.add(row);
            }
            return rows;
        }

        private String unquoted() throws MalformedPayloadException {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ',' || c == '\n' || c == '\r') {
                    break;
                }
                if (c == '"') {
                    throw error("a quote inside an unquoted field; quote the whole field and double the quote, "
                            + "as in \"say \"\"hi\"\"\"");
                }
                pos++;
            }
            return text.substring(start, pos);
        }

        private String quoted() throws MalformedPayloadException {
            int startLine = line;
            int startColumn = column();
            pos++; // opening quote
            StringBuilder field = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new MalformedPayloadException("CSV line " + startLine + ", column " + startColumn
                            + ": the quoted field is never closed; end it with a quote");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                        field.append('"');
                        pos += 2;
                        continue;
                    }
                    pos++;
                    if (pos < text.length() && !atLineBreak() && text.charAt(pos) != ',') {
                        throw error("'" + text.charAt(pos) + "' after a closing quote; a quote inside a quoted field "
                                + "must be doubled (\"\")");
                    }
                    return field.toString();
                }
                if (c == '\n') {
                    newLine(pos + 1);
                }
                field.append(c);
                pos++;
            }
        }

        private boolean atLineBreak() {
            char c = peek();
            return c == '\n' || c == '\r';
        }

        private void skipLineBreak() {
            if (text.charAt(pos) == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos++;
            }
            pos++;
            newLine(pos);
        }

        private void newLine(int start) {
            line++;
            lineStart = start;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private int column() {
            return pos - lineStart + 1;
        }

        private MalformedPayloadException error(String problem) {
            return new MalformedPayloadException("CSV line " + line + ", column " + column() + ": " + problem);
        }
    }
}
