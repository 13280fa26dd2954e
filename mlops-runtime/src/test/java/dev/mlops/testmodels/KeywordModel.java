package dev.mlops.testmodels;

import dev.mlops.runtime.Hyperparameters;
import dev.mlops.runtime.Model;
import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.Record;
import dev.mlops.runtime.TrainingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The test model: learns words that occur under only one label from {@code label,text} lines in the
 * {@code train} channel; predicts by counting those words, falling back on the most frequent label.
 * A text starting with {@code sleep:<ms> } makes prediction slow, for drain tests.
 */
public class KeywordModel implements Model {

    @Override
    public void train(TrainingContext context) throws Exception {
        Hyperparameters hyperparameters = context.hyperparameters();
        hyperparameters.requireOnly(List.of("min_count", "fail_with"));
        int minCount = hyperparameters.integer("min_count", 1, 1, 100);
        if (hyperparameters.string("fail_with").isPresent()) {
            throw new IllegalStateException(hyperparameters.string("fail_with").get(), new IOException("disk on fire"));
        }
        Map<String, Integer> labelCounts = new TreeMap<>();
        Map<String, Map<String, Integer>> wordCounts = new TreeMap<>();
        try (Stream<Path> files = Files.list(context.channel("train"))) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    String[] parts = line.split(",", 2);
                    labelCounts.merge(parts[0], 1, Integer::sum);
                    for (String word : parts[1].toLowerCase().split("\\W+")) {
                        wordCounts.computeIfAbsent(word, w -> new TreeMap<>()).merge(parts[0], 1, Integer::sum);
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        labelCounts.forEach((label, count) -> lines.add("label\t" + label + "\t" + count));
        wordCounts.forEach((word, byLabel) -> {
            if (byLabel.size() == 1 && byLabel.values().iterator().next() >= minCount) {
                lines.add("word\t" + word + "\t" + byLabel.keySet().iterator().next());
            }
        });
        Files.write(context.modelDir().resolve("keywords.tsv"), lines, StandardCharsets.UTF_8);
        Files.writeString(context.outputDir().resolve("stats.txt"), "labels=" + labelCounts.size() + "\n");
    }

    @Override
    public Predictor load(Path modelDir) throws Exception {
        Map<String, Integer> labelCounts = new TreeMap<>();
        Map<String, String> keywords = new HashMap<>();
        for (String line : Files.readAllLines(modelDir.resolve("keywords.tsv"), StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t");
            if (parts[0].equals("label")) {
                labelCounts.put(parts[1], Integer.parseInt(parts[2]));
            } else {
                keywords.put(parts[1], parts[2]);
            }
        }
        String majority = labelCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return records -> {
            List<Prediction> predictions = new ArrayList<>();
            for (Record record : records) {
                predictions.add(predict(record.text("text", 0), labelCounts.keySet(), keywords, majority));
            }
            return predictions;
        };
    }

    private static Prediction predict(String text, Set<String> labels, Map<String, String> keywords, String majority)
            throws InterruptedException {
        if (text.startsWith("sleep:")) {
            String millis = text.substring(6).split(" ", 2)[0];
            System.out.println("[test-model] sleeping " + millis + " ms");
            Thread.sleep(Long.parseLong(millis));
        }
        if (text.equals("reject me")) {
            throw new IllegalArgumentException("text 'reject me' is not allowed; send any other text");
        }
        Map<String, Integer> votes = new HashMap<>();
        for (String word : new HashSet<>(List.of(text.toLowerCase().split("\\W+")))) {
            String label = keywords.get(word);
            if (label != null) votes.merge(label, 1, Integer::sum);
        }
        int total = votes.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Double> scores = new TreeMap<>();
        for (String label : labels) {
            scores.put(label, (votes.getOrDefault(label, 0) + 1.0) / (total + labels.size()));
        }
        String best = total == 0 ? majority
                : votes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return Prediction.label(best, scores);
    }
}
