package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestChannelReaderTest {

    @TempDir Path dir;

    @Test
    void jsonLinesAreSentWithoutTheirLabelInChunksOfAtMostTheRecordLimit() throws Exception {
        Files.writeString(dir.resolve("a.jsonl"), """
                {"id":1,"label":"spam","text":"win money"}

                {"id":2,"label":"ham","text":"lunch?"}
                {"id":3,"label":1,"text":"x"}
                """);
        List<Chunk> chunks = readAll(RecordLayout.DEFAULT, 1 << 20, 2);
        assertEquals(2, chunks.size());
        assertEquals("{\"id\":1,\"text\":\"win money\"}\n{\"id\":2,\"text\":\"lunch?\"}\n", chunks.get(0).body());
        assertEquals(List.of("spam", "ham"), chunks.get(0).labels());
        assertEquals("a.jsonl line 3", chunks.get(0).where(1), "blank lines count in line numbers");
        assertEquals(List.of("1"), chunks.get(1).labels());
        assertEquals(TestChannelReader.JSON_LINES, chunks.get(0).contentType());
    }

    @Test
    void chunksStayUnderTheByteLimitAndNeverMixFiles() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            lines.append("{\"label\":\"a\",\"text\":\"").append("x".repeat(90)).append("\"}\n");
        }
        Files.writeString(dir.resolve("a.jsonl"), lines);
        Files.writeString(dir.resolve("b.jsonl"), "{\"label\":\"b\",\"text\":\"y\"}\n");
        List<Chunk> chunks = readAll(RecordLayout.DEFAULT, 1000, 1000);
        int records = 0;
        for (Chunk chunk : chunks) {
            assertTrue(chunk.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1000);
            records += chunk.labels().size();
        }
        assertEquals(101, records);
        assertEquals("b.jsonl", chunks.get(chunks.size() - 1).file());
        assertEquals(1, chunks.get(chunks.size() - 1).labels().size());
    }

    @Test
    void csvRowsLoseTheirLabelColumnAndKeepQuotedFields() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "label,text\nspam,\"win, now\"\nham,\"two\nlines\"\nspam,x\n");
        List<Chunk> chunks = readAll(new RecordLayout("label", 0, true), 1 << 20, 100);
        assertEquals(TestChannelReader.CSV, chunks.get(0).contentType());
        assertEquals("\"win, now\"\n\"two\nlines\"\nx\n", chunks.get(0).body());
        assertEquals(List.of("spam", "ham", "spam"), chunks.get(0).labels());
        assertEquals("t.csv line 3 (data row 2)", chunks.get(0).where(1));
        assertEquals("t.csv line 5 (data row 3)", chunks.get(0).where(2), "a record over two lines is one data row");
    }

    @Test
    void aLabelColumnNamedInTheHeaderIsFoundInEachFile() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "education,wage,age\n12,7.5,30\n");
        Files.writeString(dir.resolve("b.csv"), "wage,education,age\n9.25,16,41\n");
        List<Chunk> chunks = readAll(RecordLayout.of("label", "wage", true), 1 << 20, 100);
        assertEquals("12,30\n", chunks.get(0).body());
        assertEquals(List.of("7.5"), chunks.get(0).labels());
        assertEquals("16,41\n", chunks.get(1).body(), "each file's own header decides");
        assertEquals(List.of("9.25"), chunks.get(1).labels());
    }

    @Test
    void aLabelColumnNameMissingFromAHeaderIsAnErrorListingItsColumns() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "education,wage\n12,7.5\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> readAll(RecordLayout.of("label", "salary", true), 1 << 20, 100));
        assertTrue(e.getMessage().contains("'salary' is not in the header of t.csv (its columns: education, wage)"),
                e.getMessage());
    }

    @Test
    void aMissingLabelFieldIsAnErrorNamingTheFieldTheLineAndTheFieldsThereAre() throws Exception {
        Files.writeString(dir.resolve("t.jsonl"), "{\"label\":\"spam\",\"text\":\"a\"}\n{\"class\":\"ham\",\"text\":\"b\"}\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> readAll(RecordLayout.DEFAULT, 1 << 20, 100));
        assertTrue(e.getMessage().contains("t.jsonl line 2 has no label field 'label'"), e.getMessage());
        assertTrue(e.getMessage().contains("its fields: class, text"), e.getMessage());
        assertEquals(Setting.LABEL_FIELD, e.setting().orElseThrow(), e.getMessage());
    }

    @Test
    void aCsvRowWithoutTheLabelColumnIsAnError() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "a,b,c\nd\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> readAll(new RecordLayout("label", 2, false), 1 << 20, 100));
        assertTrue(e.getMessage().contains("t.csv line 2 has 1 column(s), so it has no label column 2"), e.getMessage());
    }

    @Test
    void anErrorInACsvWithAHeaderNamesTheDataRowToo() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "label,a,b\nspam,1,2\n\nham\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> readAll(new RecordLayout("label", 2, true), 1 << 20, 100));
        assertTrue(e.getMessage().startsWith("t.csv line 4 (data row 2) has 1 column(s)"), e.getMessage());
    }

    @Test
    void malformedJsonIsAnErrorNamingTheLine() throws Exception {
        Files.writeString(dir.resolve("t.jsonl"), "{\"label\":\"spam\"\n");
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> readAll(RecordLayout.DEFAULT, 1 << 20, 100));
        assertTrue(e.getMessage().startsWith("t.jsonl line 1 is not valid JSON"), e.getMessage());
    }

    private List<Chunk> readAll(RecordLayout layout, long maxBytes, int maxRecords) {
        List<Chunk> chunks = new ArrayList<>();
        try (TestChannelReader reader = new TestChannelReader(dir, layout, maxBytes, maxRecords)) {
            for (Optional<Chunk> chunk = reader.next(); chunk.isPresent(); chunk = reader.next()) {
                chunks.add(chunk.get());
            }
        }
        return chunks;
    }
}
