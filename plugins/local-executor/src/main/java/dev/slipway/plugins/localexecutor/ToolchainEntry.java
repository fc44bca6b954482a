package dev.slipway.plugins.localexecutor;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One configured toolchain, {@code runtime:version=/path/to/home}, e.g.
 * {@code java:corretto17=/usr/lib/jvm/java-17-openjdk-amd64}.
 *
 * @param runtime the runtime as buildspecs name it ({@code java}, {@code python}, {@code nodejs}, …)
 * @param version the version as buildspecs write it ({@code corretto17}, {@code 3.11}, {@code 20})
 * @param home the installation's directory
 */
record ToolchainEntry(String runtime, String version, Path home)
{
    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9-]*):([^=\\s:/]+)=(.+)");

    ToolchainEntry
    {
        requireNonNull(runtime, "runtime is null");
        requireNonNull(version, "version is null");
        requireNonNull(home, "home is null");
    }

    /**
     * @throws IllegalArgumentException with a message that shows the expected form if {@code text} is malformed
     */
    static ToolchainEntry parse(String text)
    {
        Matcher matcher = ENTRY.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a toolchain entry; write 'runtime:version=/path/to/home', "
                    + "e.g. 'java:corretto17=/usr/lib/jvm/java-17-openjdk-amd64'");
        }
        Path home;
        try {
            home = Path.of(matcher.group(3).strip());
        }
        catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + matcher.group(3) + "' in '" + text + "' is not a path: " + e.getMessage());
        }
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("'" + home + "' in '" + text + "' is not an absolute path; write the full path, e.g. /usr/lib/jvm/…");
        }
        return new ToolchainEntry(matcher.group(1), matcher.group(2), home.normalize());
    }
}
