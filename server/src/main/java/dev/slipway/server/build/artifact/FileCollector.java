package dev.slipway.server.build.artifact;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Selects the files of an {@link ArtifactSpec} below a root directory, with the semantics of CodeBuild's
 * documentation and Slipway's decisions:
 * <ul>
 *   <li>{@code files} are {@link PathGlob}s relative to the base directory; {@code **}{@code /*} includes dot-files
 *       and files in dot-directories; {@code dir/*} only the files directly in {@code dir}; a plain path that names
 *       a directory takes everything below it.</li>
 *   <li>{@code base-directory} is a path or a glob; every matching directory contributes its <em>contents</em>
 *       (paths relative to it), not itself. When several match, the first (in path order) wins a name clash.</li>
 *   <li>{@code exclude-paths} are globs relative to the base directory, matched before {@code discard-paths}.</li>
 *   <li>{@code discard-paths} keeps only file names; on a name clash the first file in path order wins and a
 *       warning says which were dropped.</li>
 *   <li>Only files are selected: empty directories are never archived. Symlinks are followed (the target's
 *       content is taken; a broken link or a loop is skipped with a warning) unless {@code enable-symlinks}, which
 *       keeps every symlink as a link.</li>
 * </ul>
 * The result is sorted by archive path, so archives built from it are deterministic.
 */
public final class FileCollector
{
    private FileCollector() {}

    /**
     * @param root an existing directory (the build's source directory)
     * @throws IOException if the tree could not be read
     * @throws IllegalArgumentException if a pattern is invalid (the message names it)
     */
    public static CollectedFiles collect(Path root, ArtifactSpec spec)
            throws IOException
    {
        requireNonNull(root, "root is null");
        requireNonNull(spec, "spec is null");
        List<PathGlob> includes = compileAll(spec.files());
        List<PathGlob> excludes = compileAll(spec.excludePaths());
        List<String> warnings = new ArrayList<>();
        Map<String, CollectedFile> byArchivePath = new TreeMap<>();
        for (Path base : baseDirectories(root, spec.baseDirectory())) {
            Map<String, Path> found = new TreeMap<>();
            Map<String, String> links = new TreeMap<>();
            for (PathGlob include : includes) {
                walk(base, include, spec.enableSymlinks(), found, links, warnings);
            }
            for (Map.Entry<String, Path> entry : found.entrySet()) {
                String relative = entry.getKey();
                if (matchesAny(excludes, relative)) {
                    continue;
                }
                String archivePath = spec.discardPaths() ? relative.substring(relative.lastIndexOf('/') + 1) : relative;
                CollectedFile file = new CollectedFile(archivePath, entry.getValue(), Optional.ofNullable(links.get(relative)));
                CollectedFile earlier = byArchivePath.putIfAbsent(archivePath, file);
                if (earlier != null) {
                    warnings.add("Skipping " + root.relativize(entry.getValue()) + ": the artifact already has '" + archivePath + "' from "
                            + root.relativize(earlier.source()));
                }
            }
        }
        return new CollectedFiles(List.copyOf(byArchivePath.values()), warnings);
    }

    private static List<PathGlob> compileAll(List<String> patterns)
    {
        List<PathGlob> globs = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            globs.add(PathGlob.compile(pattern));
        }
        return globs;
    }

    private static boolean matchesAny(List<PathGlob> globs, String relative)
    {
        for (PathGlob glob : globs) {
            if (glob.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    /** The directories {@code base-directory} names, in path order; the root itself when there is none. */
    static List<Path> baseDirectories(Path root, Optional<String> baseDirectory)
            throws IOException
    {
        if (baseDirectory.isEmpty()) {
            return List.of(root);
        }
        PathGlob glob = PathGlob.compile(baseDirectory.get());
        if (glob.isLiteral()) {
            Path directory = root.resolve(glob.pattern()).normalize();
            return directory.startsWith(root) && Files.isDirectory(directory) ? List.of(directory) : List.of();
        }
        Path start = root.resolve(glob.literalPrefix()).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return List.of();
        }
        int maxDepth = glob.crossesDirectories() ? Integer.MAX_VALUE : Math.max(0, glob.segments() - segmentCount(glob.literalPrefix()));
        Set<Path> matches = new TreeSet<>();
        Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), maxDepth, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
            {
                if (!directory.equals(root) && glob.matches(relative(root, directory))) {
                    matches.add(directory);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
            {
                // At the depth limit directories arrive here instead of in preVisitDirectory.
                if (attributes.isDirectory() && glob.matches(relative(root, file))) {
                    matches.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exception)
            {
                return FileVisitResult.CONTINUE;
            }
        });
        return List.copyOf(matches);
    }

    private static int segmentCount(String prefix)
    {
        return prefix.isEmpty() ? 0 : prefix.split("/").length;
    }

    private static void walk(Path base, PathGlob include, boolean keepSymlinks, Map<String, Path> found, Map<String, String> links, List<String> warnings)
            throws IOException
    {
        Path start = base.resolve(include.literalPrefix()).normalize();
        if (include.isLiteral()) {
            Path path = base.resolve(include.pattern()).normalize();
            if (!path.startsWith(base)) {
                warnings.add("Ignoring '" + include.pattern() + "': it points outside the base directory");
                return;
            }
            if (keepSymlinks && Files.isSymbolicLink(path)) {
                String relative = relative(base, path);
                found.putIfAbsent(relative, path);
                links.putIfAbsent(relative, Files.readSymbolicLink(path).toString());
                return;
            }
            if (Files.isRegularFile(path)) {
                found.putIfAbsent(relative(base, path), path);
                return;
            }
            if (!Files.isDirectory(path)) {
                return;
            }
            // A plain path naming a directory takes everything below it.
            include = PathGlob.compile(include.pattern() + "/**");
            start = path;
        }
        if (!start.startsWith(base) || !Files.isDirectory(start)) {
            return;
        }
        PathGlob glob = include;
        Set<FileVisitOption> options = keepSymlinks ? EnumSet.noneOf(FileVisitOption.class) : EnumSet.of(FileVisitOption.FOLLOW_LINKS);
        Files.walkFileTree(start, options, Integer.MAX_VALUE, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                String relative = relative(base, file);
                if (!glob.matches(relative)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attributes.isSymbolicLink()) {
                    if (keepSymlinks) {
                        found.putIfAbsent(relative, file);
                        links.putIfAbsent(relative, Files.readSymbolicLink(file).toString());
                    }
                    else {
                        warnings.add("Skipping " + relative + ": it is a symbolic link whose target does not exist");
                    }
                }
                else if (attributes.isRegularFile()) {
                    found.putIfAbsent(relative, file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exception)
                    throws IOException
            {
                if (exception instanceof FileSystemLoopException) {
                    warnings.add("Skipping " + relative(base, file) + ": following its symbolic link leads into a loop");
                    return FileVisitResult.CONTINUE;
                }
                if (exception instanceof NoSuchFileException) {
                    // Deleted while we walked (a background process of the build); nothing to archive.
                    return FileVisitResult.CONTINUE;
                }
                throw exception;
            }
        });
    }

    static String relative(Path base, Path path)
    {
        String relative = base.relativize(path).toString();
        return path.getFileSystem().getSeparator().equals("/") ? relative : relative.replace(path.getFileSystem().getSeparator(), "/");
    }
}
