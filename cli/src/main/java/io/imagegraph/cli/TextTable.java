package io.imagegraph.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells printed in aligned columns, two spaces apart, without trailing blanks. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        rows.add(headers);
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    String render() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
