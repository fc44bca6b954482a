package dev.slipway.server.run;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;

import static java.util.Objects.requireNonNull;

/**
 * The artifact store of {@code slipway run}: artifacts are plain files a person can open, at {@code <root>/<path>},
 * where the path is the key without {@code stripPrefix} ({@code slipway run --artifacts-dir out} puts the primary
 * artifact at {@code out/app.zip}, not under the project and build id).
 *
 * <p>Each artifact is described by {@code <root>/.slipway/meta/…/<name>.properties} (its key, SHA-256, size, creation
 * time, metadata and where its content is), so that a cache directory serves later runs too. When the plain path is
 * taken — a key below another key's file ({@code a} and {@code a/b}), or a directory in the way — the content goes
 * to {@code <root>/.slipway/content/} instead; there, and in {@code meta/}, directory names end in {@code .d} and file
 * names never do, so no key can block another.
 *
 * <p>Writes stream into a temporary file that is renamed into place, so a reader sees the old artifact or the complete
 * new one, never a part. Thread-safe: the renames that publish a put, and the reads that describe an artifact, happen
 * under the store's lock, so that content and description always belong together.
 */
final class DirectoryArtifactStore
        implements ArtifactStore
{
    private static final String STORE_DIRECTORY = ".slipway";
    private static final String DIRECTORY_SUFFIX = ".d";

    private final Path root;
    private final Path metaRoot;
    private final Path contentRoot;
    private final String stripPrefix;

    /**
     * @param stripPrefix a key prefix (ending in {@code /}) left out of file names; keys without it keep their whole path
     */
    DirectoryArtifactStore(Path root, String stripPrefix)
            throws IOException
    {
        this.root = Files.createDirectories(requireNonNull(root, "root is null")).toAbsolutePath().normalize();
        this.metaRoot = this.root.resolve(STORE_DIRECTORY).resolve("meta");
        this.contentRoot = this.root.resolve(STORE_DIRECTORY).resolve("content");
        this.stripPrefix = requireNonNull(stripPrefix, "stripPrefix is null");
    }

    Path root()
    {
        return root;
    }

    @Override
    public Set<ArtifactStoreCapability> capabilities()
    {
        return EnumSet.of(ArtifactStoreCapability.LIST, ArtifactStoreCapability.DELETE);
    }

    /** @return where the key's content lives when nothing is in the way */
    Path file(ArtifactKey key)
    {
        String path = key.path().startsWith(stripPrefix) && key.path().length() > stripPrefix.length() ? key.path().substring(stripPrefix.length()) : key.path();
        return root.resolve(path);
    }

    /** @return {@code base/<a>.d/<b>.d/<name><suffix>} for key {@code a/b/name}: directory and file names never meet */
    private static Path layered(Path base, ArtifactKey key, String suffix)
    {
        String[] segments = key.path().split("/");
        Path path = base;
        for (int i = 0; i < segments.length - 1; i++) {
            path = path.resolve(segments[i] + DIRECTORY_SUFFIX);
        }
        return path.resolve(segments[segments.length - 1] + suffix);
    }

    private Path metadataFile(ArtifactKey key)
    {
        return layered(metaRoot, key, ".properties");
    }

    /** True if a file can be put at {@code file}: it is below the root, outside the store's own directory, not in the way of a directory, and no parent is a file. */
    private boolean usable(Path file)
    {
        if (!file.startsWith(root) || file.startsWith(root.resolve(STORE_DIRECTORY)) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (Path parent = file.getParent(); parent != null && !parent.equals(root); parent = parent.getParent()) {
            if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ArtifactRef put(ArtifactKey key, InputStream content, ArtifactMetadata metadata)
            throws IOException
    {
        requireNonNull(key, "key is null");
        requireNonNull(content, "content is null");
        requireNonNull(metadata, "metadata is null");
        Files.createDirectories(contentRoot);
        // Streamed next to the store's own files first: where the content ends up is decided when it is published.
        Path temporary = Files.createTempFile(contentRoot, ".put-", ".partial");
        try {
            MessageDigest digest = sha256();
            long size;
            // The caller's stream is read to its end but not closed: that is the caller's.
            InputStream notClosing = new FilterInputStream(content)
            {
                @Override
                public void close() {}
            };
            try (OutputStream out = Files.newOutputStream(temporary)) {
                size = new DigestInputStream(notClosing, digest).transferTo(out);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Instant createdAt = Instant.now();
            Path metadataFile = metadataFile(key);
            synchronized (this) {
                Optional<Path> previous = contentOf(key);
                Path plain = file(key);
                Path target = usable(plain) ? plain : layered(contentRoot, key, ".content");
                Files.createDirectories(target.getParent());
                Properties properties = new Properties();
                properties.setProperty("key", key.path());
                properties.setProperty("content", root.relativize(target).toString());
                properties.setProperty("sha256", sha256);
                properties.setProperty("size", Long.toString(size));
                properties.setProperty("created-at", createdAt.toString());
                properties.setProperty("content-type", metadata.contentType());
                metadata.attributes().forEach((name, value) -> properties.setProperty("attribute." + name, value));
                Files.createDirectories(metadataFile.getParent());
                Path temporaryMetadata = Files.createTempFile(metadataFile.getParent(), ".put-", ".partial");
                try {
                    try (Writer writer = Files.newBufferedWriter(temporaryMetadata, StandardCharsets.UTF_8)) {
                        properties.store(writer, null);
                    }
                    move(temporary, target);
                    move(temporaryMetadata, metadataFile);
                }
                finally {
                    Files.deleteIfExists(temporaryMetadata);
                }
                if (previous.isPresent() && !previous.get().equals(target)) {
                    Files.deleteIfExists(previous.get());
                }
                return ref(key, target, sha256, size, createdAt, metadata);
            }
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void move(Path from, Path to)
            throws IOException
    {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Where the key's content is: as its description says, else the plain path if a file is there (put by hand). */
    private Optional<Path> contentOf(ArtifactKey key)
            throws IOException
    {
        Optional<Properties> properties = properties(metadataFile(key));
        if (properties.isPresent() && properties.get().getProperty("content") != null) {
            Path content = root.resolve(properties.get().getProperty("content")).normalize();
            return content.startsWith(root) && Files.isRegularFile(content) ? Optional.of(content) : Optional.empty();
        }
        Path plain = file(key);
        return usable(plain) && Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
    }

    private static Optional<Properties> properties(Path file)
            throws IOException
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(properties);
    }

    @Override
    public Optional<ArtifactRef> find(ArtifactKey key)
            throws IOException
    {
        requireNonNull(key, "key is null");
        synchronized (this) {
            Optional<Path> content = contentOf(key);
            if (content.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(describe(key, content.get()));
        }
    }

    /** The artifact as its description says; a file put there by hand (or changed since) is hashed now. */
    private ArtifactRef describe(ArtifactKey key, Path content)
            throws IOException
    {
        long size = Files.size(content);
        Optional<Properties> described = properties(metadataFile(key));
        if (described.isPresent() && Long.toString(size).equals(described.get().getProperty("size")) && described.get().getProperty("sha256") != null) {
            Properties properties = described.get();
            ArtifactMetadata.Builder metadata = ArtifactMetadata.builder();
            if (properties.getProperty("content-type") != null) {
                metadata.contentType(properties.getProperty("content-type"));
            }
            for (String name : new TreeSet<>(properties.stringPropertyNames())) {
                if (name.startsWith("attribute.")) {
                    metadata.attribute(name.substring("attribute.".length()), properties.getProperty(name));
                }
            }
            return ref(key, content, properties.getProperty("sha256"), size, Instant.parse(properties.getProperty("created-at")), metadata.build());
        }
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(content), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return ref(key, content, HexFormat.of().formatHex(digest.digest()), size, Files.getLastModifiedTime(content).toInstant(), ArtifactMetadata.empty());
    }

    private static ArtifactRef ref(ArtifactKey key, Path file, String sha256, long size, Instant createdAt, ArtifactMetadata metadata)
    {
        return ArtifactRef.builder(key).size(size).sha256(sha256).createdAt(createdAt).location(file.toUri().toString()).metadata(metadata).build();
    }

    @Override
    public InputStream open(ArtifactKey key)
            throws IOException
    {
        requireNonNull(key, "key is null");
        synchronized (this) {
            Optional<Path> content = contentOf(key);
            if (content.isPresent()) {
                try {
                    // Opened under the lock: a replacing put renames over the path, and this stream keeps the old file.
                    return Files.newInputStream(content.get());
                }
                catch (NoSuchFileException e) {
                    // Deleted meanwhile by hand.
                }
            }
        }
        throw new SlipwayException(ErrorCode.NOT_FOUND, "No artifact " + key.path() + " in " + root);
    }

    @Override
    public List<ArtifactRef> list(String prefix)
            throws IOException
    {
        requireNonNull(prefix, "prefix is null");
        List<ArtifactRef> found = new ArrayList<>();
        if (!Files.isDirectory(metaRoot)) {
            return found;
        }
        List<String> keys = new ArrayList<>();
        Files.walkFileTree(metaRoot, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                if (file.getFileName().toString().endsWith(".properties")) {
                    properties(file).map(properties -> properties.getProperty("key")).filter(key -> key.startsWith(prefix)).ifPresent(keys::add);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (String key : keys) {
            find(ArtifactKey.of(key)).ifPresent(found::add);
        }
        found.sort((a, b) -> a.key().compareTo(b.key()));
        return found;
    }

    @Override
    public boolean delete(ArtifactKey key)
            throws IOException
    {
        requireNonNull(key, "key is null");
        synchronized (this) {
            Optional<Path> content = contentOf(key);
            Files.deleteIfExists(metadataFile(key));
            return content.isPresent() && Files.deleteIfExists(content.get());
        }
    }

    private static MessageDigest sha256()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString()
    {
        return "DirectoryArtifactStore{" + root + "}";
    }
}
