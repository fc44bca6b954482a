package dev.slipway.server.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Labelled values one per line, the values aligned: {@code Status:    SUCCEEDED}. Empty or null values print as {@code -}. */
final class Details
{
    private final List<String[]> lines = new ArrayList<>();

    Details add(String label, String value)
    {
        lines.add(new String[] {label + ":", value == null || value.isEmpty() ? "-" : value});
        return this;
    }

    void print(PrintStream out)
    {
        int width = lines.stream().mapToInt(line -> line[0].length()).max().orElse(0);
        for (String[] line : lines) {
            out.println(line[0] + " ".repeat(width - line[0].length() + 2) + line[1]);
        }
    }
}
