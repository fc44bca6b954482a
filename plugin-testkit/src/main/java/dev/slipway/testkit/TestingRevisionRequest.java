package dev.slipway.testkit;

import java.util.Objects;
import java.util.Optional;

import dev.slipway.api.source.RevisionRequest;

/**
 * A {@link RevisionRequest} for unit tests.
 *
 * @since 0.1
 */
public final class TestingRevisionRequest
        implements RevisionRequest
{
    private static final TestingRevisionRequest DEFAULT_VERSION = new TestingRevisionRequest(null);

    private final String version;

    private TestingRevisionRequest(String version)
    {
        this.version = version;
    }

    /** @return a request for {@code version} (a branch, tag or commit) @since 0.1 */
    public static TestingRevisionRequest of(String version)
    {
        return new TestingRevisionRequest(Objects.requireNonNull(version, "version is null"));
    }

    /** @return a request for the source's default version @since 0.1 */
    public static TestingRevisionRequest defaultVersion()
    {
        return DEFAULT_VERSION;
    }

    @Override
    public Optional<String> version()
    {
        return Optional.ofNullable(version);
    }

    @Override
    public String toString()
    {
        return "TestingRevisionRequest[" + (version == null ? "default" : version) + "]";
    }
}
