package dev.mlops.testmodels;

import dev.mlops.runtime.Model;
import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.TrainingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model for the tests, served by the real runtime: "spam" (probability 0.9) when the text holds the
 * keyword in its model directory's {@code keyword.txt}, else "ham" (spam probability 0.2).
 */
public class KeywordClassifier implements Model {

    @Override
    public void train(TrainingContext context) {
        throw new UnsupportedOperationException("the tests store a ready model");
    }

    @Override
    public Predictor load(Path modelDir) throws Exception {
        String keyword = Files.readString(modelDir.resolve("keyword.txt")).strip();
        return records -> records.stream().map(r -> r.text("text", 0).contains(keyword)
                ? Prediction.label("spam", Map.of("spam", 0.9, "ham", 0.1))
                : Prediction.label("ham", Map.of("spam", 0.2, "ham", 0.8))).toList();
    }
}
