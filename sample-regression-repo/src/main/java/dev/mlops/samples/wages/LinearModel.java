package dev.mlops.samples.wages;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import dev.mlops.runtime.Prediction;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.Record;

/**
 * A trained linear model: {@code y = intercept + Σ weight · feature}, where a number column is one
 * feature and a category column one 0/1 feature per level seen in training; {@code exp(y)} when the
 * target was fitted in logs. Saved as {@code model.properties}, readable by a person.
 *
 * @param columns the input columns, in the order of the training header without the target: the
 *     positions of a CSV request's values
 * @param weights one per feature, in the order of {@code columns}
 */
record LinearModel(String target, boolean logTarget, List<Column> columns, double intercept, double[] weights)
        implements Predictor {

    static final String FILE = "model.properties";

    /** An input column: a number, or a category with the levels it had in training (sorted). */
    record Column(String name, List<String> levels) {

        boolean isNumber() {
            return levels.isEmpty();
        }

        int features() {
            return isNumber() ? 1 : levels.size();
        }
    }

    @Override
    public List<Prediction> predict(List<Record> records) {
        List<Prediction> predictions = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                predictions.add(Prediction.number(predict(records.get(i))));
            } catch (IllegalArgumentException e) { // which record, when a request holds several
                throw records.size() == 1 ? e : new IllegalArgumentException("record " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return predictions;
    }

    /**
     * One record: each column by its name (JSON) or else its position (CSV), numbers as JSON numbers or text.
     *
     * @throws IllegalArgumentException naming the field when a value is missing, not a number, or a level
     *     never seen in training; the caller gets it as a 400
     */
    double predict(Record record) {
        double y = intercept;
        int feature = 0;
        for (int position = 0; position < columns.size(); position++) {
            Column column = columns.get(position);
            if (column.isNumber()) {
                y += weights[feature] * record.number(column.name(), position);
            } else {
                String level = record.text(column.name(), position).strip();
                int k = column.levels().indexOf(level);
                if (k < 0) {
                    throw new IllegalArgumentException("field '" + column.name() + "' (CSV column " + (position + 1)
                            + ") is '" + level + "', which training never saw; use one of: " + String.join(", ", column.levels()));
                }
                y += weights[feature + k];
            }
            feature += column.features();
        }
        return logTarget ? Math.exp(y) : y;
    }

    void save(Path dir) throws IOException {
        Properties p = new Properties();
        p.setProperty("target", target);
        p.setProperty("log-target", Boolean.toString(logTarget));
        p.setProperty("columns", String.join(",", columns.stream().map(Column::name).toList()));
        for (Column column : columns) {
            p.setProperty("column." + column.name(), column.isNumber() ? "number" : "category:" + String.join("|", column.levels()));
        }
        p.setProperty("intercept", Double.toString(intercept));
        p.setProperty("weights", String.join(",", Arrays.stream(weights).mapToObj(Double::toString).toList()));
        try (Writer out = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
            p.store(out, "wage-regression: a linear model on the columns below (see README.md)");
        }
    }

    static LinearModel load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no " + FILE + " in " + dir + "; was the model trained by this version of wage-regression?");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        List<Column> columns = new ArrayList<>();
        for (String name : required(p, "columns").split(",")) {
            String kind = required(p, "column." + name);
            columns.add(new Column(name, kind.equals("number") ? List.of()
                    : List.of(kind.substring("category:".length()).split("\\|"))));
        }
        double[] weights = Arrays.stream(required(p, "weights").split(",")).mapToDouble(Double::parseDouble).toArray();
        int features = columns.stream().mapToInt(Column::features).sum();
        if (weights.length != features) {
            throw new IllegalStateException(file + " has " + weights.length + " weights for " + features + " features");
        }
        return new LinearModel(required(p, "target"), Boolean.parseBoolean(required(p, "log-target")), List.copyOf(columns),
                Double.parseDouble(required(p, "intercept")), weights);
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(FILE + " has no '" + key + "'");
        }
        return value;
    }
}
