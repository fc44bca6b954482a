package dev.slipway.plugins.directorysource;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import dev.slipway.api.executor.LogSink;

/**
 * Walks a directory tree in a fixed order (entries sorted by name at every level) and hashes it; optionally copies it
 * at the same time. The hash is SHA-256 over one record per entry: its kind ({@code D} directory, {@code F} file,
 * {@code X} executable file, {@code L} symbolic link), its {@code /}-separated path relative to the root, and for a
 * file the SHA-256 of its content, for a link its target text. Modification times and owners are not part of it, so
 * the same files give the same revision wherever they are. Other kinds of files (sockets, pipes, devices) are left out
 * and reported to the log.
 *
 * <p>Not thread-safe; one walk per instance.
 */
final class TreeWalk
{
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path copyTo;
    private final LogSink log;
    private final MessageDigest tree = sha256();
    private final MessageDigest file = sha256();
    private final byte[] buffer = new byte[BUFFER];

    /** @param copyTo an existing empty directory to copy the tree into, or null to only hash it */
    TreeWalk(Path root, Path copyTo, LogSink log)
    {
        this.root = requireNonNull(root, "root is null");
        this.copyTo = copyTo;
        this.log = requireNonNull(log, "log is null");
    }

    /** @return the tree's hash, 64 lower-case hex digits */
    String run()
            throws IOException, InterruptedException
    {
        walk(root, "");
        return HexFormat.of().formatHex(tree.digest());
    }

    private void walk(Path directory, String relative)
            throws IOException, InterruptedException
    {
        List<Path> children = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path child : children) {
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while reading " + child);
            }
            String path = relative.isEmpty() ? child.getFileName().toString() : relative + "/" + child.getFileName();
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Path target = copyTo == null ? null : copyTo.resolve(path);
            if (attributes.isSymbolicLink()) {
                String link = Files.readSymbolicLink(child).toString();
                record('L', path, link.getBytes(StandardCharsets.UTF_8));
                if (target != null) {
                    Files.createSymbolicLink(target, Path.of(link));
                }
            }
            else if (attributes.isDirectory()) {
                record('D', path, new byte[0]);
                if (target != null) {
                    Files.createDirectory(target);
                }
                walk(child, path);
            }
            else if (attributes.isRegularFile()) {
                boolean executable = Files.getPosixFilePermissions(child, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
                record(executable ? 'X' : 'F', path, content(child, target));
                if (target != null && executable) {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
                    permissions.add(PosixFilePermission.OWNER_EXECUTE);
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(target, permissions);
                }
            }
            else {
                log.line("Skipping " + path + ": not a file, directory or symbolic link");
            }
        }
    }

    private byte[] content(Path source, Path target)
            throws IOException
    {
        file.reset();
        try (InputStream in = Files.newInputStream(source);
                OutputStream out = target == null ? OutputStream.nullOutputStream()
                        : Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                file.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
        return file.digest();
    }

    private void record(char kind, String path, byte[] value)
    {
        tree.update((byte) kind);
        tree.update(path.getBytes(StandardCharsets.UTF_8));
        tree.update((byte) 0);
        tree.update(value);
        tree.update((byte) '\n');
    }

    private static MessageDigest sha256()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
