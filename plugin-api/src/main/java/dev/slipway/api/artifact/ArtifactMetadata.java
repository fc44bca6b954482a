package dev.slipway.api.artifact;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine says about an artifact when it stores it: its media type and free-form attributes such as
 * {@code build-id} (compare CodeBuild's {@code x-amz-meta-codebuild-buildarn}). Stores keep them and return them in
 * {@link ArtifactRef#metadata()}.
 *
 * @since 0.1
 */
public final class ArtifactMetadata
{
    private static final ArtifactMetadata EMPTY = new ArtifactMetadata("application/octet-stream", Map.of());

    private final String contentType;
    private final Map<String, String> attributes;

    private ArtifactMetadata(String contentType, Map<String, String> attributes)
    {
        this.contentType = Objects.requireNonNull(contentType, "contentType is null");
        this.attributes = Map.copyOf(attributes);
    }

    /** @return {@code application/octet-stream} with no attributes @since 0.1 */
    public static ArtifactMetadata empty()
    {
        return EMPTY;
    }

    /** @since 0.1 */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @since 0.1 */
    public String contentType()
    {
        return contentType;
    }

    /** @return attribute names are kebab-case; values are short text @since 0.1 */
    public Map<String, String> attributes()
    {
        return attributes;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ArtifactMetadata metadata
                && metadata.contentType.equals(contentType) && metadata.attributes.equals(attributes);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(contentType, attributes);
    }

    @Override
    public String toString()
    {
        return contentType + attributes;
    }

    /**
     * Builds {@link ArtifactMetadata}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private String contentType = "application/octet-stream";
        private final Map<String, String> attributes = new LinkedHashMap<>();

        private Builder() {}

        /** @since 0.1 */
        public Builder contentType(String contentType)
        {
            this.contentType = Objects.requireNonNull(contentType, "contentType is null");
            return this;
        }

        /** @since 0.1 */
        public Builder attribute(String name, String value)
        {
            attributes.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /** @since 0.1 */
        public ArtifactMetadata build()
        {
            return new ArtifactMetadata(contentType, attributes);
        }
    }
}
