package dev.mlops.core.evaluate;

import dev.mlops.core.ConfigurationException;
import dev.mlops.core.Setting;
import dev.mlops.core.Text;
import java.util.List;
import java.util.Optional;

/**
 * Where the label is in a test record: a field of each JSON line, or a column of each CSV row.
 *
 * @param labelField the field of a JSON record that holds the label or target
 * @param csvLabelColumn the CSV column that holds it, 0 for the first; -1 while {@code csvLabelName} is
 *     not yet looked up in a file's header ({@link #forHeader})
 * @param csvHeader whether each CSV file starts with a header row (skipped)
 * @param csvLabelName the header name of the label column, when it was given by name
 */
public record RecordLayout(String labelField, int csvLabelColumn, boolean csvHeader, Optional<String> csvLabelName) {

    public static final RecordLayout DEFAULT = new RecordLayout("label", 0, false);

    public RecordLayout {
        if (labelField == null || labelField.isBlank()) {
            throw new ConfigurationException(Text.of("The label field is empty: set ", Setting.LABEL_FIELD,
                    " to the JSON field that holds the label, e.g. label."));
        }
        if (csvLabelName.isEmpty() && csvLabelColumn < 0) {
            throw new ConfigurationException(Text.of("The CSV label column is " + csvLabelColumn + ": set ",
                    Setting.EVALUATE_CSV_LABEL_COLUMN, " to 0 (the first column) or more."));
        }
    }

    /** The label column by its index. */
    public RecordLayout(String labelField, int csvLabelColumn, boolean csvHeader) {
        this(labelField, csvLabelColumn, csvHeader, Optional.empty());
    }

    /**
     * The label column as configured: a whole number is an index (0 for the first), anything else the
     * name of a column in each CSV file's header, which {@code csvHeader} must then announce.
     */
    public static RecordLayout of(String labelField, String csvLabelColumn, boolean csvHeader) {
        String column = csvLabelColumn == null ? "" : csvLabelColumn.strip();
        if (column.matches("-?\\d{1,9}")) {
            return new RecordLayout(labelField, Integer.parseInt(column), csvHeader);
        }
        if (column.isEmpty()) {
            throw new ConfigurationException(Text.of("The CSV label column is empty: set ",
                    Setting.EVALUATE_CSV_LABEL_COLUMN, " to a column index (0 for the first) or, with ",
                    Setting.EVALUATE_CSV_HEADER.is(true), ", to the name of the column in the header."));
        }
        if (!csvHeader) {
            throw new ConfigurationException(Text.of("The CSV label column '" + column + "' is a name, but the CSV"
                    + " files are read without a header: set ", Setting.EVALUATE_CSV_HEADER.is(true), " so that the name"
                    + " is looked up in each file's first row, or give the column's index (0 for the first)."));
        }
        return new RecordLayout(labelField, -1, true, Optional.of(column));
    }

    /**
     * This layout for one CSV file whose header row is {@code header}: a label column given by name
     * becomes that column's index.
     *
     * @throws ConfigurationException when the header has no such column, listing the columns it has
     */
    public RecordLayout forHeader(List<String> header, String file) {
        if (csvLabelName.isEmpty()) {
            return this;
        }
        String name = csvLabelName.get();
        List<String> columns = header.stream().map(c -> c.replace("\uFEFF", "").strip()).toList(); // a BOM may lead the first
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new ConfigurationException(Text.of("The CSV label column '" + name + "' is not in the header of "
                    + file + " (its columns: " + (columns.isEmpty() ? "none" : String.join(", ", columns)) + "). Set ",
                    Setting.EVALUATE_CSV_LABEL_COLUMN, " to one of them, or to a column index."));
        }
        return new RecordLayout(labelField, index, csvHeader);
    }
}
