package dev.mlops.runtime.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) parser and writer with no dependencies.
 *
 * <p>{@link #parse} returns {@code Map<String, Object>} (a {@link LinkedHashMap}, keys in document
 * order), {@code List<Object>}, {@code String}, {@code Long} (integers that fit), {@code Double}
 * (everything else), {@code Boolean} or {@code null}. Duplicate keys, trailing commas, comments,
 * unpaired surrogates and anything after the value are rejected with a {@link JsonParseException}
 * that gives the line and column.
 */
public final class Json {

    private static final int MAX_DEPTH = 512;

    private Json() {}

    /** @throws JsonParseException when {@code text} is not exactly one JSON value */
    public static Object parse(String text) {
        Parser parser = new Parser(text);
        parser.skipWhitespace();
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.describeCurrent() + " after the JSON value");
        }
        return value;
    }

    /**
     * Writes {@code Map} (String keys), {@code Collection}, {@code String}, {@code Number},
     * {@code Boolean} and {@code null} as compact JSON.
     *
     * @throws IllegalArgumentException for NaN, infinities, non-String keys and other types
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON cannot represent the number " + d + "; use a finite number or null");
            }
            out.append(value);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be Strings, got " + describe(entry.getKey()));
                }
                if (!first) out.append(',');
                first = false;
                writeString(key, out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) out.append(',');
                first = false;
                write(element, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + describe(value)
                    + " as JSON; use a Map, List, String, Number, Boolean or null");
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName() + " (" + value + ")";
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Object value(int depth) {
            if (pos >= text.length()) {
                throw error("expected a JSON value but the text ended");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> object(depth + 1);
                case '[' -> array(depth + 1);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw error("expected a JSON value but found " + describeCurrent());
                }
            };
        }

        private Map<String, Object> object(int depth) {
            checkDepth(depth);
            Map<String, Object> map = new LinkedHashMap<>();
            pos++; // '{'
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw error("expected a string key in double quotes but found " + describeCurrent());
                }
                int keyStart = pos;
                String key = string();
                if (map.containsKey(key)) {
                    pos = keyStart;
                    throw error("duplicate key \"" + key + "\"");
                }
                skipWhitespace();
                expect(':', "':' after the key \"" + key + "\"");
                skipWhitespace();
                map.put(key, value(depth));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == '}') {
                    pos++;
                    return map;
                } else {
                    throw error("expected ',' or '}' but found " + describeCurrent());
                }
            }
        }

        private List<Object> array(int depth) {
            checkDepth(depth);
            List<Object> list = new ArrayList<>();
            pos++; // '['
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(value(depth));
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() == ']') {
                    pos++;
                    return list;
                } else {
                    throw error("expected ',' or ']' but found " + describeCurrent());
                }
            }
        }

        private String string() {
            int start = pos;
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    pos = start;
                    throw error("unterminated string");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                } else if (c == '\\') {
                    escape(sb);
                } else if (c < 0x20) {
                    throw error("control character U+" + String.format("%04X", (int) c)
                            + " inside a string; write it as an escape such as \\n or \\u00XX");
                } else {
                    sb.append(c);
                    pos++;
                }
            }
        }

        private void escape(StringBuilder sb) {
            int escapeStart = pos;
            pos++; // backslash
            if (pos >= text.length()) {
                throw error("unterminated escape sequence");
            }
            char c = text.charAt(pos++);
            switch (c) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char unit = hex4(escapeStart);
                    if (Character.isHighSurrogate(unit)) {
                        // a high surrogate must be followed by an escaped low one: "\uD83D\uDE00"
                        int lowStart = pos;
                        if (!text.startsWith("\\u", pos)) {
                            pos = escapeStart;
                            throw error("unpaired surrogate \\u" + hexOf(unit) + "; it must be followed by a low surrogate \\uDC00-\\uDFFF");
                        }
                        pos += 2;
                        char low = hex4(lowStart);
                        if (!Character.isLowSurrogate(low)) {
                            pos = escapeStart;
                            throw error("unpaired surrogate \\u" + hexOf(unit) + "; it must be followed by a low surrogate \\uDC00-\\uDFFF");
                        }
                        sb.append(unit).append(low);
                    } else if (Character.isLowSurrogate(unit)) {
                        pos = escapeStart;
                        throw error("unpaired surrogate \\u" + hexOf(unit) + " without a high surrogate before it");
                    } else {
                        sb.append(unit);
                    }
                }
                default -> {
                    pos = escapeStart;
                    throw error("invalid escape \\" + c + "; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
                }
            }
        }

        private char hex4(int escapeStart) {
            if (pos + 4 > text.length()) {
                pos = escapeStart;
                throw error("\\u must be followed by four hex digits");
            }
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = Character.digit(text.charAt(pos + i), 16);
                if (digit < 0) {
                    pos = escapeStart;
                    throw error("\\u must be followed by four hex digits, got \"" + text.substring(escapeStart, escapeStart + 6) + "\"");
                }
                value = value * 16 + digit;
            }
            pos += 4;
            return (char) value;
        }

        private static String hexOf(char c) {
            return String.format("%04X", (int) c);
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') pos++;
            if (peek() == '0') {
                pos++;
                if (isDigit(peek())) {
                    throw error("leading zeros are not allowed in numbers");
                }
            } else if (isDigit(peek())) {
                while (isDigit(peek())) pos++;
            } else {
                throw error("expected a digit after '-' but found " + describeCurrent());
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) throw error("expected a digit after the decimal point but found " + describeCurrent());
                while (isDigit(peek())) pos++;
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') pos++;
                if (!isDigit(peek())) throw error("expected a digit in the exponent but found " + describeCurrent());
                while (isDigit(peek())) pos++;
            }
            String literal = text.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(literal);
                } catch (NumberFormatException tooBig) {
                    // integers beyond the range of long become doubles, as in JavaScript
                }
            }
            double d = Double.parseDouble(literal);
            if (Double.isInfinite(d)) {
                pos = start;
                throw error("number " + literal + " is too large for a double");
            }
            return d;
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("expected a JSON value but found " + describeCurrent());
            }
            pos += word.length();
            return value;
        }

        private void expect(char c, String what) {
            if (peek() != c) {
                throw error("expected " + what + " but found " + describeCurrent());
            }
            pos++;
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH + " levels");
            }
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
                pos++;
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        String describeCurrent() {
            if (pos >= text.length()) return "the end of the text";
            char c = text.charAt(pos);
            if (c < 0x20 || c == 0x7f) return "character U+" + hexOf(c);
            // show the word it starts, so that "tru" or "NaN" is recognisable
            int end = pos;
            while (end < text.length() && end - pos < 12 && " \t\r\n,:[]{}\"".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            return "'" + c + "'" + (end - pos > 1 ? " (in \"" + text.substring(pos, end) + "\")" : "");
        }

        JsonParseException error(String problem) {
            int line = 1;
            int lineStart = 0;
            int limit = Math.min(pos, text.length());
            for (int i = 0; i < limit; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            return new JsonParseException(problem, pos, line, pos - lineStart + 1);
        }
    }
}
