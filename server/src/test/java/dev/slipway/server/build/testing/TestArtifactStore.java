package dev.slipway.server.build.testing;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;

/**
 * A small in-memory artifact store for engine tests (the plugin test kit gets an {@code InMemoryArtifactStore}
 * later). Creation times come from a counter, so "newest" is the order of puts.
 */
public final class TestArtifactStore
        implements ArtifactStore
{
    private record Entry(ArtifactRef ref, byte[] content) {}

    private final ConcurrentSkipListMap<ArtifactKey, Entry> entries = new ConcurrentSkipListMap<>();
    private final AtomicLong tick = new AtomicLong();
    private final Set<ArtifactStoreCapability> capabilities;
    private final Instant epoch = Clock.systemUTC().instant();
    private volatile int puts;

    public TestArtifactStore()
    {
        this(EnumSet.allOf(ArtifactStoreCapability.class));
    }

    public TestArtifactStore(Set<ArtifactStoreCapability> capabilities)
    {
        this.capabilities = Set.copyOf(capabilities);
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
        byte[] bytes = content.readAllBytes();
        ArtifactRef ref = ArtifactRef.builder(key)
                .size(bytes.length)
                .sha256(sha256(bytes))
                .createdAt(epoch.plusMillis(tick.incrementAndGet()))
                .location("memory:///" + key.path())
                .metadata(metadata)
                .build();
        entries.put(key, new Entry(ref, bytes));
        puts++;
        return ref;
    }

    @Override
    public Optional<ArtifactRef> find(ArtifactKey key)
    {
        return Optional.ofNullable(entries.get(key)).map(Entry::ref);
    }

    @Override
    public InputStream open(ArtifactKey key)
    {
        Entry entry = entries.get(key);
        if (entry == null) {
            throw new SlipwayException(ErrorCode.NOT_FOUND, "No artifact " + key);
        }
        return new java.io.ByteArrayInputStream(entry.content());
    }

    @Override
    public List<ArtifactRef> list(String prefix)
            throws IOException
    {
        if (!capabilities.contains(ArtifactStoreCapability.LIST)) {
            return ArtifactStore.super.list(prefix);
        }
        return entries.values().stream().map(Entry::ref).filter(ref -> ref.key().startsWith(prefix)).toList();
    }

    @Override
    public boolean delete(ArtifactKey key)
    {
        return entries.remove(key) != null;
    }

    public byte[] content(String key)
    {
        Entry entry = entries.get(ArtifactKey.of(key));
        if (entry == null) {
            throw new AssertionError("No artifact " + key + "; the store has " + entries.keySet());
        }
        return entry.content();
    }

    public List<String> keys()
    {
        return entries.keySet().stream().map(ArtifactKey::path).toList();
    }

    public int puts()
    {
        return puts;
    }

    private static String sha256(byte[] bytes)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
