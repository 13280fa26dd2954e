package dev.mlops.samples.wages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import dev.mlops.runtime.Hyperparameters;
import dev.mlops.runtime.Model;
import dev.mlops.runtime.Predictor;
import dev.mlops.runtime.Record;
import dev.mlops.runtime.TrainingContext;

/**
 * Predicts a worker's hourly wage from a CSV table (the 1985 Current Population Survey sample): ridge
 * regression, in plain Java, of the {@code target} column (or its logarithm) on every other column (numbers
 * as they are, categories one 0/1 feature per level), solved exactly from the normal equations.
 */
public final class WageRegression implements Model {

    static final List<String> HYPERPARAMETERS = List.of("target", "l2", "log-target", "max-levels");
    private static final String LOG = "[wage-regression] ";

    @Override
    public void train(TrainingContext context) throws IOException {
        Hyperparameters hp = context.hyperparameters();
        hp.requireOnly(HYPERPARAMETERS);                                        // a misspelt name fails, listing these
        String target = hp.string("target", "wage");                             // any text
        double l2 = hp.number("l2", 10.0, 0.0, 1e6);                             // "must be a number in [0.0, 1000000.0], got 'x'"
        boolean logTarget = hp.choice("log-target", "false", List.of("true", "false")).equals("true");
        int maxLevels = hp.integer("max-levels", 20, 2, 1000);                   // "must be an integer in [2, 1000], got 'x'"

        CsvTable train = CsvTable.read(context.channel("train"), "train");
        int targetIndex = train.column(target, "train");
        double[] y = targets(train, targetIndex, target, logTarget);
        List<LinearModel.Column> columns = columns(train, targetIndex, maxLevels);
        double[][] x = features(train, targetIndex, columns);
        LinearModel model = fit(x, y, l2, target, logTarget, columns);
        model.save(context.modelDir());
        log("trained on %d rows of channel 'train': %d columns, %d features, l2 %s, %s target",
                y.length, columns.size(), model.weights().length, l2, logTarget ? "log" : "plain");
        if (context.channels().containsKey("test")) {
            CsvTable test = CsvTable.read(context.channel("test"), "test");
            log("channel 'test' (%d rows): %s", test.rows().size(), quality(model, test, test.column(target, "test")));
        }
    }

    @Override
    public Predictor load(Path modelDir) throws IOException {
        return LinearModel.load(modelDir);
    }

