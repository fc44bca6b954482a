package dev.slipway.api.source;

import java.util.Objects;
import java.util.Optional;

/**
 * An immutable version of a source: a commit id, an archive checksum, a directory snapshot's hash. Builds record
 * it as {@code CODEBUILD_RESOLVED_SOURCE_VERSION}.
 *
 * @since 0.1
 */
public final class Revision
{
    private final String id;
    private final String ref;
    private final String url;

    private Revision(String id, String ref, String url)
    {
        this.id = Objects.requireNonNull(id, "id is null");
        this.ref = ref;
        this.url = url;
        if (id.isBlank()) {
            throw new IllegalArgumentException("Revision id is blank");
        }
    }

    /** @since 0.1 */
    public static Revision of(String id)
    {
        return new Revision(id, null, null);
    }

    /** @return this revision with the name it was asked for (branch, tag) @since 0.1 */
    public Revision withRef(String ref)
    {
        return new Revision(id, ref, url);
    }

    /** @return this revision with the source's location ({@code CODEBUILD_SOURCE_REPO_URL}) @since 0.1 */
    public Revision withUrl(String url)
    {
        return new Revision(id, ref, url);
    }

    /** @return the immutable id, e.g. a commit SHA @since 0.1 */
    public String id()
    {
        return id;
    }

    /** @return the name the revision was resolved from, e.g. {@code main} or {@code refs/tags/v1} @since 0.1 */
    public Optional<String> ref()
    {
        return Optional.ofNullable(ref);
    }

    /** @return the source's location, e.g. a clone URL @since 0.1 */
    public Optional<String> url()
    {
        return Optional.ofNullable(url);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof Revision revision && revision.id.equals(id)
                && Objects.equals(revision.ref, ref) && Objects.equals(revision.url, url);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(id, ref, url);
    }

    @Override
    public String toString()
    {
        return ref == null ? id : id + " (" + ref + ")";
    }
}
