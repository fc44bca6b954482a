package dev.slipway.plugins.filesystemartifacts;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import org.slf4j.Logger;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;

/**
 * Keeps artifacts below a root directory:
 *
 * <pre>
 * root/
 *   blobs/ab/ab12…ef-&lt;random&gt;      the content of one put, named by its SHA-256; never changed once written
 *   keys/builds.d/web.d/out.zip.ref   one pointer per key (see {@link Pointer}, {@link KeyLayout})
 * </pre>
 *
 * <p>A put streams the content into a temporary file in {@code blobs/} while computing its SHA-256, renames it into
 * place, then writes the pointer to a temporary file in the pointer's directory and renames it over the old pointer
 * ({@code ATOMIC_MOVE}; with {@code fsync} on, file contents and directories are flushed before each next step). The
 * pointer is the commit point: before its rename readers see the old artifact (or none), after it the new one, and
 * a pointer only ever names a complete blob, so a crash at any point leaves no key whose metadata and content
 * disagree. What a crash can leave behind — temporary files, and blobs no pointer names — is never read, and is
 * removed once it is older than {@link #LEFTOVER_AGE} by a sweep that starts in the background on the first write
 * of each store instance.
 *
 * <p>Every put writes a new blob, so a replaced or deleted artifact's blob can be removed right after its pointer is
 * gone; a reader that had already opened it keeps reading it (POSIX semantics), and one that looked up the old pointer
 * a moment too early finds the new one on its retry. Pointer changes of one key are serialised within an instance; two
 * instances (or processes) on one root stay consistent, at worst leaving an unreferenced blob for the sweep.
 *
 * <p>Reads verify: {@code open} checks size and SHA-256 as the stream reaches its end.
 */
