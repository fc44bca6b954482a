package dev.slipway.testkit;

import java.util.Objects;

import dev.slipway.api.source.SourceContext;

/**
 * A {@link SourceContext} for unit tests: project {@code test-project} and a {@link RecordingLogSink}.
 *
 * @since 0.1
 */
public final class TestingSourceContext
        implements SourceContext
{
    private final String projectName;
    private final RecordingLogSink log = new RecordingLogSink();

    private TestingSourceContext(String projectName)
    {
        this.projectName = Objects.requireNonNull(projectName, "projectName is null");
    }

    /** @since 0.1 */
    public static TestingSourceContext create()
    {
        return new TestingSourceContext("test-project");
    }

    /** @since 0.1 */
    public static TestingSourceContext forProject(String projectName)
    {
        return new TestingSourceContext(projectName);
    }

    @Override
    public String projectName()
    {
        return projectName;
    }

    @Override
    public RecordingLogSink log()
    {
        return log;
    }

    @Override
    public String toString()
    {
        return "TestingSourceContext[" + projectName + "]";
    }
}
