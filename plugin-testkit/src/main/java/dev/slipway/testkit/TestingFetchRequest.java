package dev.slipway.testkit;

import java.nio.file.Path;
import java.util.Objects;

import dev.slipway.api.source.FetchRequest;
import dev.slipway.api.source.Revision;

/**
 * A {@link FetchRequest} for unit tests.
 *
 * @since 0.1
 */
public final class TestingFetchRequest
        implements FetchRequest
{
    private final Revision revision;
    private final Path target;

    private TestingFetchRequest(Revision revision, Path target)
    {
        this.revision = Objects.requireNonNull(revision, "revision is null");
        this.target = Objects.requireNonNull(target, "target is null");
    }

    /** @param target an existing, empty directory; the test creates it @since 0.1 */
    public static TestingFetchRequest of(Revision revision, Path target)
    {
        return new TestingFetchRequest(revision, target);
    }

    @Override
    public Revision revision()
    {
        return revision;
    }

    @Override
    public Path target()
    {
        return target;
    }

    @Override
    public String toString()
    {
        return "TestingFetchRequest[" + revision + " into " + target + "]";
    }
}
