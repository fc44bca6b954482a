package dev.slipway.server.build.engine;

import java.util.regex.Pattern;

/** Shell text the engine writes itself (POSIX sh syntax, which bash also runs). */
final class ShellText
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ShellText() {}

    /** @return {@code text} as one single-quoted word, taken literally by the shell */
    static String quote(String text)
    {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** @return true if {@code name} can be a shell variable's name */
    static boolean isVariableName(String name)
    {
        return NAME.matcher(name).matches();
    }

    /**
     * @return a command that prints {@code text} after the shell's parameter expansion, command substitution and
     *         arithmetic expansion (as for {@code artifacts.name} and {@code cache.key}), followed by {@code marker}
     *         on its own line; a here-document, so quotes in the text need no escaping
     */
    static String expand(String text, String marker)
    {
        String delimiter = "SLIPWAY_EXPAND_" + marker;
        return "cat <<" + delimiter + "\n" + text.replace("\n", " ") + "\n" + delimiter + "\nprintf '%s\\n' " + quote(marker);
    }

    /** @return {@code export NAME='value'} */
    static String export(String name, String value)
    {
        return "export " + name + "=" + quote(value);
    }
}
