package dev.slipway.api.artifact;

import java.util.Objects;

/**
 * Where an artifact lives in a store: a relative path of {@code /}-separated segments, e.g.
 * {@code builds/web/1b2c…/output.zip}. Keys never contain empty segments, {@code .} or {@code ..}, a backslash or a
 * control character, so that every store can map them to its own namespace without escaping tricks.
 *
 * @since 0.1
 */
public final class ArtifactKey
        implements Comparable<ArtifactKey>
{
    /** The longest key accepted, in characters. @since 0.1 */
    public static final int MAX_LENGTH = 1024;

    private final String path;

    private ArtifactKey(String path)
    {
        this.path = path;
    }

    /**
     * @throws IllegalArgumentException naming the problem if {@code path} is not a valid key
     * @since 0.1
     */
    public static ArtifactKey of(String path)
    {
        Objects.requireNonNull(path, "path is null");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("Artifact key is empty");
        }
        if (path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Artifact key is longer than " + MAX_LENGTH + " characters");
        }
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("Artifact key must be relative, was '" + path + "'");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException("Artifact key contains a control character or backslash at index " + i + ": '" + path + "'");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("Artifact key has an empty, '.' or '..' segment: '" + path + "'");
            }
        }
        return new ArtifactKey(path);
    }

    /** @return the key's path, e.g. {@code builds/web/1/output.zip} @since 0.1 */
    public String path()
    {
        return path;
    }

    /** @return the last segment, e.g. {@code output.zip} @since 0.1 */
    public String name()
    {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** @return true if this key's path starts with {@code prefix} (plain string comparison) @since 0.1 */
    public boolean startsWith(String prefix)
    {
        return path.startsWith(prefix);
    }

    @Override
    public int compareTo(ArtifactKey other)
    {
        return path.compareTo(other.path);
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ArtifactKey key && key.path.equals(path);
    }

    @Override
    public int hashCode()
    {
        return path.hashCode();
    }

    @Override
    public String toString()
    {
        return path;
    }
}