final class FilesystemArtifactStore
        implements ArtifactStore
{
    /** How old leftovers of interrupted writes must be before the sweep removes them; younger ones may be in use. */
    static final Duration LEFTOVER_AGE = Duration.ofHours(1);

    private static final Set<ArtifactStoreCapability> CAPABILITIES = Set.copyOf(EnumSet.of(ArtifactStoreCapability.LIST, ArtifactStoreCapability.DELETE));
    private static final String INCOMING_PREFIX = ".incoming-";
    private static final int BUFFER_SIZE = 128 * 1024;
    private static final int LOCK_STRIPES = 64;
    private static final int ATTEMPTS = 10;
    private static final Duration SWEEP_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path root;
    private final Path blobs;
    private final KeyLayout layout;
    private final FileSync sync;
    private final Clock clock;
    private final Logger logger;
    private final ReentrantLock[] pointerLocks = new ReentrantLock[LOCK_STRIPES];
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean sweepStarted = new AtomicBoolean();
    private volatile Thread sweeper;
    private volatile boolean closed;

    FilesystemArtifactStore(Path root, FileSync sync, Clock clock, Logger logger)
    {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
        this.blobs = this.root.resolve("blobs");
        this.layout = new KeyLayout(this.root.resolve("keys"));
        this.sync = requireNonNull(sync, "sync is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.logger = requireNonNull(logger, "logger is null");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            pointerLocks[i] = new ReentrantLock();
        }
    }

    Path root()
    {
        return root;
    }

    FileSync sync()
    {
        return sync;
    }

    @Override
    public Set<ArtifactStoreCapability> capabilities()
    {
        return CAPABILITIES;
    }

    @Override
    public ArtifactRef put(ArtifactKey key, InputStream content, ArtifactMetadata metadata)
            throws IOException
    {
        requireNonNull(key, "key is null");
        requireNonNull(content, "content is null");
        requireNonNull(metadata, "metadata is null");
        ensureOpen();
        Path pointerFile = layout.pointerFile(key);
        startSweepOnce();
        createDirectories(blobs);
        Path incoming = Files.createTempFile(blobs, INCOMING_PREFIX, KeyLayout.TEMPORARY_SUFFIX);
        Path blob = null;
        boolean committed = false;
        try {
            MessageDigest digest = Sha256.newDigest();
            long size = 0;
            try (FileChannel channel = FileChannel.open(incoming, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER_SIZE];
                for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
                    digest.update(buffer, 0, read);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                    size += read;
                }
                sync.file(channel);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            String blobName = sha256.substring(0, 2) + "/" + sha256 + "-" + randomSuffix();
            blob = blobs.resolve(blobName);
            createDirectories(blob.getParent());
            Files.move(incoming, blob, StandardCopyOption.ATOMIC_MOVE);
            sync.directory(blob.getParent());

            Pointer pointer = new Pointer(key, blobName, size, sha256, clock.instant(), metadata);
            Optional<Pointer> previous = replacePointer(pointerFile, pointer);
            // From here the new artifact is visible. If the directory cannot be flushed, it stays (consistent, if
            // perhaps not durable); the old blob is removed only once the new pointer is durable.
            committed = true;
            sync.directory(pointerFile.getParent());
            previous.filter(old -> !old.blob().equals(blobName)).ifPresent(this::deleteBlobQuietly);
            return toRef(pointer);
        }
        finally {
            deleteQuietly(incoming);
            if (blob != null && !committed) {
                deleteQuietly(blob);
            }
        }
    }

    @Override
    public Optional<ArtifactRef> find(ArtifactKey key)
            throws IOException
    {
        requireNonNull(key, "key is null");
        ensureOpen();
        Path pointerFile = layout.pointerFile(key);
        for (int attempt = 1; ; attempt++) {
            Optional<Pointer> pointer = readPointer(pointerFile, key);
            if (pointer.isEmpty()) {
                return Optional.empty();
            }
            Path blob = blobs.resolve(pointer.get().blob());
            try {
                long size = Files.size(blob);
                if (size != pointer.get().size()) {
                    throw new IOException("Artifact '" + key + "' is damaged: its metadata " + pointerFile + " promises " + pointer.get().size()
                            + " bytes, but its content file " + blob + " has " + size);
                }
                return Optional.of(toRef(pointer.get()));
            }
            catch (NoSuchFileException e) {
                checkReplacedMeanwhile(pointerFile, key, pointer.get(), blob, attempt);
            }
        }
    }

    @Override
    public InputStream open(ArtifactKey key)
            throws IOException
    {
        requireNonNull(key, "key is null");
        ensureOpen();
        Path pointerFile = layout.pointerFile(key);
        for (int attempt = 1; ; attempt++) {
            Pointer pointer = readPointer(pointerFile, key)
                    .orElseThrow(() -> new SlipwayException(ErrorCode.NOT_FOUND, "No artifact is stored under key '" + key + "' in " + root));
            Path blob = blobs.resolve(pointer.blob());
            try {
                InputStream in = new BufferedInputStream(Files.newInputStream(blob), BUFFER_SIZE);
                return new VerifyingInputStream(in, pointer, blob);
            }
            catch (NoSuchFileException e) {
                checkReplacedMeanwhile(pointerFile, key, pointer, blob, attempt);
            }
        }
    }

    @Override
    public List<ArtifactRef> list(String prefix)
            throws IOException
    {
        requireNonNull(prefix, "prefix is null");
        ensureOpen();
        Optional<Path> start = layout.listingDirectory(prefix);
        if (start.isEmpty() || !Files.isDirectory(start.get())) {
            return List.of();
        }
        List<ArtifactRef> refs = new ArrayList<>();
        Files.walkFileTree(start.get(), new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
            {
                boolean ours = directory.equals(start.get()) || directory.getFileName().toString().endsWith(KeyLayout.DIRECTORY_SUFFIX);
                return ours ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                if (!file.getFileName().toString().endsWith(KeyLayout.POINTER_SUFFIX)) {
                    return FileVisitResult.CONTINUE;
                }
                Optional<Pointer> pointer;
                try {
                    pointer = readPointer(file);
                }
                catch (Pointer.DamagedPointerException e) {
                    logger.warn("Listing skips a damaged artifact: {}", e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
                if (pointer.isPresent() && pointer.get().key().startsWith(prefix)) {
                    if (layout.pointerFile(pointer.get().key()).equals(file)) {
                        refs.add(toRef(pointer.get()));
                    }
                    else {
                        logger.warn("Listing skips {}: it holds key '{}', which belongs elsewhere", file, pointer.get().key());
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e)
                    throws IOException
            {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e)
                    throws IOException
            {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        refs.sort(Comparator.comparing(ArtifactRef::key));
        return refs;
    }

    @Override
    public boolean delete(ArtifactKey key)
            throws IOException
    {
        requireNonNull(key, "key is null");
        ensureOpen();
        Path pointerFile = layout.pointerFile(key);
        startSweepOnce();
        Optional<Pointer> previous;
        ReentrantLock lock = lockFor(key);
        lock.lock();
        try {
            try {
                previous = readPointer(pointerFile, key);
            }
            catch (Pointer.DamagedPointerException e) {
                // Its blob is unknown; the sweep removes it once no pointer names it.
                logger.warn("Deleting a damaged artifact: {}", e.getMessage());
                previous = Optional.empty();
            }
            try {
                Files.delete(pointerFile);
            }
            catch (NoSuchFileException e) {
                return false;
            }
            sync.directory(pointerFile.getParent());
        }
        finally {
            lock.unlock();
        }
        previous.ifPresent(this::deleteBlobQuietly);
        pruneEmptyDirectories(pointerFile.getParent());
        return true;
    }

    /** Stops the background sweep and refuses further calls. Idempotent; never throws. */
    @Override
    public void close()
    {
        closed = true;
        Thread thread = sweeper;
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
            try {
                thread.join(SWEEP_STOP_TIMEOUT.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What one sweep removed. */
    record SweepResult(int temporaryFiles, int unreferencedBlobs, int emptyDirectories)
    {
        boolean removedAnything()
        {
            return temporaryFiles + unreferencedBlobs + emptyDirectories > 0;
        }
    }

    /**
     * Removes leftovers last modified before {@code cutoff}: temporary files of interrupted writes, blobs that no
     * pointer names, and empty key directories. Blobs are kept if any pointer cannot be read, since it might name them.
     */
    SweepResult sweep(Instant cutoff)
            throws IOException
    {
        int[] temporary = {0};
        int[] empty = {0};
        Set<String> referenced = new HashSet<>();
        boolean[] allPointersRead = {true};
        if (Files.isDirectory(layout.keysRoot())) {
            Files.walkFileTree(layout.keysRoot(), new SweepVisitor()
            {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    stopIfClosed();
                    String name = file.getFileName().toString();
                    if (name.endsWith(KeyLayout.TEMPORARY_SUFFIX) && olderThan(attributes, cutoff) && Files.deleteIfExists(file)) {
                        temporary[0]++;
                    }
                    else if (name.endsWith(KeyLayout.POINTER_SUFFIX)) {
                        try {
                            readPointer(file).ifPresent(pointer -> referenced.add(pointer.blob()));
                        }
                        catch (Pointer.DamagedPointerException e) {
                            allPointersRead[0] = false;
                            logger.warn("Keeping unreferenced content while an artifact is damaged: {}", e.getMessage());
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException e)
                        throws IOException
                {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    if (!directory.equals(layout.keysRoot()) && isOldEmptyDirectory(directory, cutoff)) {
                        try {
                            Files.delete(directory);
                            empty[0]++;
                        }
                        catch (DirectoryNotEmptyException | NoSuchFileException raced) {
                            // A put is using it.
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        int[] unreferenced = {0};
        if (Files.isDirectory(blobs)) {
            Files.walkFileTree(blobs, new SweepVisitor()
            {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    stopIfClosed();
                    String name = file.getFileName().toString();
                    if (name.endsWith(KeyLayout.TEMPORARY_SUFFIX)) {
                        if (olderThan(attributes, cutoff) && Files.deleteIfExists(file)) {
                            temporary[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    String relative = blobs.relativize(file).toString();
                    if (allPointersRead[0] && Pointer.BLOB.matcher(relative).matches() && !referenced.contains(relative)
                            && olderThan(attributes, cutoff) && Files.deleteIfExists(file)) {
                        unreferenced[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return new SweepResult(temporary[0], unreferenced[0], empty[0]);
    }

    private void startSweepOnce()
    {
        if (!sweepStarted.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                SweepResult result = sweep(clock.instant().minus(LEFTOVER_AGE));
                if (result.removedAnything()) {
                    logger.info("Removed leftovers of interrupted writes from {}: {} temporary files, {} unreferenced blobs, {} empty directories",
                            root, result.temporaryFiles(), result.unreferencedBlobs(), result.emptyDirectories());
                }
            }
            catch (SweepStopped e) {
                // The store was closed.
            }
            catch (IOException | RuntimeException e) {
                logger.warn("Could not remove leftovers of interrupted writes from {}: {}", root, e.toString());
            }
        }, "filesystem-artifacts-sweep");
        thread.setDaemon(true);
        sweeper = thread;
        thread.start();
    }

    /** Thread that ran (or runs) the background sweep, for tests. */
    Optional<Thread> sweeper()
    {
        return Optional.ofNullable(sweeper);
    }

    private Optional<Pointer> replacePointer(Path pointerFile, Pointer pointer)
            throws IOException
    {
        byte[] bytes = pointer.serialize();
        ReentrantLock lock = lockFor(pointer.key());
        lock.lock();
        try {
            Optional<Pointer> previous;
            try {
                previous = readPointer(pointerFile, pointer.key());
            }
            catch (Pointer.DamagedPointerException e) {
                logger.warn("Replacing a damaged artifact: {}", e.getMessage());
                previous = Optional.empty();
            }
            Path temporary = createTemporaryFile(pointerFile.getParent());
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    sync.file(channel);
                }
                Files.move(temporary, pointerFile, StandardCopyOption.ATOMIC_MOVE);
            }
            finally {
                deleteQuietly(temporary);
            }
            return previous;
        }
        finally {
            lock.unlock();
        }
    }

    // A concurrent delete may remove an empty directory between its creation and our use of it; try again.
    private Path createTemporaryFile(Path directory)
            throws IOException
    {
        for (int attempt = 1; ; attempt++) {
            createDirectories(directory);
            try {
                return Files.createTempFile(directory, ".", KeyLayout.TEMPORARY_SUFFIX);
            }
            catch (NoSuchFileException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Optional<Pointer> readPointer(Path pointerFile, ArtifactKey key)
            throws IOException
    {
        Optional<Pointer> pointer = readPointer(pointerFile);
        if (pointer.isPresent() && !pointer.get().key().equals(key)) {
            throw new Pointer.DamagedPointerException(pointerFile, "it holds key '" + pointer.get().key() + "' instead of '" + key + "'");
        }
        return pointer;
    }

    private static Optional<Pointer> readPointer(Path pointerFile)
            throws IOException
    {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(pointerFile);
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(Pointer.parse(bytes, pointerFile));
    }

    /** The blob was missing: fine if the key was replaced or deleted meanwhile (the caller retries), damage otherwise. */
    private void checkReplacedMeanwhile(Path pointerFile, ArtifactKey key, Pointer seen, Path blob, int attempt)
            throws IOException
    {
        Optional<Pointer> now = readPointer(pointerFile, key);
        if ((now.isPresent() && now.get().blob().equals(seen.blob())) || attempt >= ATTEMPTS) {
            throw new IOException("Artifact '" + key + "' is damaged: its content file " + blob + " is missing (metadata " + pointerFile + ")");
        }
    }

    /** Creates missing directories and, with fsync on, flushes each parent so that the new entries survive a crash. */
    private void createDirectories(Path directory)
            throws IOException
    {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        createDirectories(parent);
        try {
            Files.createDirectory(directory);
        }
        catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
            return;
        }
        sync.directory(parent);
    }

    private void deleteQuietly(Path file)
    {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            logger.warn("Could not delete {}; the next sweep removes it: {}", file, e.toString());
        }
    }

    private void deleteBlobQuietly(Pointer pointer)
    {
        Path blob = blobs.resolve(pointer.blob());
        try {
            Files.deleteIfExists(blob);
        }
        catch (IOException e) {
            logger.warn("Could not delete {}, the old content of '{}'; the next sweep removes it: {}", blob, pointer.key(), e.toString());
        }
    }

    private void pruneEmptyDirectories(Path directory)
    {
        for (Path current = directory; current != null && !current.equals(layout.keysRoot()) && current.startsWith(layout.keysRoot());
                current = current.getParent()) {
            try {
                Files.delete(current);
            }
            catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
            catch (IOException e) {
                logger.warn("Could not remove empty directory {}; the next sweep removes it: {}", current, e.toString());
                return;
            }
        }
    }

    private ArtifactRef toRef(Pointer pointer)
    {
        return ArtifactRef.builder(pointer.key())
                .size(pointer.size())
                .sha256(pointer.sha256())
                .createdAt(pointer.createdAt())
                .location(blobs.resolve(pointer.blob()).toUri().toString())
                .metadata(pointer.metadata())
                .build();
    }

    private ReentrantLock lockFor(ArtifactKey key)
    {
        return pointerLocks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }

    private String randomSuffix()
    {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void ensureOpen()
    {
        if (closed) {
            throw new IllegalStateException("The filesystem artifact store at " + root + " is closed");
        }
    }

    private static boolean olderThan(BasicFileAttributes attributes, Instant cutoff)
    {
        return attributes.lastModifiedTime().toInstant().isBefore(cutoff);
    }

    private static boolean isOldEmptyDirectory(Path directory, Instant cutoff)
            throws IOException
    {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty() && Files.getLastModifiedTime(directory).toInstant().isBefore(cutoff);
        }
        catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public String toString()
    {
        return "FilesystemArtifactStore[" + root + ", " + sync + "]";
    }

    /** Ends a sweep early because the store was closed. */
    private static final class SweepStopped
            extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        SweepStopped()
        {
            super(null, null, false, false);
        }
    }

    /** Tolerates files that disappear during the walk (concurrent deletes) and stops when the store closes. */
    private class SweepVisitor
            extends SimpleFileVisitor<Path>
    {
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e)
                throws IOException
        {
            if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
            }
            throw e;
        }

        void stopIfClosed()
        {
            if (closed || Thread.currentThread().isInterrupted() && Thread.currentThread() == sweeper) {
                throw new SweepStopped();
            }
        }
    }
}
