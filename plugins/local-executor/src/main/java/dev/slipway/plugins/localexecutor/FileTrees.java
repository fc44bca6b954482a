package dev.slipway.plugins.localexecutor;

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
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Copies and deletes file trees on the local disk, the way {@code cp -a} would for permissions: the mode (so the
 * executable bit) and the modification time are kept, symbolic links are copied as links, and ownership is not
 * copied (copies belong to the server's user).
 */
final class FileTrees
{
    private FileTrees() {}

    /**
     * Copies {@code source} (a file, a link or a directory tree) to {@code target}, which becomes the copy; parent
     * directories are created; existing files are replaced, existing directories merged.
     *
     * @throws NoSuchFileException if {@code source} does not exist
     * @throws InterruptedException if the thread is interrupted (checked between files); the copy is then partial
     */
    static void copy(Path source, Path target)
            throws IOException, InterruptedException
    {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(source.toString());
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
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
                    if (Files.isSymbolicLink(copy) || (Files.exists(copy, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS))) {
                        Files.delete(copy);
                    }
                    Files.createDirectories(copy);
                    // Read-only directories get their mode after their content is in place.
                    directories.push(new Path[] {directory, copy});
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    checkInterrupted();
                    Path copy = source.equals(file) ? target : target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
                        deleteQuietly(copy);
                    }
                    if (attributes.isSymbolicLink()) {
                        Files.deleteIfExists(copy);
                        Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
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
        PosixFileAttributes attributes = Files.readAttributes(from, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> permissions = attributes.permissions();
        view.setPermissions(permissions);
        FileTime modified = attributes.lastModifiedTime();
        view.setTimes(modified, null, null);
    }

    /** Deletes a file or a directory tree (links are deleted, not followed). Never throws. */
    static void deleteQuietly(Path path)
    {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            Files.walkFileTree(path, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e)
                {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e)
                        throws IOException
                {
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException | RuntimeException e) {
            // best effort
        }
    }
}
