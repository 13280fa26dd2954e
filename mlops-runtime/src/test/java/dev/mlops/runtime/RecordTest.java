package dev.mlops.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** {@link Record} as requests give it: CSV rows (text, by position) and JSON objects (typed, by name). */
class RecordTest {

    private static Record one(PayloadFormat format, String body) throws MalformedPayloadException {
        List<Record> records = RecordsReader.read(format, body);
        assertEquals(1, records.size());
        return records.get(0);
    }

    @Test
    void jsonNumbersAreLongOrDoubleAndReadAsNumbersOrText() throws Exception {
        Record json = one(PayloadFormat.JSON, "{\"education\": 12, \"age\": 35.5, \"union\": \"1\", \"race\": \"white\"}");
        assertEquals(Optional.of(12L), json.field("education"));
        assertEquals(Optional.of(35.5), json.field("age"));
        assertEquals(12.0, json.number("education", 0));
        assertEquals(35.5, json.number("age", 1));
        assertEquals(1.0, json.number("union", 2), "a number sent as text is parsed");
        assertEquals("12", json.text("education", 0));
        assertEquals("35.5", json.text("age", 1));
    }

    @Test
    void csvValuesAreTextByPositionAndParsedAsNumbers() throws Exception {
        Record csv = one(PayloadFormat.CSV, "12, 35.5 ,white\n");
        assertEquals(Optional.empty(), csv.field("education"), "CSV has no names");
        assertEquals(12.0, csv.number("education", 0));
        assertEquals(35.5, csv.number("age", 1), "surrounding blanks are ignored");
        assertEquals("white", csv.text("race", 2));
    }

    @Test
    void aNameWinsOverAPositionAndAJsonArrayIsPositional() throws Exception {
        Record array = one(PayloadFormat.JSON, "[[12, \"white\"]]");
        assertEquals(12.0, array.number("education", 0));
        Record both = new Record(java.util.Map.of("education", 16L), List.of("12"));
        assertEquals(16.0, both.number("education", 0));
    }

    @Test
    void missingNullAndNonNumericValuesAreErrorsNamingTheFieldAndColumn() throws Exception {
        Record json = one(PayloadFormat.JSON, "{\"education\": null, \"age\": true, \"race\": \"white\"}");
        assertEquals(Optional.empty(), json.field("education"), "JSON null reads as absent");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> json.number("education", 0));
        assertEquals("record has no field 'education' and no value at position 0; send {\"education\": ...} as JSON or put"
                + " it in CSV column 1", missing.getMessage());
        assertEquals("field 'age' (CSV column 2) must be a number, got true",
                assertThrows(IllegalArgumentException.class, () -> json.number("age", 1)).getMessage());
        assertEquals("field 'race' (CSV column 3) must be a number, got 'white'",
                assertThrows(IllegalArgumentException.class, () -> json.number("race", 2)).getMessage());
        Record csv = Record.ofValues(Arrays.asList("NaN", "1e999"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> csv.number("x", 0)).getMessage().endsWith("got 'NaN'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> csv.number("y", 1)).getMessage().endsWith("got '1e999'"));
        assertThrows(IllegalArgumentException.class, () -> csv.text("z", -1), "a negative position is no position");
    }
}
