package dev.mlops.core.io;

import java.util.ArrayList;
import java.util.List;

/** Rows of text in aligned columns, for tables printed to a build log. */
public final class TextTable {

    private TextTable() {}

    /** Each row has as many cells as the first (the header); columns are padded to their widest cell. */
    public static List<String> render(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
