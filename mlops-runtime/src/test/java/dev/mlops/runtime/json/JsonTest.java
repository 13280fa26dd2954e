package dev.mlops.runtime.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {

    @Test
    void parsesNestedValuesIntoJavaTypesKeepingKeyOrder() {
        Object parsed = Json.parse(" {\"z\": [1, -2.5, 3e2, true, null, {}], \"a\": {\"b\": []}, \"s\": \"x\"} \n");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", Arrays.asList(1L, -2.5, 300.0, true, null, Map.of()));
        expected.put("a", Map.of("b", List.of()));
        expected.put("s", "x");
        assertEquals(expected, parsed);
        assertEquals(List.of("z", "a", "s"), new ArrayList<>(((Map<?, ?>) parsed).keySet()));
        assertInstanceOf(LinkedHashMap.class, parsed);
    }

    @Test
    void decodesEveryEscapeAndSurrogatePairs() {
        assertEquals("\"\\/\b\f\n\r\té😀", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\""));
        assertEquals("😀 raw", Json.parse("\"😀 raw\""));
    }

    @Test
    void numbersFollowTheGrammar() {
        assertEquals(0L, Json.parse("-0"));
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(9.223372036854775808E18, Json.parse("9223372036854775808"));
        assertEquals(1.5e-7, Json.parse("1.5E-7"));
        assertEquals(120.0, Json.parse("1.2e+2"));
        assertNull(Json.parse("null"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                       | expected a JSON value but the text ended at line 1, column 1",
            "`{\"a\":1,}`             | expected a string key in double quotes but found '}' at line 1, column 8",
            "`[1,]`                   | expected a JSON value but found ']' at line 1, column 4",
            "`[1 2]`                  | expected ',' or ']' but found '2' at line 1, column 4",
            "`{\"a\" 1}`              | expected ':' after the key \"a\" but found '1' at line 1, column 6",
            "`{\"a\":1,\"a\":2}`      | duplicate key \"a\" at line 1, column 8",
            "`01`                     | leading zeros are not allowed in numbers at line 1, column 2",
            "`1.`                     | expected a digit after the decimal point but found the end of the text at line 1, column 3",
            "`1e`                     | expected a digit in the exponent but found the end of the text at line 1, column 3",
            "`-`                      | expected a digit after '-' but found the end of the text at line 1, column 2",
            "`1e400`                  | number 1e400 is too large for a double at line 1, column 1",
            "`{} x`                   | unexpected 'x' after the JSON value at line 1, column 4",
            "`tru`                    | expected a JSON value but found 't' (in \"tru\") at line 1, column 1",
            "`NaN`                    | expected a JSON value but found 'N' (in \"NaN\") at line 1, column 1",
            "`\"abc`                  | unterminated string at line 1, column 1",
            "`\"\\x\"`                | invalid escape \\x; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX at line 1, column 2",
            "`\"\\u12G4\"`            | \\u must be followed by four hex digits, got \"\\u12G4\" at line 1, column 2",
            "`\"\\uD83D\"`            | unpaired surrogate \\uD83D; it must be followed by a low surrogate \\uDC00-\\uDFFF at line 1, column 2",
            "`\"\\uDE00\"`            | unpaired surrogate \\uDE00 without a high surrogate before it at line 1, column 2",
            "`// c\n1`                | expected a JSON value but found '/' (in \"//\") at line 1, column 1",
    })
    void rejectsMalformedTextNamingThePosition(String text, String message) {
        assertEquals(message, assertThrows(JsonParseException.class, () -> Json.parse(text)).getMessage());
    }

    @Test
    void positionsCountLinesAndColumns() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\": tx\n}"));
        assertEquals(3, e.line());
        assertEquals(8, e.column());
        assertEquals(19, e.offset());
    }

    @Test
    void rawControlCharactersInStringsAreRejected() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> Json.parse("[\"a\nb\"]"));
        assertEquals("control character U+000A inside a string; write it as an escape such as \\n or \\u00XX", e.problem());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000);
        assertEquals("nesting deeper than 512 levels",
                assertThrows(JsonParseException.class, () -> Json.parse(deep)).problem());
    }

    @Test
    void writesCompactJsonThatParsesBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é 😀");
        value.put("numbers", Arrays.asList(1L, 2, 0.25, 1.0E-5, null, true));
        value.put("nested", Map.of("empty", List.of()));

        String written = Json.write(value);

        assertEquals("{\"text\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é 😀\","
                + "\"numbers\":[1,2,0.25,1.0E-5,null,true],\"nested\":{\"empty\":[]}}", written);
        assertEquals(Json.write(Json.parse(written)), written);
    }

    @Test
    void refusesWhatJsonCannotRepresent() {
        assertEquals("JSON cannot represent the number NaN; use a finite number or null",
                assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, "a")));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
