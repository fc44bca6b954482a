package dev.slipway.server.project;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.slipway.api.executor.Toolchain;

/**
 * A project's own toolchains for {@code runtime-versions} ({@code environment.runtimes}), written as the local
 * executor's {@code toolchains} entries: {@code runtime:version=/path/to/home}, e.g.
 * {@code java:corretto17=/usr/lib/jvm/java-17-openjdk-amd64}.
 */
public final class ProjectRuntimes
{
    private static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9-]*):([^=\\s:/]+)=(.+)");

    private ProjectRuntimes() {}

    /**
     * The toolchain of an entry: {@code JAVA_HOME}, {@code GOROOT} or {@code DOTNET_ROOT} where the runtime has one,
     * and the home's {@code bin} directory (or the home itself, if it has none) on {@code PATH} — as the local
     * executor does for its configured toolchains.
     *
     * @throws IllegalArgumentException saying what is wrong and what the form is
     */
    public static Toolchain parse(String text)
    {
        Matcher matcher = ENTRY.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a toolchain entry; write 'runtime:version=/path/to/home' (runtime: lower-case "
                    + "letters, digits and '-'), e.g. 'java:corretto17=/usr/lib/jvm/java-17-openjdk-amd64'");
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
        home = home.normalize();
        String runtime = matcher.group(1);
        Toolchain.Builder builder = Toolchain.builder(runtime, matcher.group(2));
        switch (runtime) {
            case "java" -> builder.variable("JAVA_HOME", home.toString());
            case "golang" -> builder.variable("GOROOT", home.toString());
            case "dotnet" -> builder.variable("DOTNET_ROOT", home.toString());
            default -> { }
        }
        Path bin = home.resolve("bin");
        builder.pathEntry(runtime.equals("dotnet") || !Files.isDirectory(bin) ? home.toString() : bin.toString());
        return builder.build();
    }

}
