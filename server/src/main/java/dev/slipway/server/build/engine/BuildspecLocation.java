package dev.slipway.server.build.engine;

import static java.util.Objects.requireNonNull;

/** Where a build's buildspec comes from: inline YAML on the project (or the start request), or a file in the source. */
public sealed interface BuildspecLocation
{
    /** The default: {@code buildspec.yml} in the root of the source. */
    BuildspecLocation DEFAULT = new InSource("buildspec.yml");

    /**
     * @param name how messages name the buildspec ({@code file:line:col: …}): "inline buildspec", or the file it was
     *        read from by {@code slipway run --buildspec}
     */
    record Inline(String text, String name)
            implements BuildspecLocation
    {
        public Inline
        {
            requireNonNull(text, "text is null");
            requireNonNull(name, "name is null");
        }

        public Inline(String text)
        {
            this(text, "inline buildspec");
        }
    }

    /**
     * A buildspec file on the server's disk outside the source ({@code slipway run --buildspec FILE}); read in
     * DOWNLOAD_SOURCE like a file in the source.
     */
    record HostFile(java.nio.file.Path file)
            implements BuildspecLocation
    {
        public HostFile
        {
            requireNonNull(file, "file is null");
        }
    }

    /** @param path relative to {@code CODEBUILD_SRC_DIR} */
    record InSource(String path)
            implements BuildspecLocation
    {
        public InSource
        {
            requireNonNull(path, "path is null");
        }
    }
}
