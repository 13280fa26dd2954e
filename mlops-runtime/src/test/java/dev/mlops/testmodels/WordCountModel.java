package dev.mlops.testmodels;

import dev.mlops.runtime.Model;
import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.TrainingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model for the tests: counts the words of the train channel; fails on the word "poison"; a
 * negative count loads but fails every prediction.
 */
public class WordCountModel implements Model {

    @Override
    public void train(TrainingContext context) throws Exception {
        context.hyperparameters().requireOnly(List.of("scale"));
        int scale = context.hyperparameters().integer("scale", 1, 1, 10);
        long words = 0;
        try (Stream<Path> files = Files.list(context.channel("train"))) {
            for (Path file : files.sorted().toList()) {
                for (String word : Files.readString(file).split("\\s+")) {
                    if (word.equals("poison")) {
                        throw new IllegalArgumentException(file.getFileName() + " holds the word 'poison'");
                    }
                    words += word.isEmpty() ? 0 : 1;
                }
            }
        }
        System.out.println("counted " + words + " words");
        Files.writeString(context.modelDir().resolve("count.txt"), Long.toString(words * scale));
    }

    @Override
    public Predictor load(Path modelDir) throws Exception {
        double count = Double.parseDouble(Files.readString(modelDir.resolve("count.txt")));
        if (count < 0) {
            // a model that loads but cannot predict: what a smoke test is for
            return records -> {
                throw new IllegalStateException("this model cannot predict (count " + count + ")");
            };
        }
        return records -> records.stream().map(r -> Prediction.number(count)).toList();
    }
}
