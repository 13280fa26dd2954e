package dev.mlops.samples.spam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.mlops.runtime.Model;
import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpamClassifierTest {

    static final Path TRAIN = Path.of("data/train/emails.jsonl");
    static final Path TEST = Path.of("data/test/emails.jsonl");

    @TempDir
    static Path shared;
    static Path modelDir;
    static List<Emails.Email> testSlice;

    /** Trains once on every 4th e-mail of the sample's train split (~1,200), with every 4th of the test split as channel 'test'. */
    @BeforeAll
    static void trainOnSlice() throws Exception {
        List<String> lines = Files.readAllLines(TRAIN);
        List<String> slice = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 4) {
            slice.add(lines.get(i));
        }
        Path train = write(shared.resolve("train/part.jsonl"), slice);
        List<String> testLines = Files.readAllLines(TEST);
        List<String> testPart = new ArrayList<>();
        for (int i = 0; i < testLines.size(); i += 4) {
            testPart.add(testLines.get(i));
        }
        Path test = write(shared.resolve("test/emails.jsonl"), testPart);
        testSlice = Emails.readChannel("test", test.getParent());
        modelDir = shared.resolve("model");
        new SpamClassifier().train(context(Map.of("epochs", "3"), train.getParent(), test.getParent(), modelDir));
    }

    @Test
    void writesTheModelAndItsFeatureSettings() throws IOException {
        assertTrue(Files.size(modelDir.resolve("model.tribuo")) > 1000);
        String settings = Files.readString(modelDir.resolve("pipeline.properties"));
        assertTrue(settings.contains("ngrams=1"), settings);
        assertTrue(settings.contains("hash-dim=262144"), settings);
        // protobuf, not Java serialization (which starts with 0xACED)
        byte[] head = Files.readAllBytes(modelDir.resolve("model.tribuo"));
        assertTrue(!(head[0] == (byte) 0xAC && head[1] == (byte) 0xED));
    }

    @Test
    void predictsHeldOutEmailsWell() throws Exception {
        try (Predictor predictor = new SpamClassifier().load(modelDir)) {
            List<Record> records = testSlice.stream().map(e -> Record.ofFields(Map.of("text", e.text()))).toList();
            List<Prediction> predictions = predictor.predict(records);
            int correct = 0;
            for (int i = 0; i < predictions.size(); i++) {
                Prediction p = predictions.get(i);
                assertEquals(2, p.scores().size(), p.toString());
                assertEquals(1.0, p.scores().get("spam") + p.scores().get("ham"), 1e-6);
                if (p.label().orElseThrow().equals(testSlice.get(i).label())) correct++;
            }
            double accuracy = correct / (double) predictions.size();
            assertTrue(accuracy > 0.9, "accuracy on " + predictions.size() + " held-out e-mails " + accuracy);
        }
    }

    @Test
    void readsTextFromJsonFieldOrFirstCsvColumnAndCopesWithUnknownWords() throws Exception {
        try (Predictor predictor = new SpamClassifier().load(modelDir)) {
            String spam = "FREE!!! Make money fast, click here to order now, limited time offer, 100% guaranteed, remove me from the list";
            List<Prediction> p = predictor.predict(List.of(
                    Record.ofFields(Map.of("text", spam)),
                    Record.ofValues(List.of(spam)),
                    Record.ofValues(List.of("")),
                    Record.ofValues(List.of("qqqzzzxxyy wwvvuutt"))));
            assertEquals("spam", p.get(0).label().orElseThrow(), p.get(0).toString());
            assertEquals(p.get(0), p.get(1));
            assertEquals(2, p.get(2).scores().size()); // no known word: the class prior, not an error
            assertEquals(2, p.get(3).scores().size());
        }
    }

    @Test
    void aRecordWithoutTextIsTheCallersError() throws Exception {
        try (Predictor predictor = new SpamClassifier().load(modelDir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> predictor.predict(List.of(
                    Record.ofFields(Map.of("text", "hello")), Record.ofFields(Map.of("body", "hello")))));
            assertTrue(e.getMessage().startsWith("record 2: record has no field 'text'"), e.getMessage());
        }
    }

    @Test
    void predictsTheSameFromManyThreads() throws Exception {
        try (Predictor predictor = new SpamClassifier().load(modelDir)) {
            List<Record> records = testSlice.stream().limit(100).map(e -> Record.ofFields(Map.of("text", e.text()))).toList();
            List<Prediction> expected = predictor.predict(records);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Prediction>>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    futures.add(pool.submit(() -> {
                        List<Prediction> one = new ArrayList<>();
                        for (Record r : records) one.addAll(predictor.predict(List.of(r)));
                        return one;
                    }));
                }
                for (Future<List<Prediction>> f : futures) assertEquals(expected, f.get());
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void trainingIsDeterministic(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(TRAIN).subList(0, 400)); // all ham: add some spam
        lines.addAll(Files.readAllLines(TRAIN).stream().filter(l -> l.contains("\"label\":\"spam\"")).limit(200).toList());
        Path train = write(dir.resolve("train/emails.jsonl"), lines);
        List<Record> records = testSlice.stream().limit(50).map(e -> Record.ofValues(List.of(e.text()))).toList();
        List<List<Prediction>> runs = new ArrayList<>();
        for (String run : List.of("a", "b")) {
            new SpamClassifier().train(context(Map.of("epochs", "2", "seed", "7"), train.getParent(), null, dir.resolve(run)));
            try (Predictor p = new SpamClassifier().load(dir.resolve(run))) {
                runs.add(p.predict(records));
            }
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void followsALinkedChannelDirectory(@TempDir Path dir) throws Exception {
        Path data = write(dir.resolve("data/train/emails.jsonl"), Files.readAllLines(TRAIN).subList(0, 3));
        Path link = Files.createSymbolicLink(dir.resolve("train"), data.getParent());
        assertEquals(3, Emails.readChannel("train", link).size());
    }

    @Test
    void isFoundByServiceLoader() {
        List<Model> models = ServiceLoader.load(Model.class).stream().map(ServiceLoader.Provider::get).toList();
        assertEquals(1, models.size());
        assertTrue(models.get(0) instanceof SpamClassifier);
    }

    // ------------------------------------------------------------------ errors

    @Test
    void rejectsAChannelWithoutJsonlFiles(@TempDir Path dir) throws IOException {
        Path train = Files.createDirectories(dir.resolve("train"));
        Files.writeString(train.resolve("emails.csv"), "spam,buy now\n");
        String message = trainError(Map.of(), train, dir);
        assertEquals("channel 'train' at " + train + " has no *.jsonl files", message);
    }

    @Test
    void rejectsAnEmptyChannel(@TempDir Path dir) throws IOException {
        Path train = Files.createDirectories(dir.resolve("train"));
        assertEquals("channel 'train' at " + train + " has no *.jsonl files", trainError(Map.of(), train, dir));
        Files.writeString(train.resolve("emails.jsonl"), "\n\n");
        assertTrue(trainError(Map.of(), train, dir).startsWith("channel 'train' at " + train + " has no e-mails"));
    }

    @Test
    void namesTheFileAndLineOfAMalformedLine(@TempDir Path dir) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(TRAIN).subList(0, 16));
        lines.add("{\"label\": \"spam\", \"text\": \"unterminated}");
        Path train = write(dir.resolve("train/emails.jsonl"), lines);
        String message = trainError(Map.of(), train.getParent(), dir);
        assertTrue(message.startsWith("emails.jsonl line 17: not valid JSON"), message);
    }

    @Test
    void rejectsAMissingOrUnknownLabel(@TempDir Path dir) throws IOException {
        Path train = write(dir.resolve("train/emails.jsonl"), List.of(
                "{\"label\": \"ham\", \"text\": \"see you at lunch\"}",
                "{\"text\": \"buy now\"}"));
        assertEquals("emails.jsonl line 2: no \"label\"; expected \"spam\" or \"ham\"", trainError(Map.of(), train.getParent(), dir));
        write(train, List.of("{\"label\": \"phishing\", \"text\": \"verify your account\"}"));
        assertEquals("emails.jsonl line 1: unknown label \"phishing\"; expected \"spam\" or \"ham\"",
                trainError(Map.of(), train.getParent(), dir));
        write(train, List.of("{\"label\": \"spam\"}"));
        assertTrue(trainError(Map.of(), train.getParent(), dir).startsWith("emails.jsonl line 1: no \"text\""));
        write(train, List.of("[\"spam\", \"buy now\"]"));
        assertTrue(trainError(Map.of(), train.getParent(), dir).startsWith("emails.jsonl line 1: expected a JSON object"));
    }

    @Test
    void needsBothClasses(@TempDir Path dir) throws IOException {
        Path train = write(dir.resolve("train/emails.jsonl"), List.of("{\"label\": \"ham\", \"text\": \"see you at lunch\"}"));
        assertTrue(trainError(Map.of(), train.getParent(), dir).contains("has only 'ham' e-mails"));
    }

    @Test
    void rejectsUnknownAndOutOfRangeHyperparameters(@TempDir Path dir) throws IOException {
        Path train = write(dir.resolve("train/emails.jsonl"), Files.readAllLines(TRAIN).subList(0, 5));
        String unknown = trainError(Map.of("epoch", "3"), train.getParent(), dir);
        assertTrue(unknown.contains("epoch") && unknown.contains("learning-rate"), unknown);
        String range = trainError(Map.of("ngrams", "7"), train.getParent(), dir);
        assertTrue(range.contains("ngrams") && range.contains("7"), range);
        String nan = trainError(Map.of("learning-rate", "fast"), train.getParent(), dir);
        assertTrue(nan.contains("learning-rate") && nan.contains("fast"), nan);
    }

    @Test
    void loadNamesAMissingModelFile(@TempDir Path dir) {
        Exception e = assertThrows(IOException.class, () -> new SpamClassifier().load(dir));
        assertTrue(e.getMessage().contains("has no model.tribuo"), e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static TestContext context(Map<String, String> hyper, Path train, Path test, Path model) {
        Map<String, Path> channels = new HashMap<>();
        channels.put("train", train);
        if (test != null) channels.put("test", test);
        return new TestContext(hyper, channels, model, model.resolveSibling("output"));
    }

    static String trainError(Map<String, String> hyper, Path train, Path dir) {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> new SpamClassifier().train(context(hyper, train, null, dir.resolve("model"))));
        return e.getMessage();
    }

    static Path write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return file;
    }
}
