package dev.mlops.testmodels;

import dev.mlops.runtime.Model;
import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.TrainingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Predicts the most frequent label of lines "label,text" in the train channel. */
public class MajorityModel implements Model {

    @Override
    public void train(TrainingContext context) throws Exception {
        context.hyperparameters().requireOnly(List.of("epochs"));
        context.hyperparameters().integer("epochs", 1, 1, 100);
        Map<String, Integer> counts = new HashMap<>();
        try (Stream<Path> files = Files.list(context.channel("train"))) {
            for (Path file : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    int comma = lines.get(i).indexOf(',');
                    if (comma <= 0) {
                        throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1)
                                + ": expected 'label,text', got '" + lines.get(i) + "'");
                    }
                    counts.merge(lines.get(i).substring(0, comma), 1, Integer::sum);
                }
            }
        }
        String majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Files.writeString(context.modelDir().resolve("label.txt"), majority);
    }

    @Override
    public Predictor load(Path modelDir) throws Exception {
        String label = Files.readString(modelDir.resolve("label.txt"));
        return records -> records.stream().map(r -> Prediction.label(label)).toList();
    }
}
