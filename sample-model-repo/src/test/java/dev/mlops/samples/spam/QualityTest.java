package dev.mlops.samples.spam;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measurement behind README.md: trains on the whole {@code data/train} split, loads the saved
 * model as the runtime would, predicts every e-mail of {@code data/test} and prints accuracy,
 * precision / recall / F1 for spam, the confusion matrix and the timings (also written to
 * {@code target/quality.txt}). Opt-in, as it takes ~20 s:
 * {@code mvn test -Dspam.quality=true -Dtest=QualityTest}; {@code -Dspam.hyperparameters=epochs=8,ngrams=1}
 * tries other hyperparameters.
 */
@EnabledIfSystemProperty(named = "spam.quality", matches = "true")
class QualityTest {

    @Test
    void measuresTheTestSplit(@TempDir Path dir) throws Exception {
        Map<String, String> hyper = new LinkedHashMap<>();
        String given = System.getProperty("spam.hyperparameters", "");
        for (String kv : given.split(",")) {
            if (!kv.isBlank()) hyper.put(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
        }
        Path model = dir.resolve("model");
        long t0 = System.nanoTime();
        new SpamClassifier().train(SpamClassifierTest.context(hyper, Path.of("data/train"), null, model));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;

        List<Emails.Email> test = Emails.readChannel("test", Path.of("data/test"));
        long t1 = System.nanoTime();
        List<Prediction> predictions;
        try (Predictor predictor = new SpamClassifier().load(model)) {
            predictions = predictor.predict(test.stream().map(e -> Record.ofFields(Map.of("text", e.text()))).toList());
        }
        double predictSeconds = (System.nanoTime() - t1) / 1e9;

        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < test.size(); i++) {
            boolean actual = test.get(i).label().equals("spam");
            boolean predicted = predictions.get(i).label().orElseThrow().equals("spam");
            if (actual && predicted) tp++;
            else if (!actual && predicted) fp++;
            else if (actual) fn++;
            else tn++;
        }
        double accuracy = (tp + tn) / (double) test.size();
        double precision = tp / (double) (tp + fp);
        double recall = tp / (double) (tp + fn);
        double f1 = 2 * precision * recall / (precision + recall);
        String report = String.format(Locale.ROOT, """
                hyperparameters: %s (others default)
                model files: %s
                training (read + features + fit + save) on %s e-mails: %.1f s
                loading + predicting %d test e-mails: %.2f s
                accuracy %.4f
                spam precision %.4f, recall %.4f, F1 %.4f
                confusion matrix (rows actual, columns predicted):
                            ham   spam
                  ham  %8d %6d
                  spam %8d %6d
                """, hyper, listing(model), Files.readAllLines(Path.of("data/train/emails.jsonl")).size(), trainSeconds,
                test.size(), predictSeconds, accuracy, precision, recall, f1, tn, fp, fn, tp);
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/quality.txt"), report);
        assertTrue(accuracy > 0.95, report);
    }

    private static String listing(Path model) throws Exception {
        try (var files = Files.list(model)) {
            return files.sorted().map(f -> {
                try {
                    return f.getFileName() + " (" + Files.size(f) + " bytes)";
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList().toString();
        }
    }
}
