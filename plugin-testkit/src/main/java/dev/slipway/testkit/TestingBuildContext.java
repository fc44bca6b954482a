package dev.slipway.testkit;

import java.util.Objects;
import java.util.UUID;

import dev.slipway.api.executor.BuildContext;

/**
 * A {@link BuildContext} for unit tests: project {@code test-project}, build number 1, a fresh
 * {@code <project>:<uuid>} build id, and a {@link RecordingLogSink} as the build log.
 *
 * @since 0.1
 */
public final class TestingBuildContext
        implements BuildContext
{
    private final String buildId;
    private final String projectName;
    private final long buildNumber;
    private final RecordingLogSink log;

    private TestingBuildContext(Builder builder)
    {
        this.projectName = builder.projectName;
        this.buildId = builder.buildId != null ? builder.buildId : projectName + ":" + UUID.randomUUID();
        this.buildNumber = builder.buildNumber;
        this.log = builder.log;
    }

    /** @return a context with the defaults @since 0.1 */
    public static TestingBuildContext create()
    {
        return builder().build();
    }

    /** @since 0.1 */
    public static Builder builder()
    {
        return new Builder();
    }

    @Override
    public String buildId()
    {
        return buildId;
    }

    @Override
    public String projectName()
    {
        return projectName;
    }

    @Override
    public long buildNumber()
    {
        return buildNumber;
    }

    @Override
    public RecordingLogSink log()
    {
        return log;
    }

    @Override
    public String toString()
    {
        return "TestingBuildContext[" + buildId + " #" + buildNumber + "]";
    }

    /**
     * Builds a {@link TestingBuildContext}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private String buildId;
        private String projectName = "test-project";
        private long buildNumber = 1;
        private RecordingLogSink log = new RecordingLogSink();

        private Builder() {}

        /** @param buildId {@code <project>:<uuid>}; by default derived from the project name @since 0.1 */
        public Builder buildId(String buildId)
        {
            this.buildId = Objects.requireNonNull(buildId, "buildId is null");
            return this;
        }

        /** @since 0.1 */
        public Builder projectName(String projectName)
        {
            this.projectName = Objects.requireNonNull(projectName, "projectName is null");
            return this;
        }

        /** @since 0.1 */
        public Builder buildNumber(long buildNumber)
        {
            if (buildNumber < 1) {
                throw new IllegalArgumentException("Build numbers start at 1, was " + buildNumber);
            }
            this.buildNumber = buildNumber;
            return this;
        }

        /** @since 0.1 */
        public Builder log(RecordingLogSink log)
        {
            this.log = Objects.requireNonNull(log, "log is null");
            return this;
        }

        /** @since 0.1 */
        public TestingBuildContext build()
        {
            return new TestingBuildContext(this);
        }
    }
}
