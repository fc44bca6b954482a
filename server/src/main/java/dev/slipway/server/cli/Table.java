package dev.slipway.server.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows under a header, each column as wide as its widest cell, two spaces apart; the last column is not padded, so
 * that lines end without blanks. Cells may hold colour codes: widths count only what shows.
 */
final class Table
{
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header)
    {
        this.header = List.of(header);
    }

    /** Adds a row; null cells print as {@code -}. */
    Table row(String... cells)
    {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("A row of " + header.size() + " columns has " + cells.length + " cells");
        }
        List<String> row = new ArrayList<>();
        for (String cell : cells) {
            row.add(cell == null || cell.isEmpty() ? "-" : cell);
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty()
    {
        return rows.isEmpty();
    }

    void print(PrintStream out, Styles styles)
    {
        requireNonNull(out, "out is null");
        int[] widths = new int[header.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = header.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], Styles.width(row.get(column)));
            }
        }
        List<String> styledHeader = header.stream().map(styles::bold).toList();
        print(out, styledHeader, widths);
        for (List<String> row : rows) {
            print(out, row, widths);
        }
    }

    private static void print(PrintStream out, List<String> cells, int[] widths)
    {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell);
            if (column < cells.size() - 1) {
                line.append(" ".repeat(widths[column] - Styles.width(cell) + 2));
            }
        }
        out.println(line);
    }
}
