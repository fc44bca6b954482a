package dev.slipway.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable tree of files for {@link FakeSourceProvider}: paths ({@code /}-separated, relative) to contents, with
 * an executable flag per file.
 *
 * <pre>{@code
 * SourceTree tree = SourceTree.builder()
 *         .file("buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - ./build.sh\n")
 *         .executable("build.sh", "#!/bin/sh\necho built\n")
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class SourceTree
{
    /**
     * One file of a tree.
     *
     * @since 0.1
     */
    public record Entry(byte[] content, boolean executable)
    {
        /** @since 0.1 */
        public Entry
        {
            content = Objects.requireNonNull(content, "content is null").clone();
        }

        /** @return a copy of the content @since 0.1 */
        @Override
        public byte[] content()
        {
            return content.clone();
        }

        @Override
        public boolean equals(Object other)
        {
            return other instanceof Entry entry && entry.executable == executable && Arrays.equals(entry.content, content);
        }

        @Override
        public int hashCode()
        {
            return Arrays.hashCode(content) * 31 + Boolean.hashCode(executable);
        }

        @Override
        public String toString()
        {
            return content.length + " bytes" + (executable ? ", executable" : "");
        }
    }

    private final Map<String, Entry> files;

    private SourceTree(Map<String, Entry> files)
    {
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** @return a tree of text files (UTF-8), none executable @since 0.1 */
    public static SourceTree of(Map<String, String> files)
    {
        Builder builder = builder();
        files.forEach(builder::file);
        return builder.build();
    }

    /** @since 0.1 */
    public static Builder builder()
    {
        return new Builder();
    }

    /** @return the files by path, sorted by path @since 0.1 */
    public Map<String, Entry> files()
    {
        return files;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof SourceTree tree && tree.files.equals(files);
    }

    @Override
    public int hashCode()
    {
        return files.hashCode();
    }

    @Override
    public String toString()
    {
        return "SourceTree" + files.keySet();
    }

    /**
     * Builds a {@link SourceTree}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private final Map<String, Entry> files = new TreeMap<>();

        private Builder() {}

        /** Adds a UTF-8 text file. @since 0.1 */
        public Builder file(String path, String content)
        {
            return add(path, content.getBytes(StandardCharsets.UTF_8), false);
        }

        /** @since 0.1 */
        public Builder file(String path, byte[] content)
        {
            return add(path, content, false);
        }

        /** Adds an executable UTF-8 text file, such as a script. @since 0.1 */
        public Builder executable(String path, String content)
        {
            return add(path, content.getBytes(StandardCharsets.UTF_8), true);
        }

        private Builder add(String path, byte[] content, boolean executable)
        {
            Objects.requireNonNull(path, "path is null");
            Objects.requireNonNull(content, "content is null");
            if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
                throw new IllegalArgumentException("A source tree path must be relative and use '/', was '" + path + "'");
            }
            for (String segment : path.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("A source tree path has an empty, '.' or '..' segment: '" + path + "'");
                }
            }
            for (String existing : files.keySet()) {
                if (existing.startsWith(path + "/") || path.startsWith(existing + "/")) {
                    throw new IllegalArgumentException("'" + path + "' and '" + existing + "' cannot both be files");
                }
            }
            files.put(path, new Entry(content, executable));
            return this;
        }

        /** @since 0.1 */
        public SourceTree build()
        {
            return new SourceTree(files);
        }
    }
}
