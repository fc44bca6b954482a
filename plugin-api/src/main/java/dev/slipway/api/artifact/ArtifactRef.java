package dev.slipway.api.artifact;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored artifact as its store describes it: key, size, SHA-256 of the content, when it was stored, where it
 * is (a URI the store understands, such as {@code file:///…} or {@code s3://bucket/key}) and its metadata.
 *
 * @since 0.1
 */
public final class ArtifactRef
{
    private final ArtifactKey key;
    private final long size;
    private final String sha256;
    private final Instant createdAt;
    private final String location;
    private final ArtifactMetadata metadata;

    private ArtifactRef(Builder builder)
    {
        this.key = Objects.requireNonNull(builder.key, "key is null");
        this.size = builder.size;
        this.sha256 = Objects.requireNonNull(builder.sha256, "sha256 is null");
        this.createdAt = Objects.requireNonNull(builder.createdAt, "createdAt is null");
        this.location = Objects.requireNonNull(builder.location, "location is null");
        this.metadata = Objects.requireNonNull(builder.metadata, "metadata is null");
        if (size < 0) {
            throw new IllegalArgumentException("size is negative: " + size);
        }
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
        }
    }

    /** @since 0.1 */
    public static Builder builder(ArtifactKey key)
    {
        return new Builder(key);
    }

    /** @since 0.1 */
    public ArtifactKey key()
    {
        return key;
    }

    /** @return the content's length in bytes @since 0.1 */
    public long size()
    {
        return size;
    }

    /** @return the SHA-256 of the content as 64 lower-case hex digits @since 0.1 */
    public String sha256()
    {
        return sha256;
    }

    /** @since 0.1 */
    public Instant createdAt()
    {
        return createdAt;
    }

    /** @return where the store keeps the content, as a URI text @since 0.1 */
    public String location()
    {
        return location;
    }

    /** @since 0.1 */
    public ArtifactMetadata metadata()
    {
        return metadata;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ArtifactRef ref && ref.key.equals(key) && ref.size == size && ref.sha256.equals(sha256)
                && ref.createdAt.equals(createdAt) && ref.location.equals(location) && ref.metadata.equals(metadata);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(key, size, sha256, createdAt, location, metadata);
    }

    @Override
    public String toString()
    {
        return key + " (" + size + " bytes, sha256 " + sha256 + ", at " + location + ")";
    }

    /**
     * Builds an {@link ArtifactRef}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private final ArtifactKey key;
        private long size;
        private String sha256;
        private Instant createdAt;
        private String location;
        private ArtifactMetadata metadata = ArtifactMetadata.empty();

        private Builder(ArtifactKey key)
        {
            this.key = key;
        }

        /** @since 0.1 */
        public Builder size(long size)
        {
            this.size = size;
            return this;
        }

        /** @since 0.1 */
        public Builder sha256(String sha256)
        {
            this.sha256 = sha256;
            return this;
        }

        /** @since 0.1 */
        public Builder createdAt(Instant createdAt)
        {
            this.createdAt = createdAt;
            return this;
        }

        /** @since 0.1 */
        public Builder location(String location)
        {
            this.location = location;
            return this;
        }

        /** @since 0.1 */
        public Builder metadata(ArtifactMetadata metadata)
        {
            this.metadata = metadata;
            return this;
        }

        /** @since 0.1 */
        public ArtifactRef build()
        {
            return new ArtifactRef(this);
        }
    }
}
