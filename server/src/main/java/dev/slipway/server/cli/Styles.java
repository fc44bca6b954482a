package dev.slipway.server.cli;

import java.util.regex.Pattern;

/**
 * ANSI colours for a terminal, or none: statuses green (SUCCEEDED), red (FAILED, FAULT), yellow (TIMED_OUT, STOPPED)
 * and blue (IN_PROGRESS); headings bold; secondary text dim.
 */
final class Styles
{
    private static final String RESET = "\033[0m";
    private static final String BOLD = "\033[1m";
    private static final String DIM = "\033[2m";
    private static final String RED = "\033[31m";
    private static final String GREEN = "\033[32m";
    private static final String YELLOW = "\033[33m";
    private static final String BLUE = "\033[34m";
    private static final Pattern ESCAPES = Pattern.compile("\033\\[[0-9;]*m");

    private final boolean color;

    Styles(boolean color)
    {
        this.color = color;
    }

    boolean color()
    {
        return color;
    }

    /** @return a build's or phase's status in its colour */
    String status(String status)
    {
        String colour = switch (status) {
            case "SUCCEEDED" -> GREEN;
            case "FAILED", "FAULT" -> RED;
            case "TIMED_OUT", "STOPPED" -> YELLOW;
            case "IN_PROGRESS" -> BLUE;
            default -> "";
        };
        return style(colour, status);
    }

    String bold(String text)
    {
        return style(BOLD, text);
    }

    String dim(String text)
    {
        return style(DIM, text);
    }

    private String style(String codes, String text)
    {
        return color && !codes.isEmpty() && !text.isEmpty() ? codes + text + RESET : text;
    }

    /** @return the number of characters the text takes on a terminal: without colour codes */
    static int width(String text)
    {
        String visible = ESCAPES.matcher(text).replaceAll("");
        return visible.codePointCount(0, visible.length());
    }
}
