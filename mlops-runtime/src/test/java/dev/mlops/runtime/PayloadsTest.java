package dev.mlops.runtime;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Reading records and writing predictions in each payload format, without HTTP. */
class PayloadsTest {

    @Test
    void csvFollowsRfc4180() throws Exception {
        String body = "\uFEFFa,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",,\"\"\nlast,row";

        assertEquals(List.of(List.of("a", "b,c", "say \"hi\""), List.of("multi\nline", "", ""), List.of("last", "row")),
                Csv.parse(body));
    }

    @Test
    void malformedCsvNamesLineAndColumn() {
        assertEquals("CSV line 4, column 6: a quote inside an unquoted field; quote the whole field and double the quote,"
                        + " as in \"say \"\"hi\"\"\"",
                assertThrows(MalformedPayloadException.class, () -> Csv.parse("a\n\"b\nc\"\nabc,d\"e")).getMessage());
        assertEquals("CSV line 2, column 3: the quoted field is never closed; end it with a quote",
                assertThrows(MalformedPayloadException.class, () -> Csv.parse("x\nz,\"open\n")).getMessage());
        assertEquals("CSV line 1, column 4: 'x' after a closing quote; a quote inside a quoted field must be doubled (\"\")",
                assertThrows(MalformedPayloadException.class, () -> Csv.parse("\"a\"x,b")).getMessage());
    }

    @Test
    void jsonBecomesOneRecordPerObjectElementOrInstance() throws Exception {
        assertEquals(List.of(Record.ofFields(Map.of("text", "hi"))), RecordsReader.read(PayloadFormat.JSON, "{\"text\":\"hi\"}"));
        assertEquals(List.of(Record.ofFields(Map.of("text", "a")), Record.ofValues(List.of(1L, "b")),
                        Record.ofValues(Arrays.asList((Object) null)), Record.ofValues(List.of(2.5))),
                RecordsReader.read(PayloadFormat.JSON, "[{\"text\":\"a\"}, [1, \"b\"], null, 2.5]"));
        assertEquals(List.of(Record.ofValues(List.of("x")), Record.ofValues(List.of("y"))),
                RecordsReader.read(PayloadFormat.JSON, "{\"instances\": [\"x\", [\"y\"]]}"));
        assertEquals(List.of(Record.ofValues(List.of("scalar"))), RecordsReader.read(PayloadFormat.JSON, "\"scalar\""));
    }

    @Test
    void jsonLinesReadsOneValuePerNonBlankLineAndNamesTheBadLine() throws Exception {
        assertEquals(List.of(Record.ofFields(Map.of("a", 1L)), Record.ofValues(List.of("b"))),
                RecordsReader.read(PayloadFormat.JSON_LINES, "{\"a\": 1}\r\n\n  \n\"b\"\n"));
        assertEquals("malformed JSON lines: line 3, column 7: expected ',' or '}' but found ']'; each line must hold"
                        + " one complete JSON value",
                assertThrows(MalformedPayloadException.class,
                        () -> RecordsReader.read(PayloadFormat.JSON_LINES, "{}\n{}\n{\"a\":1]")).getMessage());
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertEquals("the request body is empty; send at least one record as text/csv",
                assertThrows(MalformedPayloadException.class, () -> RecordsReader.read(PayloadFormat.CSV, " \n")).getMessage());
    }

    @Test
    void predictionsAreWrittenInEachFormat() {
        List<Prediction> predictions = List.of(
                Prediction.label("spam", Map.of("spam", 0.75, "ham", 0.25)), Prediction.label("a,\"b\""), Prediction.number(3.2));

        assertEquals("{\"predictions\":[{\"label\":\"spam\",\"scores\":{\"ham\":0.25,\"spam\":0.75}},"
                + "{\"label\":\"a,\\\"b\\\"\"},{\"value\":3.2}]}", PredictionsWriter.write(PayloadFormat.JSON, predictions));
        assertEquals("{\"label\":\"spam\",\"scores\":{\"ham\":0.25,\"spam\":0.75}}\n{\"label\":\"a,\\\"b\\\"\"}\n{\"value\":3.2}\n",
                PredictionsWriter.write(PayloadFormat.JSON_LINES, predictions));
        assertEquals("spam,0.25,0.75\n\"a,\"\"b\"\"\"\n3.2\n", PredictionsWriter.write(PayloadFormat.CSV, predictions));
    }

    @Test
    void contentTypesAndAcceptHeadersChooseTheFormat() {
        assertEquals(Optional.of(PayloadFormat.CSV), PayloadFormat.forContentType("Text/CSV; charset=utf-8"));
        assertEquals(Optional.of(PayloadFormat.JSON_LINES), PayloadFormat.forContentType("application/x-jsonlines"));
        assertEquals(Optional.empty(), PayloadFormat.forContentType("text/plain"));

        assertEquals(Optional.of(PayloadFormat.CSV), PayloadFormat.forAccept(null, PayloadFormat.CSV));
        assertEquals(Optional.of(PayloadFormat.JSON_LINES), PayloadFormat.forAccept("*/*", PayloadFormat.JSON_LINES));
        assertEquals(Optional.of(PayloadFormat.JSON),
                PayloadFormat.forAccept("text/html, text/csv;q=0.5, application/json", PayloadFormat.CSV));
        assertEquals(Optional.of(PayloadFormat.CSV), PayloadFormat.forAccept("text/*", PayloadFormat.JSON));
        assertEquals(Optional.of(PayloadFormat.JSON_LINES), PayloadFormat.forAccept("application/*", PayloadFormat.JSON_LINES));
        assertEquals(Optional.empty(), PayloadFormat.forAccept("application/xml, text/csv;q=0", PayloadFormat.JSON));
    }
}
