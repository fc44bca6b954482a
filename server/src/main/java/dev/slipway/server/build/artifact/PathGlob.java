package dev.slipway.server.build.artifact;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A buildspec path pattern ({@code artifacts.files}, {@code exclude-paths}, {@code base-directory},
 * {@code reports.*.files}, {@code cache.paths}) matched against {@code /}-separated relative paths with the JDK's
 * {@code glob:} {@link PathMatcher}: {@code *} stays inside one name, {@code **} crosses directories, {@code ?},
 * {@code [..]} and {@code {a,b}} as documented by {@link java.nio.file.FileSystem#getPathMatcher}.
 *
 * <p>Two adjustments make it match CodeBuild's documented forms: a {@code **}{@code /} also matches no directory at
 * all (so {@code **}{@code /*} matches top-level files and {@code a/**}{@code /b} matches {@code a/b}), and a
 * leading {@code ./} is ignored. Dot-files are ordinary names: {@code *} matches {@code .env}.
 */
public final class PathGlob
{
    private static final int MAX_DOUBLE_STAR_EXPANSIONS = 6;

    private final String pattern;
    private final List<PathMatcher> matchers;
    private final String literalPrefix;
    private final boolean literal;
    private final boolean crossesDirectories;
    private final int segments;

    private PathGlob(String pattern)
    {
        this.pattern = pattern;
        List<String> variants = new ArrayList<>();
        expand(pattern, 0, variants, 0);
        List<PathMatcher> compiled = new ArrayList<>(variants.size());
        for (String variant : variants) {
            compiled.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
        }
        this.matchers = List.copyOf(compiled);
        this.literal = firstMeta(pattern) < 0;
        this.literalPrefix = computeLiteralPrefix(pattern);
        this.crossesDirectories = pattern.contains("**");
        this.segments = pattern.split("/", -1).length;
    }

    /**
     * @param pattern a relative pattern; a leading {@code ./} and trailing {@code /} are dropped, and a trailing
     *        {@code /} means everything below that directory
     * @throws IllegalArgumentException if the pattern is empty, absolute or not a valid glob
     */
    public static PathGlob compile(String pattern)
    {
        requireNonNull(pattern, "pattern is null");
        String normalized = pattern.strip();
        while (normalized.startsWith("./")) {
            normalized = normalized.substring(2);
        }
        if (normalized.startsWith("/")) {
            throw new IllegalArgumentException("Path pattern '" + pattern + "' is absolute; write it relative to the source directory");
        }
        if (normalized.endsWith("/")) {
            normalized = normalized.replaceAll("/+$", "") + "/**";
        }
        if (normalized.isEmpty() || normalized.equals(".")) {
            throw new IllegalArgumentException("Path pattern '" + pattern + "' is empty");
        }
        return new PathGlob(normalized);
    }

    /** @return true if the pattern matches the relative path {@code relativePath} ({@code /}-separated) */
    public boolean matches(String relativePath)
    {
        Path path = Path.of(relativePath);
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** @return the pattern as normalized */
    public String pattern()
    {
        return pattern;
    }

    /** @return true if the pattern contains no glob characters: it names one path */
    public boolean isLiteral()
    {
        return literal;
    }

    /**
     * @return the directory part before the first segment that contains a glob character ({@code ""} for none), the
     *         only directory a walk for this pattern needs to visit
     */
    public String literalPrefix()
    {
        return literalPrefix;
    }

    /** @return true if the pattern contains {@code **} and can match at any depth */
    public boolean crossesDirectories()
    {
        return crossesDirectories;
    }

    /** @return the number of {@code /}-separated segments */
    public int segments()
    {
        return segments;
    }

    private static void expand(String pattern, int from, List<String> variants, int depth)
    {
        int index = indexOfDoubleStarSlash(pattern, from);
        if (index < 0 || depth >= MAX_DOUBLE_STAR_EXPANSIONS) {
            variants.add(pattern);
            return;
        }
        expand(pattern, index + 3, variants, depth + 1);
        expand(pattern.substring(0, index) + pattern.substring(index + 3), index, variants, depth + 1);
    }

    private static int indexOfDoubleStarSlash(String pattern, int from)
    {
        int index = pattern.indexOf("**/", from);
        while (index > 0 && pattern.charAt(index - 1) != '/') {
            index = pattern.indexOf("**/", index + 1);
        }
        return index;
    }

    private static int firstMeta(String text)
    {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '*', '?', '[', '{', '\\' -> {
                    return i;
                }
                default -> { }
            }
        }
        return -1;
    }

    private static String computeLiteralPrefix(String pattern)
    {
        int meta = firstMeta(pattern);
        String head = meta < 0 ? pattern : pattern.substring(0, meta);
        int slash = head.lastIndexOf('/');
        return slash < 0 ? "" : head.substring(0, slash);
    }

    @Override
    public String toString()
    {
        return pattern;
    }
}
