package dev.slipway.server.build.engine;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The project's environment: image (for image-based executors), compute type and privileged mode. */
public record EnvironmentSettings(Optional<String> image, String computeType, boolean privileged)
{
    public static final String DEFAULT_COMPUTE_TYPE = "BUILD_GENERAL1_SMALL";
    public static final EnvironmentSettings DEFAULT = new EnvironmentSettings(Optional.empty(), DEFAULT_COMPUTE_TYPE, false);

    public EnvironmentSettings
    {
        requireNonNull(image, "image is null");
        requireNonNull(computeType, "computeType is null");
    }
}
