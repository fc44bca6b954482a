package dev.slipway.server.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
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
 * artifact at {@code out/app.zip}, not under the project and build id). The SHA-256, creation time and metadata of
 * each artifact are kept next to it in {@code <root>/.slipway/<path>.properties}, so that a cache directory serves
 * later runs too. Writes go to a temporary file that is renamed into place, so a reader sees the old file or the
 * complete new one. Thread-safe: each put streams into a temporary file of its own; the renames that publish a
 * put happen under the store's lock, so that content and description always belong together.
 */
final class DirectoryArtifactStore
        implements ArtifactStore
{
    private static final String METADATA_DIRECTORY = ".slipway";
    private static final String METADATA_SUFFIX = ".properties";

    private final Path root;
    private final String stripPrefix;

    /**
     * @param stripPrefix a key prefix (ending in {@code /}) left out of file names; keys without it keep their whole path
     */
    DirectoryArtifactStore(Path root, String stripPrefix)
            throws IOException
    {
        this.root = Files.createDirectories(requireNonNull(root, "root is null")).toAbsolutePath().normalize();
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

    /** @return where the key's content lives */
    Path file(ArtifactKey key)
    {
        String path = key.path().startsWith(stripPrefix) && key.path().length() > stripPrefix.length() ? key.path().substring(stripPrefix.length()) : key.path();
        if (path.equals(METADATA_DIRECTORY) || path.startsWith(METADATA_DIRECTORY + "/")) {
            throw new IllegalArgumentException("Artifact key '" + key.path() + "' would collide with the store's own " + METADATA_DIRECTORY + " directory");
        }
        return root.resolve(path);
    }

    private Path metadataFile(ArtifactKey key)
    {
        return root.resolve(METADATA_DIRECTORY).resolve(root.relativize(file(key)) + METADATA_SUFFIX);
    }

    @Override
    public ArtifactRef put(ArtifactKey key, InputStream content, ArtifactMetadata metadata)
            throws IOException
    {
        requireNonNull(key, "key is null");
        requireNonNull(content, "content is null");
        requireNonNull(metadata, "metadata is null");
        Path target = file(key);
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        try {
            MessageDigest digest = sha256();
            long size;
            try (OutputStream out = Files.newOutputStream(temporary); DigestInputStream in = new DigestInputStream(content, digest)) {
                size = in.transferTo(out);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Instant createdAt = Instant.now();
            Path metadataFile = metadataFile(key);
            Files.createDirectories(metadataFile.getParent());
            Properties properties = new Properties();
            properties.setProperty("key", key.path());
            properties.setProperty("sha256", sha256);
            properties.setProperty("size", Long.toString(size));
            properties.setProperty("created-at", createdAt.toString());
            properties.setProperty("content-type", metadata.contentType());
            metadata.attributes().forEach((name, value) -> properties.setProperty("attribute." + name, value));
            Path temporaryMetadata = Files.createTempFile(metadataFile.getParent(), "." + metadataFile.getFileName(), ".partial");
            try (Writer writer = Files.newBufferedWriter(temporaryMetadata, StandardCharsets.UTF_8)) {
                properties.store(writer, null);
            }
            // Content and its description change together: a concurrent put of the same key cannot interleave them.
            synchronized (this) {
                move(temporaryMetadata, metadataFile);
                move(temporary, target);
            }
            return ref(key, target, sha256, size, createdAt, metadata);
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

    @Override
    public Optional<ArtifactRef> find(ArtifactKey key)
            throws IOException
    {
        requireNonNull(key, "key is null");
        Path target = file(key);
        synchronized (this) {
            if (!Files.isRegularFile(target)) {
                return Optional.empty();
            }
            return Optional.of(describe(key, target));
        }
    }

    /** The artifact as its metadata file describes it; a file put there by hand is hashed now. */
    private ArtifactRef describe(ArtifactKey key, Path target)
            throws IOException
    {
        long size = Files.size(target);
        Path metadataFile = metadataFile(key);
        if (Files.isRegularFile(metadataFile)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(metadataFile, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            if (Long.toString(size).equals(properties.getProperty("size")) && properties.getProperty("sha256") != null) {
                ArtifactMetadata.Builder metadata = ArtifactMetadata.builder();
                if (properties.getProperty("content-type") != null) {
                    metadata.contentType(properties.getProperty("content-type"));
                }
                for (String name : new java.util.TreeSet<>(properties.stringPropertyNames())) {
                    if (name.startsWith("attribute.")) {
                        metadata.attribute(name.substring("attribute.".length()), properties.getProperty(name));
                    }
                }
                return ref(key, target, properties.getProperty("sha256"), size, Instant.parse(properties.getProperty("created-at")), metadata.build());
            }
        }
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(target), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return ref(key, target, HexFormat.of().formatHex(digest.digest()), size, Files.getLastModifiedTime(target).toInstant(), ArtifactMetadata.empty());
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
        try {
            return Files.newInputStream(file(key));
        }
        catch (NoSuchFileException e) {
            throw new SlipwayException(ErrorCode.NOT_FOUND, "No artifact " + key.path() + " in " + root);
        }
    }

    @Override
    public List<ArtifactRef> list(String prefix)
            throws IOException
    {
        requireNonNull(prefix, "prefix is null");
        List<ArtifactRef> found = new ArrayList<>();
        Path metadataRoot = root.resolve(METADATA_DIRECTORY);
        if (!Files.isDirectory(metadataRoot)) {
            return found;
        }
        // Keys are read from the metadata files: a file name alone does not say whether the prefix was stripped.
        Files.walkFileTree(metadataRoot, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                if (!file.getFileName().toString().endsWith(METADATA_SUFFIX)) {
                    return FileVisitResult.CONTINUE;
                }
                Properties properties = new Properties();
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                String key = properties.getProperty("key");
                if (key != null && key.startsWith(prefix)) {
                    ArtifactKey artifactKey = ArtifactKey.of(key);
                    Path content = file(artifactKey);
                    if (Files.isRegularFile(content)) {
                        found.add(describe(artifactKey, content));
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort((a, b) -> a.key().compareTo(b.key()));
        return found;
    }

    @Override
    public boolean delete(ArtifactKey key)
            throws IOException
    {
        requireNonNull(key, "key is null");
        synchronized (this) {
            Files.deleteIfExists(metadataFile(key));
            return Files.deleteIfExists(file(key));
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
