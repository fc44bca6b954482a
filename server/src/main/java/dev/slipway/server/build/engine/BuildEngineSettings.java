package dev.slipway.server.build.engine;

import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Engine-wide settings.
 *
 * @param arnRegion the region part of the ARNs in {@code CODEBUILD_BUILD_ARN} and {@code CODEBUILD_PROJECT_ARN}
 * @param accountId the account part of those ARNs
 * @param awsRegion if present, {@code AWS_REGION} and {@code AWS_DEFAULT_REGION} are set to it (leave empty on
 *        machines whose own AWS configuration must not be overridden)
 * @param clock the source of phase times
 */
public record BuildEngineSettings(String arnRegion, String accountId, Optional<String> awsRegion, Clock clock)
{
    public static final BuildEngineSettings DEFAULT = new BuildEngineSettings("local", "000000000000", Optional.empty(), Clock.systemUTC());

    public BuildEngineSettings
    {
        requireNonNull(arnRegion, "arnRegion is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(awsRegion, "awsRegion is null");
        requireNonNull(clock, "clock is null");
    }
}
