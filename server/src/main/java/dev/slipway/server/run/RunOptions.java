package dev.slipway.server.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@code slipway run} was asked to do, as parsed from its command line.
 *
 * @param buildspec the buildspec file (absolute); empty for {@code buildspec.yml} in the source
 * @param source the source directory (absolute)
 * @param variables {@code --env}: variables that override the buildspec's
 * @param parameters {@code --parameter} and the secrets file's parameters: name → value
 * @param secrets {@code --secret} and the secrets file's secrets: secret id → text
 * @param artifactsDirectory where artifacts go; empty for a new temporary directory
 * @param cacheDirectory where the cache lives between runs; empty for no cache
 * @param inPlace build in the source directory itself instead of a copy
 * @param color print ANSI colours
 * @param noBatch run a buildspec with a {@code batch} section as one build ({@code --no-batch}, CodeBuild's StartBuild)
 * @param parallel how many child builds of a batch run at once
 */
record RunOptions(
        Optional<Path> buildspec,
        Path source,
        Map<String, String> variables,
        Map<String, String> parameters,
        Map<String, String> secrets,
        Optional<Path> artifactsDirectory,
        Optional<Path> cacheDirectory,
        boolean inPlace,
        Duration timeout,
        boolean color,
        boolean noBatch,
        int parallel)
{
    RunOptions
    {
        requireNonNull(buildspec, "buildspec is null");
        requireNonNull(source, "source is null");
        variables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        secrets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        requireNonNull(artifactsDirectory, "artifactsDirectory is null");
        requireNonNull(cacheDirectory, "cacheDirectory is null");
        requireNonNull(timeout, "timeout is null");
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, was " + parallel);
        }
    }
}
