package dev.slipway.testkit;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Copies a file or a directory tree, replacing existing files, keeping permissions and copying symbolic links as links. */
final class TreeCopier
{
    private TreeCopier() {}

    static void copy(Path source, Path target)
            throws IOException
    {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(source.toString());
        }
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            copyEntry(source, target);
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException
            {
                Path copy = target.resolve(source.relativize(directory).toString());
                Files.createDirectories(copy);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                copyEntry(file, target.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e)
                    throws IOException
            {
                if (e != null) {
                    throw e;
                }
                // Permissions last, so that a read-only directory can still be filled.
                Path copy = target.resolve(source.relativize(directory).toString());
                Files.setLastModifiedTime(copy, Files.getLastModifiedTime(directory));
                if (Files.getFileStore(copy).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(directory));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyEntry(Path file, Path copy)
            throws IOException
    {
        if (Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
            TestFiles.deleteRecursively(copy);
        }
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }
}
