package dev.slipway.testkit;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.slipway.api.executor.EnvironmentRequest;

/**
 * An {@link EnvironmentRequest} for unit tests: the workspace you give, no image, compute type
 * {@code BUILD_GENERAL1_SMALL}, not privileged.
 *
 * <pre>{@code
 * BuildEnvironment environment = executor.provision(TestingEnvironmentRequest.of(workspace), TestingBuildContext.create());
 * }</pre>
 *
 * @since 0.1
 */
public final class TestingEnvironmentRequest
        implements EnvironmentRequest
{
    private final String buildId;
    private final Path workspace;
    private final String image;
    private final String computeType;
    private final boolean privileged;

    private TestingEnvironmentRequest(Builder builder)
    {
        this.buildId = builder.buildId;
        this.workspace = builder.workspace;
        this.image = builder.image;
        this.computeType = builder.computeType;
        this.privileged = builder.privileged;
    }

    /** @return a request for {@code workspace} with the defaults @since 0.1 */
    public static TestingEnvironmentRequest of(Path workspace)
    {
        return builder(workspace).build();
    }

    /** @param workspace the build's workspace on the server's disk; the test creates it @since 0.1 */
    public static Builder builder(Path workspace)
    {
        return new Builder(workspace);
    }

    @Override
    public String buildId()
    {
        return buildId;
    }

    @Override
    public Path workspace()
    {
        return workspace;
    }

    @Override
    public Optional<String> image()
    {
        return Optional.ofNullable(image);
    }

    @Override
    public String computeType()
    {
        return computeType;
    }

    @Override
    public boolean privileged()
    {
        return privileged;
    }

    @Override
    public String toString()
    {
        return "TestingEnvironmentRequest[" + buildId + " in " + workspace + (image == null ? "" : " image " + image) + "]";
    }

    /**
     * Builds a {@link TestingEnvironmentRequest}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private final Path workspace;
        private String buildId = "test-project:" + UUID.randomUUID();
        private String image;
        private String computeType = "BUILD_GENERAL1_SMALL";
        private boolean privileged;

        private Builder(Path workspace)
        {
            this.workspace = Objects.requireNonNull(workspace, "workspace is null");
        }

        /** @since 0.1 */
        public Builder buildId(String buildId)
        {
            this.buildId = Objects.requireNonNull(buildId, "buildId is null");
            return this;
        }

        /** @since 0.1 */
        public Builder image(String image)
        {
            this.image = Objects.requireNonNull(image, "image is null");
            return this;
        }

        /** @since 0.1 */
        public Builder computeType(String computeType)
        {
            this.computeType = Objects.requireNonNull(computeType, "computeType is null");
            return this;
        }

        /** @since 0.1 */
        public Builder privileged(boolean privileged)
        {
            this.privileged = privileged;
            return this;
        }

        /** @since 0.1 */
        public TestingEnvironmentRequest build()
        {
            return new TestingEnvironmentRequest(this);
        }
    }
}
