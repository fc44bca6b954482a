package dev.slipway.server.build.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Deque;

import dev.slipway.api.executor.LogSink;

import static java.util.Objects.requireNonNull;

/**
 * A source that is a directory on the server's disk ({@code slipway run --source DIR}): fetching copies it into the
 * workspace the way {@code cp -a} would (file modes and modification times kept, symbolic links copied as links,
 * empty directories too), or does nothing when the workspace is that directory ({@code --in-place}). Batch children
 * and the batch's buildspec reading get copies of their own. Thread-safe.
 */
public final class DirectorySource
        implements BuildSource
{
    private final Path directory;
    private final Fetched fetched;

    /**
     * @param version what {@code CODEBUILD_SOURCE_VERSION} and {@code CODEBUILD_RESOLVED_SOURCE_VERSION} say, if anything
     */
    public DirectorySource(Path directory, Optional<String> version, Optional<String> repositoryUrl)
    {
        this.directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        this.fetched = new Fetched(version, repositoryUrl);
    }

    public Path directory()
    {
        return directory;
    }

    @Override
    public Fetched fetch(Path workspace, LogSink log)
            throws IOException, InterruptedException
    {
        Path target = workspace.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "the source directory does not exist or is not a directory");
        }
        if (Files.isSameFile(directory, target)) {
            return fetched;
        }
        if (target.startsWith(directory)) {
            throw new IOException("The workspace " + target + " is inside the source directory " + directory + "; copying would never end");
        }
        copy(directory, target);
        return fetched;
    }

    /** Copies the tree {@code source} into the directory {@code target} (created as needed; existing files replaced). */
    static void copy(Path source, Path target)
            throws IOException, InterruptedException
    {
        Deque<Path[]> directories = new ArrayDeque<>();
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                        throws IOException
                {
                    checkInterrupted();
                    Path copy = target.resolve(source.relativize(directory).toString());
                    Files.createDirectories(copy);
                    // A read-only directory gets its mode once its content is in place.
                    directories.push(new Path[] {directory, copy});
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    checkInterrupted();
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (attributes.isSymbolicLink()) {
                        Files.deleteIfExists(copy);
                        Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                        return FileVisitResult.CONTINUE;
                    }
                    if (!attributes.isRegularFile()) {
                        // Sockets, pipes and devices are not part of a source tree.
                        return FileVisitResult.CONTINUE;
                    }
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                    copyModeAndTime(file, copy);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (InterruptedIOException e) {
            throw new InterruptedException("Interrupted while copying " + source + " to " + target);
        }
        while (!directories.isEmpty()) {
            Path[] pair = directories.pop();
            copyModeAndTime(pair[0], pair[1]);
        }
    }

    private static void checkInterrupted()
            throws InterruptedIOException
    {
        if (Thread.interrupted()) {
            throw new InterruptedIOException();
        }
    }

    private static void copyModeAndTime(Path from, Path to)
            throws IOException
    {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            Files.setLastModifiedTime(to, Files.getLastModifiedTime(from, LinkOption.NOFOLLOW_LINKS));
            return;
        }
        PosixFileAttributes attributes = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(attributes.permissions());
        view.setTimes(attributes.lastModifiedTime(), null, null);
    }

    @Override
    public String toString()
    {
        return "DirectorySource{" + directory + "}";
    }
}
