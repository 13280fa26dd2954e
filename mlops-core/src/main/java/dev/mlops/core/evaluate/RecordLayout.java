package dev.mlops.core.evaluate;

/**
 * Where the label is in a test record: a field of each JSON line, or a column of each CSV row.
 *
 * @param labelField the field of a JSON record that holds the label or target
 * @param csvLabelColumn the CSV column that holds it, 0 for the first
 * @param csvHeader whether each CSV file starts with a header row (skipped)
 */
public record RecordLayout(String labelField, int csvLabelColumn, boolean csvHeader) {

    public static final RecordLayout DEFAULT = new RecordLayout("label", 0, false);

    public RecordLayout {
        if (labelField == null || labelField.isBlank()) {
            throw new dev.mlops.core.ConfigurationException("The label field is empty: set <labelField> or"
                    + " -Dmlops.labelField to the JSON field that holds the label, e.g. label.");
        }
        if (csvLabelColumn < 0) {
            throw new dev.mlops.core.ConfigurationException("The CSV label column is " + csvLabelColumn
                    + ": set <csvLabelColumn> or -Dmlops.evaluate.csvLabelColumn to 0 (the first column) or more.");
        }
    }
}
