package dev.slipway.server.build.engine;

import static java.util.Objects.requireNonNull;

/** Where a build's buildspec comes from: inline YAML on the project (or the start request), or a file in the source. */
public sealed interface BuildspecLocation
{
    /** The default: {@code buildspec.yml} in the root of the source. */
    BuildspecLocation DEFAULT = new InSource("buildspec.yml");

    record Inline(String text)
            implements BuildspecLocation
    {
        public Inline
        {
            requireNonNull(text, "text is null");
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
