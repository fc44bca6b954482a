package dev.slipway.server.buildspec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.slipway.server.buildspec.BuildspecTestFiles.files;
import static dev.slipway.server.buildspec.BuildspecTestFiles.lintLines;
import static dev.slipway.server.buildspec.BuildspecTestFiles.resourceDirectory;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: every {@code buildspec/valid/*.yml} parses with no error and every {@code buildspec/invalid/*.yml}
 * has at least one error and no model. The problems must be exactly those in the sidecar {@code <name>.expected},
 * one per line as the linter prints them (a valid file without a sidecar must have no problem at all).
 */
class BuildspecGoldenTest
{
    private final BuildspecParser parser = new BuildspecParser();

    static List<Path> validFiles()
    {
        return files(resourceDirectory("buildspec/valid"), ".yml");
    }

    static List<Path> invalidFiles()
    {
        return files(resourceDirectory("buildspec/invalid"), ".yml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void validBuildspecHasAModelAndExactlyTheExpectedWarnings(Path file)
            throws IOException
    {
        ParseResult result = parser.parse(file);

        assertThat(result.errors()).isEmpty();
        assertThat(result.buildspec()).isPresent();
        assertThat(lintLines(file, result)).containsExactlyElementsOf(expected(file, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void invalidBuildspecHasNoModelAndExactlyTheExpectedProblems(Path file)
            throws IOException
    {
        ParseResult result = parser.parse(file);

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.buildspec()).isEmpty();
        assertThat(lintLines(file, result)).containsExactlyElementsOf(expected(file, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"validFiles", "invalidFiles"})
    void parsingTheTextGivesTheSameProblemsAsParsingTheFile(Path file)
            throws IOException
    {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);

        assertThat(parser.parse(text).problems()).isEqualTo(parser.parse(file).problems());
    }

    @Test
    void everySidecarBelongsToAGoldenFile()
    {
        for (String directory : List.of("buildspec/valid", "buildspec/invalid")) {
            for (Path sidecar : files(resourceDirectory(directory), ".expected")) {
                String name = sidecar.getFileName().toString();
                assertThat(sidecar.resolveSibling(name.substring(0, name.length() - ".expected".length()) + ".yml"))
                        .as("the buildspec of %s", sidecar)
                        .exists();
            }
        }
    }

    private static List<String> expected(Path file, boolean required)
            throws IOException
    {
        String name = file.getFileName().toString();
        Path sidecar = file.resolveSibling(name.substring(0, name.length() - ".yml".length()) + ".expected");
        if (!Files.exists(sidecar)) {
            assertThat(required).as("%s needs a sidecar %s with its problems", file, sidecar.getFileName()).isFalse();
            return List.of();
        }
        return Files.readAllLines(sidecar, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }
}
