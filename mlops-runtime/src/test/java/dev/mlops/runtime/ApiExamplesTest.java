package dev.mlops.runtime;

import dev.mlops.testmodels.KeywordModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snippets of docs/runtime.md, compiled and checked: when one of these changes, change the page too.
 * (The worked examples are the two sample repositories: sample-model-repo, sample-regression-repo.)
 */
class ApiExamplesTest {

    /** docs/runtime.md "Hyperparameters": every reader, with the message of its error. */
    @Test
    void hyperparameterReaders() {
        Hyperparameters hp = new MapHyperparameters(new java.util.TreeMap<>(Map.of(               // all strings, as SageMaker gives
                "epochs", "abc", "learning-rate", "0.1", "loss", "huber", "name", "wages", "l2", "-1")));
        assertEquals("0.1", hp.string("learning-rate").orElseThrow());          // Optional<String>, empty when absent
        assertEquals("none", hp.string("comment", "none"));                      // the default when absent
        assertEquals(0.1, hp.number("learning-rate", 1.0, 1e-6, 10));
        assertEquals(5, hp.integer("folds", 5, 2, 20));                          // absent: the default, unchecked
        assertEquals("huber", hp.choice("loss", "squared", List.of("squared", "huber")));
        assertEquals(Map.of("epochs", "abc", "learning-rate", "0.1", "loss", "huber", "name", "wages", "l2", "-1"), hp.asMap());

        assertError("hyperparameter 'epochs' must be an integer in [1, 100], got 'abc'", () -> hp.integer("epochs", 5, 1, 100));
        assertError("hyperparameter 'l2' must be a number in [0.0, 1000.0], got '-1'", () -> hp.number("l2", 1.0, 0, 1000));
        assertError("hyperparameter 'loss' must be one of [squared, absolute], got 'huber'",
                () -> hp.choice("loss", "squared", List.of("squared", "absolute")));
        assertError("unknown hyperparameters 'l2', 'name'; this model accepts: epochs, learning-rate, loss. Check the"
                + " spelling or remove them", () -> hp.requireOnly(List.of("epochs", "learning-rate", "loss")));
        // names SageMaker adds itself are tolerated
        new MapHyperparameters(Map.of("sagemaker_program", "x", "_tuning_objective_metric", "rmse")).requireOnly(List.of());
    }

    /** docs/runtime.md "Predictions": a label with scores, a label, a number; how each is written. */
    @Test
    void predictions() {
        Prediction spam = Prediction.label("spam", Map.of("spam", 0.97, "ham", 0.03));
        Prediction label = Prediction.label("ham");
        Prediction wage = Prediction.number(7.93);
        assertEquals("{\"predictions\":[{\"label\":\"spam\",\"scores\":{\"ham\":0.03,\"spam\":0.97}},{\"label\":\"ham\"},"
                + "{\"value\":7.93}]}", PredictionsWriter.write(PayloadFormat.JSON, List.of(spam, label, wage)));
        assertEquals("spam,0.03,0.97\nham\n7.93\n", PredictionsWriter.write(PayloadFormat.CSV, List.of(spam, label, wage)));
        assertEquals(java.util.Optional.empty(), wage.label());
        // a number JSON cannot hold is refused when the answer is written: the client gets a 500 saying so
        assertThrows(IllegalArgumentException.class,
                () -> PredictionsWriter.write(PayloadFormat.JSON, List.of(Prediction.number(Double.NaN))));
        assertError("a prediction is a String label or a Double, not 3", () -> new Prediction(3, Map.of()));
    }

    /** docs/runtime.md "Records": one predictor reads CSV rows by position and JSON objects by name. */
    @Test
    void recordsFromEachFormat() throws Exception {
        Predictor predictor = records -> records.stream()
                .map(r -> Prediction.number(2.0 * r.number("education", 0) + (r.text("union", 1).equals("1") ? 1 : 0)))
                .toList();
        List<Record> csv = RecordsReader.read(PayloadFormat.CSV, "12,1\n16,0\n");
        List<Record> json = RecordsReader.read(PayloadFormat.JSON, "{\"instances\": [{\"education\": 12, \"union\": 1},"
                + " {\"education\": 16.0, \"union\": \"0\"}]}");
        List<Record> lines = RecordsReader.read(PayloadFormat.JSON_LINES, "{\"education\": 12, \"union\": 1}\n[16, 0]\n");
        List<Prediction> expected = List.of(Prediction.number(25), Prediction.number(32));
        assertEquals(expected, predictor.predict(csv));
        assertEquals(expected, predictor.predict(json));
        assertEquals(expected, predictor.predict(lines));
    }

    /** docs/runtime.md "Testing a model": TrainingContext.of, then load and predict, with no /opt/ml tree. */
    @Test
    void unitTestingAModel(@TempDir Path dir) throws Exception {
        Path train = Files.createDirectories(dir.resolve("train"));
        Files.writeString(train.resolve("a.csv"), "spam,win money now\nham,lunch at noon\n");
        Path modelDir = Files.createDirectories(dir.resolve("model"));
        Path out = Files.createDirectories(dir.resolve("out"));                  // of() uses the directories as they are
        TrainingContext context = TrainingContext.of(Map.of("min_count", "1"), Map.of("train", train), modelDir, out);

        Model model = new KeywordModel();
        model.train(context);
        try (Predictor predictor = model.load(modelDir)) {
            assertEquals("spam", predictor.predict(List.of(Record.ofValues(List.of("win")))).get(0).label().orElseThrow());
        }
        assertError("no input channel 'test': the channels are train; give the training job a channel named 'test'",
                () -> context.channel("test"));
        assertError("hyperparameter 'min_count' must be an integer in [1, 100], got '0'", () -> model.train(
                TrainingContext.of(Map.of("min_count", "0"), Map.of("train", train), modelDir, out)));
    }

    private static void assertError(String message, org.junit.jupiter.api.function.Executable code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, code);
        assertEquals(message, e.getMessage());
    }
}
