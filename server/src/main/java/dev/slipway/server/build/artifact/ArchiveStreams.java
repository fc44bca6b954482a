package dev.slipway.server.build.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * Streams {@link CollectedFile}s as a ZIP (build artifacts, readable by every unzip; symlinks kept as links when
 * collected as links, Unix permissions kept) or a gzip-compressed tar (cache archives), pulled by the reader: no
 * temporary file, no second thread, memory bounded by one step. Entries are written in the given order, which the
 * collector sorts, so the same tree gives the same entries in the same order.
 */
public final class ArchiveStreams
{
    private static final int STEP = 64 * 1024;

    private ArchiveStreams() {}

    /** @return a stream of a ZIP of {@code files}; the caller closes it */
    public static InputStream zip(List<CollectedFile> files)
    {
        return new PullInputStream(new ArchiveProducer(files, Format.ZIP));
    }

    /** @return a stream of a gzip-compressed tar of {@code files}; the caller closes it */
    public static InputStream tarGz(List<CollectedFile> files)
    {
        return new PullInputStream(new ArchiveProducer(files, Format.TAR_GZ));
    }

    /**
     * Extracts a gzip-compressed tar written by {@link #tarGz}. Each entry's name goes through {@code target}, which
     * answers where it belongs (or empty to skip it). Existing files, links and directories at a target path are
     * replaced by the archive's entry.
     *
     * @return the number of files and links written
     * @throws IOException if the archive is corrupt or a file cannot be written; an entry whose name leaves its
     *         root ({@code ..}, absolute) is an error, not a write
     */
    public static int extractTarGz(InputStream archive, Function<String, Optional<Path>> target)
            throws IOException
    {
        requireNonNull(archive, "archive is null");
        requireNonNull(target, "target is null");
        int written = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(archive, STEP))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.startsWith("/") || List.of(name.split("/")).contains("..")) {
                    throw new IOException("Archive entry '" + name + "' points outside its directory");
                }
                Optional<Path> destination = target.apply(name);
                if (destination.isEmpty()) {
                    continue;
                }
                Path path = destination.get();
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                deleteIfPresent(path);
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                }
                else {
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    setMode(path, entry.getMode());
                    Files.setLastModifiedTime(path, FileTime.from(entry.getModTime().toInstant()));
                }
                written++;
            }
        }
        return written;
    }

    private static void deleteIfPresent(Path path)
            throws IOException
    {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.delete(path);
        }
        catch (DirectoryNotEmptyException e) {
            try (Stream<Path> tree = Files.walk(path)) {
                for (Path each : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(each);
                }
            }
        }
    }

    private static void setMode(Path path, int mode)
            throws IOException
    {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        Files.setPosixFilePermissions(path, permissions);
    }

    private static int permissionBits(Path path, BasicFileAttributes attributes)
    {
        if (attributes instanceof PosixFileAttributes posix) {
            int mode = 0;
            for (PosixFilePermission permission : posix.permissions()) {
                mode |= switch (permission) {
                    case OWNER_READ -> 0400;
                    case OWNER_WRITE -> 0200;
                    case OWNER_EXECUTE -> 0100;
                    case GROUP_READ -> 040;
                    case GROUP_WRITE -> 020;
                    case GROUP_EXECUTE -> 010;
                    case OTHERS_READ -> 04;
                    case OTHERS_WRITE -> 02;
                    case OTHERS_EXECUTE -> 01;
                };
            }
            return mode;
        }
        return Files.isExecutable(path) ? 0755 : 0644;
    }

    private enum Format
    {
        ZIP,
        TAR_GZ,
    }

    private static final class ArchiveProducer
            implements PullInputStream.Producer
    {
        private final Iterator<CollectedFile> files;
        private final Format format;
        private final byte[] chunk = new byte[STEP];
        private ArchiveOutputStream<? extends ArchiveEntry> archive;
        private OutputStream compression;
        private InputStream current;
        private long remaining;

        ArchiveProducer(List<CollectedFile> files, Format format)
        {
            this.files = List.copyOf(files).iterator();
            this.format = format;
        }

        @Override
        public boolean produce(OutputStream sink)
                throws IOException
        {
            if (archive == null) {
                open(sink);
            }
            if (current != null) {
                copyStep();
                return true;
            }
            if (!files.hasNext()) {
                archive.finish();
                archive.close();
                return false;
            }
            startEntry(files.next());
            return true;
        }

        private void open(OutputStream sink)
                throws IOException
        {
            // The archive writes into whatever sink the stream currently offers: always the same buffer object.
            switch (format) {
                case ZIP -> {
                    ZipArchiveOutputStream zip = new ZipArchiveOutputStream(sink);
                    zip.setUseZip64(Zip64Mode.AsNeeded);
                    zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                    archive = zip;
                }
                case TAR_GZ -> {
                    compression = new GZIPOutputStream(sink, STEP)
                    {
                        {
                            def.setLevel(Deflater.BEST_SPEED);
                        }
                    };
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(compression, StandardCharsets.UTF_8.name());
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                    archive = tar;
                }
            }
        }

        private void startEntry(CollectedFile file)
                throws IOException
        {
            Path source = file.source();
            if (file.isSymlink()) {
                byte[] target = file.linkTarget().orElseThrow().getBytes(StandardCharsets.UTF_8);
                switch (format) {
                    case ZIP -> {
                        ZipArchiveEntry entry = new ZipArchiveEntry(file.archivePath());
                        entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                        entry.setSize(target.length);
                        zip().putArchiveEntry(entry);
                        archive.write(target);
                    }
                    case TAR_GZ -> {
                        TarArchiveEntry entry = new TarArchiveEntry(file.archivePath(), TarConstants.LF_SYMLINK);
                        entry.setLinkName(file.linkTarget().orElseThrow());
                        tar().putArchiveEntry(entry);
                    }
                }
                archive.closeArchiveEntry();
                return;
            }
            BasicFileAttributes attributes = readAttributes(source);
            long size = attributes.size();
            int mode = permissionBits(source, attributes);
            switch (format) {
                case ZIP -> {
                    ZipArchiveEntry entry = new ZipArchiveEntry(file.archivePath());
                    entry.setUnixMode(UnixStat.FILE_FLAG | mode);
                    entry.setSize(size);
                    entry.setLastModifiedTime(attributes.lastModifiedTime());
                    zip().putArchiveEntry(entry);
                }
                case TAR_GZ -> {
                    TarArchiveEntry entry = new TarArchiveEntry(file.archivePath());
                    entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | mode);
                    entry.setSize(size);
                    entry.setModTime(attributes.lastModifiedTime());
                    tar().putArchiveEntry(entry);
                }
            }
            current = Files.newInputStream(source);
            remaining = size;
            if (size == 0) {
                finishEntry();
            }
        }

        private BasicFileAttributes readAttributes(Path source)
                throws IOException
        {
            try {
                return Files.readAttributes(source, PosixFileAttributes.class);
            }
            catch (UnsupportedOperationException e) {
                return Files.readAttributes(source, BasicFileAttributes.class);
            }
        }

        /** Copies the next chunk; exactly the size announced in the header, so a file that grows or shrinks meanwhile cannot corrupt the archive. */
        private void copyStep()
                throws IOException
        {
            int wanted = (int) Math.min(chunk.length, remaining);
            int count = current.read(chunk, 0, wanted);
            if (count < 0) {
                java.util.Arrays.fill(chunk, 0, wanted, (byte) 0);
                count = wanted;
            }
            archive.write(chunk, 0, count);
            remaining -= count;
            if (remaining == 0) {
                finishEntry();
            }
        }

        private void finishEntry()
                throws IOException
        {
            current.close();
            current = null;
            archive.closeArchiveEntry();
        }

        private ZipArchiveOutputStream zip()
        {
            return (ZipArchiveOutputStream) archive;
        }

        private TarArchiveOutputStream tar()
        {
            return (TarArchiveOutputStream) archive;
        }

        @Override
        public void close()
                throws IOException
        {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
