package dev.mlops.samples.spam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.Record;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The loaded classifier. Each record gives the e-mail text as {@code {"text": ...}} (JSON) or in the
 * first CSV column; the prediction is {@code "spam"} or {@code "ham"} with the probability of each.
 *
 * <p>Thread-safe: Tribuo's linear model only reads its weights when predicting, and the text
 * pipeline keeps one tokenizer per thread.
 */
final class SpamPredictor implements Predictor {

    private final Model<Label> model;
    private final TextFeatures features;

    private SpamPredictor(Model<Label> model, TextFeatures features) {
        this.model = model;
        this.features = features;
    }

    static SpamPredictor load(Path modelDir) throws IOException {
        Path file = modelDir.resolve(SpamClassifier.MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("model directory " + modelDir + " has no " + SpamClassifier.MODEL_FILE
                    + "; was it written by SpamClassifier.train?");
        }
        Model<Label> model;
        try {
            model = Model.deserializeFromFile(file).castModel(Label.class);
        } catch (ClassCastException e) {
            throw new IOException(file + " is not a Tribuo classification model", e);
        }
        Set<String> labels = new java.util.TreeSet<>();
        model.getOutputIDInfo().getDomain().forEach(l -> labels.add(l.getLabel()));
        if (!labels.equals(Emails.LABELS)) {
            throw new IOException(file + " predicts " + labels + ", not " + new java.util.TreeSet<>(Emails.LABELS));
        }
        return new SpamPredictor(model, TextFeatures.load(modelDir));
    }

    @Override
    public List<Prediction> predict(List<Record> records) {
        List<Example<Label>> examples = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            String text;
            try {
                text = records.get(i).text("text", 0);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(records.size() == 1 ? e.getMessage() : "record " + (i + 1) + ": " + e.getMessage(), e);
            }
            examples.add(features.extract(text));
        }
        List<Prediction> predictions = new ArrayList<>(examples.size());
        for (org.tribuo.Prediction<Label> p : model.predict(examples)) {
            Map<String, Double> scores = new HashMap<>();
            p.getOutputScores().forEach((name, label) -> scores.put(name, label.getScore()));
            predictions.add(Prediction.label(p.getOutput().getLabel(), scores));
        }
        return predictions;
    }
}
