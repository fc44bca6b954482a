package dev.slipway.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;

/**
 * An {@link ArtifactStore} that keeps artifacts in the heap, for tests of code that uses a store (the build engine,
 * a source provider that writes artifacts). It keeps the full contract of the API (atomic replace, SHA-256 and size,
 * {@code NOT_FOUND}, sorted listing, declining what its capabilities leave out) except that content lives in memory,
 * so it is no place for very large artifacts.
 *
 * <p>For tests of failure handling, {@link #failNextPut(IOException)} makes the next {@code put} fail after reading its
 * content, leaving the store unchanged.
 *
 * @since 0.1
 */
public final class InMemoryArtifactStore
        implements ArtifactStore
{
    private record Stored(byte[] content, ArtifactRef ref) {}

    private final Set<ArtifactStoreCapability> capabilities;
    private final Clock clock;
    private final ConcurrentSkipListMap<ArtifactKey, Stored> artifacts = new ConcurrentSkipListMap<>();
    private final AtomicReference<IOException> nextPutFailure = new AtomicReference<>();
    private volatile boolean closed;

    /** A store with every capability. @since 0.1 */
    public InMemoryArtifactStore()
    {
        this(EnumSet.allOf(ArtifactStoreCapability.class), Clock.systemUTC());
    }

    /** A store that offers only {@code capabilities} and declines the rest with {@code NOT_SUPPORTED}. @since 0.1 */
    public InMemoryArtifactStore(Set<ArtifactStoreCapability> capabilities)
    {
        this(capabilities, Clock.systemUTC());
    }

    /** @param clock gives {@link ArtifactRef#createdAt()} @since 0.1 */
    public InMemoryArtifactStore(Set<ArtifactStoreCapability> capabilities, Clock clock)
    {
        Objects.requireNonNull(capabilities, "capabilities is null");
        this.capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        this.clock = Objects.requireNonNull(clock, "clock is null");
    }

    @Override
    public Set<ArtifactStoreCapability> capabilities()
    {
        return capabilities;
    }

    @Override
    public ArtifactRef put(ArtifactKey key, InputStream content, ArtifactMetadata metadata)
            throws IOException
    {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(content, "content is null");
        Objects.requireNonNull(metadata, "metadata is null");
        ensureOpen();
        MessageDigest digest = Sha256.newDigest();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        for (int read = content.read(chunk); read != -1; read = content.read(chunk)) {
            digest.update(chunk, 0, read);
            buffer.write(chunk, 0, read);
        }
        IOException failure = nextPutFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        byte[] bytes = buffer.toByteArray();
        ArtifactRef ref = ArtifactRef.builder(key)
                .size(bytes.length)
                .sha256(Sha256.hex(digest))
                .createdAt(clock.instant())
                .location(location(key))
                .metadata(metadata)
                .build();
        artifacts.put(key, new Stored(bytes, ref));
        return ref;
    }

    @Override
    public Optional<ArtifactRef> find(ArtifactKey key)
    {
        Objects.requireNonNull(key, "key is null");
        ensureOpen();
        return Optional.ofNullable(artifacts.get(key)).map(Stored::ref);
    }

    @Override
    public InputStream open(ArtifactKey key)
    {
        Objects.requireNonNull(key, "key is null");
        ensureOpen();
        Stored stored = artifacts.get(key);
        if (stored == null) {
            throw new SlipwayException(ErrorCode.NOT_FOUND, "No artifact is stored under key '" + key + "' in this in-memory store");
        }
        return new ByteArrayInputStream(stored.content());
    }

    @Override
    public List<ArtifactRef> list(String prefix)
            throws IOException
    {
        Objects.requireNonNull(prefix, "prefix is null");
        ensureOpen();
        if (!capabilities.contains(ArtifactStoreCapability.LIST)) {
            return ArtifactStore.super.list(prefix);
        }
        List<ArtifactRef> refs = new ArrayList<>();
        for (Map.Entry<ArtifactKey, Stored> entry : artifacts.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                refs.add(entry.getValue().ref());
            }
        }
        return refs;
    }

    @Override
    public boolean delete(ArtifactKey key)
            throws IOException
    {
        Objects.requireNonNull(key, "key is null");
        ensureOpen();
        if (!capabilities.contains(ArtifactStoreCapability.DELETE)) {
            return ArtifactStore.super.delete(key);
        }
        return artifacts.remove(key) != null;
    }

    /** The next {@code put} reads its content and then throws {@code failure}, storing nothing. @since 0.1 */
    public void failNextPut(IOException failure)
    {
        nextPutFailure.set(Objects.requireNonNull(failure, "failure is null"));
    }

    /** @return the keys stored, sorted @since 0.1 */
    public List<ArtifactKey> keys()
    {
        return List.copyOf(artifacts.keySet());
    }

    /** @return the content stored under {@code key}, or empty @since 0.1 */
    public Optional<byte[]> content(ArtifactKey key)
    {
        return Optional.ofNullable(artifacts.get(key)).map(stored -> stored.content().clone());
    }

    /** @return true once {@link #close()} was called @since 0.1 */
    public boolean isClosed()
    {
        return closed;
    }

    /** Marks the store closed; later calls throw {@link IllegalStateException}. Idempotent. @since 0.1 */
    @Override
    public void close()
    {
        closed = true;
    }

    private void ensureOpen()
    {
        if (closed) {
            throw new IllegalStateException("This in-memory artifact store is closed");
        }
    }

    // A URI that names the key, so that two artifacts never share a location.
    private static String location(ArtifactKey key)
    {
        try {
            return new URI("memory", null, "/" + key.path(), null).toASCIIString();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("An artifact key always forms a URI path: " + key, e);
        }
    }

    @Override
    public String toString()
    {
        return "InMemoryArtifactStore[" + artifacts.size() + " artifacts, capabilities " + capabilities + "]";
    }
}