    private static double[] targets(CsvTable table, int index, String target, boolean logTarget) {
        double[] y = new double[table.rows().size()];
        for (int i = 0; i < y.length; i++) {
            String raw = table.rows().get(i).get(index).strip();
            double value;
            try {
                value = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value) || (logTarget && value <= 0)) {
                throw new IllegalArgumentException(table.lines().get(i) + ": the target '" + target + "' is '" + raw
                        + "', not a " + (logTarget ? "positive number (log-target is true)" : "number"));
            }
            y[i] = logTarget ? Math.log(value) : value;
        }
        if (y.length < 2) {
            throw new IllegalArgumentException("channel 'train' has " + y.length + " row(s); a regression needs at least 2");
        }
        return y;
    }

    /** A column whose every value is a number is a number; any other is a category of the levels it has. */
    private static List<LinearModel.Column> columns(CsvTable table, int targetIndex, int maxLevels) {
        List<LinearModel.Column> columns = new ArrayList<>();
        for (int c = 0; c < table.header().size(); c++) {
            if (c == targetIndex) {
                continue;
            }
            TreeSet<String> levels = new TreeSet<>();
            boolean numbers = true;
            for (List<String> row : table.rows()) {
                String value = row.get(c).strip();
                levels.add(value);
                numbers &= isNumber(value);
            }
            String name = table.header().get(c);
            if (!numbers && levels.size() > maxLevels) {
                throw new IllegalArgumentException("column '" + name + "' has " + levels.size() + " different values,"
                        + " more than max-levels (" + maxLevels + "); if it identifies rows, remove it, else raise max-levels");
            }
            columns.add(new LinearModel.Column(name, numbers ? List.of() : List.copyOf(levels)));
        }
        return columns;
    }

    private static double[][] features(CsvTable table, int targetIndex, List<LinearModel.Column> columns) {
        int p = columns.stream().mapToInt(LinearModel.Column::features).sum();
        double[][] x = new double[table.rows().size()][p];
        for (int i = 0; i < x.length; i++) {
            List<String> row = new ArrayList<>(table.rows().get(i));
            row.remove(targetIndex);
            int feature = 0;
            for (int c = 0; c < columns.size(); c++) {
                LinearModel.Column column = columns.get(c);
                String value = row.get(c).strip();
                if (column.isNumber()) {
                    x[i][feature] = Double.parseDouble(value);
                } else {
                    x[i][feature + column.levels().indexOf(value)] = 1;
                }
                feature += column.features();
            }
        }
        return x;
    }

    /**
     * Ridge regression on standardized features with an unpenalized intercept, then the weights scaled
     * back, so that prediction needs no standardization.
     */
    static LinearModel fit(double[][] x, double[] y, double l2, String target, boolean logTarget,
                           List<LinearModel.Column> columns) {
        int n = x.length;
        int p = x[0].length;
        double[] mean = new double[p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            for (double[] row : x) {
                mean[j] += row[j] / n;
            }
            double variance = 0;
            for (double[] row : x) {
                variance += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
            scale[j] = variance > 0 ? Math.sqrt(variance) : 1; // a constant feature stays 0 after centering
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v / n;
        }
        double[][] a = new double[p][p];
        double[] b = new double[p];
        for (int i = 0; i < n; i++) {
            double[] z = new double[p];
            for (int j = 0; j < p; j++) {
                z[j] = (x[i][j] - mean[j]) / scale[j];
            }
            for (int j = 0; j < p; j++) {
                b[j] += z[j] * (y[i] - yMean);
                for (int k = 0; k < p; k++) {
                    a[j][k] += z[j] * z[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            a[j][j] += l2;
        }
        double[] w = solve(a, b);
        double intercept = yMean;
        double[] weights = new double[p];
        for (int j = 0; j < p; j++) {
            weights[j] = w[j] / scale[j];
            intercept -= weights[j] * mean[j];
        }
        if (logTarget) {
            // exp of a mean log underestimates the mean: Duan's smearing factor, the mean of exp(residual)
            double smearing = 0;
            for (int i = 0; i < n; i++) {
                double fitted = intercept;
                for (int j = 0; j < p; j++) {
                    fitted += weights[j] * x[i][j];
                }
                smearing += Math.exp(y[i] - fitted) / n;
            }
            intercept += Math.log(smearing);
        }
        return new LinearModel(target, logTarget, columns, intercept, weights);
    }

    /** Gaussian elimination with partial pivoting; a (nearly) singular system asks for l2 > 0. */
    static double[] solve(double[][] a, double[] b) {
        int p = b.length;
        double largest = 0;
        for (int j = 0; j < p; j++) {
            largest = Math.max(largest, Math.abs(a[j][j]));
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) <= 1e-9 * Math.max(largest, 1)) {
                throw new IllegalArgumentException("the features are linearly dependent (the 0/1 features of a category's"
                        + " levels add up to 1 in every row), so least squares has no single solution; set the hyperparameter 'l2' above 0 (default 10)");
            }
            double[] row = a[col];
            a[col] = a[pivot];
            a[pivot] = row;
            double t = b[col];
            b[col] = b[pivot];
            b[pivot] = t;
            for (int r = col + 1; r < p; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < p; k++) {
                    a[r][k] -= f * a[col][k];
                }
                b[r] -= f * b[col];
            }
        }
        double[] w = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < p; k++) {
                s -= a[r][k] * w[k];
            }
            w[r] = s / a[r][r];
        }
        return w;
    }

    /** RMSE, MAE and R² of the model on a table, in the target's own unit, as mlops:evaluate computes them. */
    static String quality(LinearModel model, CsvTable table, int targetIndex) {
        int n = table.rows().size();
        double[] actual = new double[n];
        double[] predicted = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            List<Object> values = new ArrayList<>(table.rows().get(i));
            actual[i] = Double.parseDouble(((String) values.remove(targetIndex)).strip());
            predicted[i] = model.predict(Record.ofValues(values));
            mean += actual[i] / n;
        }
        double squares = 0;
        double absolute = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            squares += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            absolute += Math.abs(actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }
        return String.format(Locale.ROOT, "rmse %.4f, mae %.4f, r2 %.4f", Math.sqrt(squares / n), absolute / n,
                1 - squares / total);
    }

    private static boolean isNumber(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void log(String format, Object... args) {
        System.out.println(LOG + String.format(Locale.ROOT, format, args));
    }
}
