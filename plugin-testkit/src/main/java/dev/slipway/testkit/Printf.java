package dev.slipway.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code printf} and {@code echo -e} of {@link ScriptedExecutor}, following bash's builtins for the common cases. */
final class Printf
{
    record Result(String output, List<String> errors) {}

    /** Text with escapes expanded; {@code stopped} if a {@code \c} ended the output. */
    record Escaped(String text, boolean stopped) {}

    private Printf() {}

    static Result format(String format, List<String> arguments)
    {
        StringBuilder output = new StringBuilder();
        List<String> errors = new ArrayList<>();
        int next = 0;
        do {
            int consumedBefore = next;
            int i = 0;
            while (i < format.length()) {
                char c = format.charAt(i);
                if (c == '\\') {
                    Piece piece = escape(format, i, false);
                    if (piece.stop()) {
                        return new Result(output.toString(), errors);
                    }
                    output.append(piece.text());
                    i = piece.end();
                    continue;
                }
                if (c != '%') {
                    output.append(c);
                    i++;
                    continue;
                }
                int start = i++;
                if (i < format.length() && format.charAt(i) == '%') {
                    output.append('%');
                    i++;
                    continue;
                }
                StringBuilder flags = new StringBuilder();
                while (i < format.length() && "-+ #0".indexOf(format.charAt(i)) >= 0) {
                    flags.append(format.charAt(i++));
                }
                int width = -1;
                int widthStart = i;
                while (i < format.length() && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                if (i > widthStart) {
                    width = Integer.parseInt(format.substring(widthStart, i));
                }
                int precision = -1;
                if (i < format.length() && format.charAt(i) == '.') {
                    int precisionStart = ++i;
                    while (i < format.length() && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    precision = i > precisionStart ? Integer.parseInt(format.substring(precisionStart, i)) : 0;
                }
                if (i >= format.length()) {
                    errors.add("'" + format.substring(start) + "': missing format character");
                    return new Result(output.toString(), errors);
                }
                char conversion = format.charAt(i++);
                String argument = next < arguments.size() ? arguments.get(next) : null;
                next++;
                String text;
                switch (conversion) {
                    case 's' -> text = argument == null ? "" : argument;
                    case 'b' -> {
                        Escaped escaped = escapes(argument == null ? "" : argument);
                        if (escaped.stopped()) {
                            output.append(escaped.text());
                            return new Result(output.toString(), errors);
                        }
                        text = escaped.text();
                    }
                    case 'c' -> text = argument == null || argument.isEmpty() ? "" : argument.substring(0, argument.offsetByCodePoints(0, 1));
                    case 'd', 'i', 'u', 'o', 'x', 'X' -> {
                        long number = 0;
                        if (argument != null && !argument.isBlank()) {
                            try {
                                number = argument.startsWith("'") || argument.startsWith("\"")
                                        ? (argument.length() > 1 ? argument.codePointAt(1) : 0)
                                        : Long.decode(argument.trim());
                            }
                            catch (NumberFormatException e) {
                                errors.add(argument + ": invalid number");
                            }
                        }
                        text = switch (conversion) {
                            case 'o' -> Long.toOctalString(number);
                            case 'x' -> Long.toHexString(number);
                            case 'X' -> Long.toHexString(number).toUpperCase(Locale.ROOT);
                            default -> Long.toString(number);
                        };
                        if (flags.indexOf("0") >= 0 && flags.indexOf("-") < 0 && width > text.length()) {
                            boolean negative = text.startsWith("-");
                            String digits = negative ? text.substring(1) : text;
                            text = (negative ? "-" : "") + "0".repeat(width - text.length()) + digits;
                        }
                    }
                    default -> {
                        errors.add("%" + conversion + ": invalid format character (the scripted executor knows %s %b %c %d %i %u %o %x %X)");
                        return new Result(output.toString(), errors);
                    }
                }
                if (precision >= 0 && (conversion == 's' || conversion == 'b') && text.length() > precision) {
                    text = text.substring(0, precision);
                }
                if (width > text.length()) {
                    String padding = " ".repeat(width - text.length());
                    text = flags.indexOf("-") >= 0 ? text + padding : padding + text;
                }
                output.append(text);
            }
            // Like bash, the format is reused while arguments remain, but only if it consumes any.
            if (next == consumedBefore) {
                break;
            }
        } while (next < arguments.size());
        return new Result(output.toString(), errors);
    }

    /** Expands the escapes of {@code %b} and {@code echo -e}, where octal escapes are written {@code \0NNN}. */
    static Escaped escapes(String text)
    {
        StringBuilder output = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '\\') {
                output.append(c);
                i++;
                continue;
            }
            Piece piece = escape(text, i, true);
            if (piece.stop()) {
                return new Escaped(output.toString(), true);
            }
            output.append(piece.text());
            i = piece.end();
        }
        return new Escaped(output.toString(), false);
    }

    /** One expanded escape: its text, the index after it, and whether it was {@code \c} (stop all output). */
    private record Piece(String text, int end, boolean stop)
    {
        static Piece of(String text, int end)
        {
            return new Piece(text, end, false);
        }
    }

    /** Expands the escape that starts with the backslash at {@code start}. */
    private static Piece escape(String text, int start, boolean octalNeedsZero)
    {
        int i = start + 1;
        if (i >= text.length()) {
            return Piece.of("\\", i);
        }
        char c = text.charAt(i++);
        String simple = switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'v' -> "\u000b";
            case 'e', 'E' -> "\u001b";
            case '\\' -> "\\";
            case '"' -> "\"";
            case '\'' -> "'";
            default -> "";
        };
        if (!simple.isEmpty()) {
            return Piece.of(simple, i);
        }
        if (c == 'c') {
            return new Piece("", i, true);
        }
        if (c == 'x' || c == 'u') {
            int maxDigits = c == 'x' ? 2 : 4;
            int digitsEnd = i;
            while (digitsEnd < text.length() && digitsEnd < i + maxDigits && Character.digit(text.charAt(digitsEnd), 16) >= 0) {
                digitsEnd++;
            }
            if (digitsEnd == i) {
                return Piece.of("\\" + c, i);
            }
            return Piece.of(new String(Character.toChars(Integer.parseInt(text.substring(i, digitsEnd), 16))), digitsEnd);
        }
        if (c >= '0' && c <= '7') {
            if (octalNeedsZero && c != '0') {
                return Piece.of("\\" + c, i);
            }
            int digitsStart = octalNeedsZero ? i : i - 1;
            int digitsEnd = digitsStart;
            while (digitsEnd < text.length() && digitsEnd < digitsStart + 3 && text.charAt(digitsEnd) >= '0' && text.charAt(digitsEnd) <= '7') {
                digitsEnd++;
            }
            String character = digitsEnd == digitsStart ? "\u0000" : String.valueOf((char) Integer.parseInt(text.substring(digitsStart, digitsEnd), 8));
            return Piece.of(character, Math.max(digitsEnd, i));
        }
        return Piece.of("\\" + c, i);
    }
}
