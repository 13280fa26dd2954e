package dev.mlops.runtime;

import dev.mlops.runtime.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes predictions: JSON {@code {"predictions": [{"label": ..., "scores": {...}}]}}, one such object
 * per line for JSON lines, and for CSV the label (or number) followed by the scores in class-name order.
 */
final class PredictionsWriter {

    private PredictionsWriter() {}

    static String write(PayloadFormat format, List<Prediction> predictions) {
        return switch (format) {
            case JSON -> Json.write(Map.of("predictions", predictions.stream().map(PredictionsWriter::object).toList()));
            case JSON_LINES -> lines(predictions, p -> Json.write(object(p)));
            case CSV -> lines(predictions, PredictionsWriter::csvLine);
        };
    }

    private static Map<String, Object> object(Prediction prediction) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put(prediction.value() instanceof String ? "label" : "value", prediction.value());
        if (!prediction.scores().isEmpty()) {
            object.put("scores", prediction.scores());
        }
        return object;
    }

    private static String csvLine(Prediction prediction) {
        List<String> fields = new ArrayList<>();
        fields.add(Csv.field(prediction.value().toString()));
        // scores is a sorted map, so the columns come in the alphabetical order of the class names
        for (Double score : prediction.scores().values()) {
            fields.add(String.valueOf(score));
        }
        return String.join(",", fields);
    }

    private static String lines(List<Prediction> predictions, java.util.function.Function<Prediction, String> line) {
        StringBuilder out = new StringBuilder();
        for (Prediction prediction : predictions) {
            out.append(line.apply(prediction)).append('\n');
        }
        return out.toString();
    }
}
