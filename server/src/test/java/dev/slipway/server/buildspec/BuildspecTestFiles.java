package dev.slipway.server.buildspec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the test resources of the buildspec tests and renders problems the way the linter prints them. */
final class BuildspecTestFiles
{
    private BuildspecTestFiles() {}

    /** @return a directory of the test class path, e.g. {@code buildspec/valid} */
    static Path resourceDirectory(String name)
    {
        URL url = BuildspecTestFiles.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("Test resource directory " + name + " is not on the class path");
        }
        try {
            return Path.of(url.toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the files of a directory whose names end with one of the suffixes, sorted by name */
    static List<Path> files(Path directory, String... suffixes)
    {
        try (Stream<Path> files = Files.list(directory)) {
            return files
                    .filter(file -> Stream.of(suffixes).anyMatch(suffix -> file.getFileName().toString().endsWith(suffix)))
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return each problem as the linter prints it, with the file's name */
    static List<String> lintLines(Path file, ParseResult result)
    {
        return result.problems().stream().map(problem -> problem.format(file.getFileName().toString())).toList();
    }
}
