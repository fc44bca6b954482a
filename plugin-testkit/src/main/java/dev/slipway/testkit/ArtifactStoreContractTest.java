package dev.slipway.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;
import dev.slipway.api.artifact.ArtifactStoreFactory;

/**
 * The contract every {@link ArtifactStore} keeps (a TCK, in the manner of Trino's {@code BaseConnectorTest}). A store's
 * test extends this class and names its factory and a working configuration; every capability is assumed unless the
 * subclass says otherwise, and for a capability it lacks the suite asserts the exact {@code NOT_SUPPORTED} error.
 *
 * <pre>{@code
 * final class S3ArtifactStoreTest extends ArtifactStoreContractTest {
 *     @Override protected ArtifactStoreFactory factory() { return new S3ArtifactStoreFactory(); }
 *     @Override protected Map<String, ?> validConfig() { return Map.of("bucket", bucket, "endpoint", s3proxy.url()); }
 *     @Override protected boolean hasCapability(ArtifactStoreCapability capability) {
 *         return switch (capability) {
 *             case DELETE -> false;
 *             default -> super.hasCapability(capability);
 *         };
 *     }
 * }
 * }</pre>
 *
 * <p>What it checks, besides the factory hygiene of {@link ExtensionFactoryContractTest}: put, find and open round
 * trips with the right size, SHA-256 and metadata; replacing; {@code find} of a missing key is empty and {@code open}
 * of one throws {@code NOT_FOUND}; a put whose content fails half-way leaves the previous artifact (or nothing); puts
 * racing on one key end with one complete artifact, and readers never see a mix; keys with unicode, deep paths, the
 * longest length, and keys below other keys; a large artifact ({@link #largeArtifactSize()}, 64 MiB) streams through
 * without being held in memory; {@code list} is sorted and exact (or declines); {@code delete} (or declines); put does
 * not close the caller's stream.
 *
 * <p>All keys of a test live under a random prefix ({@link #key}), so the suite also works against a shared bucket.
 *
 * @since 0.1
 */
public abstract class ArtifactStoreContractTest
        extends ExtensionFactoryContractTest<ArtifactStore>
{
    private static final long MIB = 1024 * 1024;
    private static final Duration CONCURRENCY_TIMEOUT = Duration.ofSeconds(60);

    private final String namespace = "contract/" + UUID.randomUUID().toString().substring(0, 8);
    private ArtifactStore store;

    @Override
    protected abstract ArtifactStoreFactory factory();

    /**
     * Whether the store offers {@code capability}. Every capability is assumed; override to say what the store cannot
     * do (use {@code default -> super.hasCapability(capability)}, never an exhaustive switch).
     *
     * @since 0.1
     */
    protected boolean hasCapability(ArtifactStoreCapability capability)
    {
        return true;
    }

    /**
     * Whether content streams through the store without being held in the heap. True unless the subclass says
     * otherwise (an in-memory store does).
     *
     * @since 0.1
     */
    protected boolean streamsContent()
    {
        return true;
    }

    /** @return the size of the large-artifact test, 64 MiB by default @since 0.1 */
    protected long largeArtifactSize()
    {
        return 64 * MIB;
    }

    /** @return the store under test, created from {@link #validConfig()} on first use @since 0.1 */
    protected final ArtifactStore store()
    {
        if (store == null) {
            store = createInstance(validConfig());
        }
        return store;
    }

    /** @return a key below this test's random prefix, e.g. {@code contract/1a2b3c4d/<relative>} @since 0.1 */
    protected final ArtifactKey key(String relative)
    {
        return ArtifactKey.of(namespace + "/" + relative);
    }

    /** @return this test's key prefix, ending with {@code /} @since 0.1 */
    protected final String keyPrefix()
    {
        return namespace + "/";
    }

    @Test
    void capabilitiesAreTheDeclaredOnes()
    {
        for (ArtifactStoreCapability capability : ArtifactStoreCapability.values()) {
            assertThat(store().capabilities().contains(capability))
                    .as("capabilities() contains %s, as hasCapability(%s) says", capability, capability)
                    .isEqualTo(hasCapability(capability));
        }
    }

    @Test
    void putThenFindAndOpenReturnWhatWasStored()
            throws IOException
    {
        ArtifactKey key = key("round-trip/output.zip");
        byte[] content = new GeneratedContent(300_000, 1).bytes();
        ArtifactMetadata metadata = ArtifactMetadata.builder()
                .contentType("application/zip")
                .attribute("build-id", "web:1b2c3d")
                .attribute("note", "grüße, 日本")
                .build();
        Instant before = Instant.now();

        ArtifactRef stored = store().put(key, new ByteArrayInputStream(content), metadata);

        assertThat(stored.key()).isEqualTo(key);
        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(Sha256.hex(content));
        assertThat(stored.metadata()).isEqualTo(metadata);
        assertThat(stored.location()).isNotBlank();
        assertThat(stored.createdAt()).isBetween(before.minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));

        ArtifactRef found = store().find(key).orElseThrow(() -> new AssertionError("find() did not find the artifact just stored"));
        assertThat(found.key()).isEqualTo(key);
        assertThat(found.size()).isEqualTo(content.length);
        assertThat(found.sha256()).isEqualTo(stored.sha256());
        assertThat(found.metadata()).isEqualTo(metadata);
        assertThat(readAll(key)).isEqualTo(content);
    }

    @Test
    void emptyArtifactIsStored()
            throws IOException
    {
        ArtifactKey key = key("empty");
        ArtifactRef stored = store().put(key, InputStream.nullInputStream(), ArtifactMetadata.empty());

        assertThat(stored.size()).isZero();
        assertThat(stored.sha256()).isEqualTo(Sha256.hex(new byte[0]));
        assertThat(store().find(key)).hasValueSatisfying(found -> assertThat(found.size()).isZero());
        assertThat(readAll(key)).isEmpty();
    }

    @Test
    void putReplacesTheArtifactUnderTheSameKey()
            throws IOException
    {
        ArtifactKey key = key("replaced");
        store().put(key, new GeneratedContent(10_000, 1).stream(), ArtifactMetadata.builder().attribute("version", "1").build());
        byte[] second = new GeneratedContent(7_000, 2).bytes();

        ArtifactRef replaced = store().put(key, new ByteArrayInputStream(second), ArtifactMetadata.builder().attribute("version", "2").build());

        assertThat(replaced.sha256()).isEqualTo(Sha256.hex(second));
        assertThat(store().find(key)).hasValueSatisfying(found -> {
            assertThat(found.size()).isEqualTo(second.length);
            assertThat(found.sha256()).isEqualTo(Sha256.hex(second));
            assertThat(found.metadata().attributes()).containsExactly(Map.entry("version", "2"));
        });
        assertThat(readAll(key)).isEqualTo(second);
    }

    @Test
    void putDoesNotCloseTheCallersStreamAndReadsItToTheEnd()
            throws IOException
    {
        AtomicBoolean closed = new AtomicBoolean();
        AtomicBoolean reachedEnd = new AtomicBoolean();
        InputStream content = new FilterInputStream(new GeneratedContent(50_000, 3).stream())
        {
            @Override
            public int read(byte[] buffer, int offset, int length)
                    throws IOException
            {
                int read = super.read(buffer, offset, length);
                reachedEnd.compareAndSet(false, read == -1);
                return read;
            }

            @Override
            public void close()
                    throws IOException
            {
                closed.set(true);
                super.close();
            }
        };

        ArtifactRef stored = store().put(key("stream-ownership"), content, ArtifactMetadata.empty());

        assertThat(stored.size()).isEqualTo(50_000);
        assertThat(reachedEnd).as("the content was read to its end").isTrue();
        assertThat(closed).as("the caller's stream was closed by put(), which must leave that to the caller").isFalse();
    }

    @Test
    void findOfAMissingKeyIsEmpty()
            throws IOException
    {
        assertThat(store().find(key("never-stored"))).isEmpty();
    }

    @Test
    void openOfAMissingKeyThrowsNotFound()
    {
        ArtifactKey missing = key("never-stored");
        assertThatThrownBy(() -> store().open(missing).close())
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining(missing.path());
    }

    @Test
    void failedPutLeavesThePreviousArtifact()
            throws IOException
    {
        ArtifactKey key = key("survives-failed-put");
        GeneratedContent original = new GeneratedContent(100_000, 4);
        ArtifactRef stored = store().put(key, original.stream(), ArtifactMetadata.builder().attribute("version", "1").build());

        assertThatThrownBy(() -> store().put(key, new GeneratedContent(1_000_000, 5).failingAfter(300_000), ArtifactMetadata.builder().attribute("version", "2").build()))
                .isInstanceOf(IOException.class);

        assertThat(store().find(key)).hasValueSatisfying(found -> {
            assertThat(found.sha256()).isEqualTo(stored.sha256());
            assertThat(found.size()).isEqualTo(stored.size());
            assertThat(found.metadata().attributes()).containsEntry("version", "1");
        });
        assertThat(Sha256.hex(readAll(key))).isEqualTo(original.sha256());
    }

    @Test
    void failedPutOfANewKeyLeavesNothing()
            throws IOException
    {
        ArtifactKey key = key("failed/new");

        assertThatThrownBy(() -> store().put(key, new GeneratedContent(1_000_000, 6).failingAfter(200_000), ArtifactMetadata.empty()))
                .isInstanceOf(IOException.class);

        assertThat(store().find(key)).isEmpty();
        assertThatThrownBy(() -> store().open(key).close())
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        if (hasCapability(ArtifactStoreCapability.LIST)) {
            assertThat(store().list(keyPrefix() + "failed/")).isEmpty();
        }
    }

    @Test
    @Timeout(value = 120)
    void concurrentPutsToOneKeyEndWithOneCompleteArtifactAndReadersNeverSeeAMix()
            throws Exception
    {
        ArtifactKey key = key("contended");
        int writers = 6;
        List<GeneratedContent> contents = new ArrayList<>();
        Set<String> candidates = new HashSet<>();
        for (int i = 0; i < writers; i++) {
            GeneratedContent content = new GeneratedContent(200_000 + 10_000L * i, 100 + i);
            contents.add(content);
            candidates.add(content.sha256());
        }
        ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
        try {
            for (int round = 0; round < 3; round++) {
                CountDownLatch start = new CountDownLatch(1);
                AtomicBoolean writing = new AtomicBoolean(true);
                Set<String> seenByReaders = ConcurrentHashMap.newKeySet();
                List<Future<?>> puts = new ArrayList<>();
                for (GeneratedContent content : contents) {
                    puts.add(threads.submit(() -> {
                        start.await();
                        return store().put(key, content.stream(), ArtifactMetadata.empty());
                    }));
                }
                List<Future<?>> readers = new ArrayList<>();
                for (int reader = 0; reader < 2; reader++) {
                    readers.add(threads.submit(() -> {
                        start.await();
                        while (writing.get()) {
                            try (InputStream in = store().open(key)) {
                                seenByReaders.add(sha256(in));
                            }
                            catch (SlipwayException e) {
                                if (!e.errorCode().equals(ErrorCode.NOT_FOUND)) {
                                    throw e;
                                }
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> put : puts) {
                    put.get(CONCURRENCY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
                writing.set(false);
                for (Future<?> reader : readers) {
                    reader.get(CONCURRENCY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }

                assertThat(candidates).as("every content a reader saw in round %s was one complete put", round).containsAll(seenByReaders);
                ArtifactRef found = store().find(key).orElseThrow(() -> new AssertionError("no artifact after the concurrent puts"));
                assertThat(candidates).contains(found.sha256());
                assertThat(sha256(readAllStream(key))).as("content matches the SHA-256 that find() reports").isEqualTo(found.sha256());
                assertThat(found.size()).isEqualTo(contents.stream().filter(content -> content.sha256().equals(found.sha256())).findFirst().orElseThrow().size());
            }
        }
        finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).as("test threads ended").isTrue();
        }
    }

    @Test
    void keysWithUnicodeSpecialCharactersAndDeepPathsAreDistinct()
            throws IOException
    {
        List<String> relativeKeys = new ArrayList<>(List.of(
                "unicode/wébsite/日本語/ünïcödé 名前.zip",
                "unicode/emoji-😀/räksmörgås",
                "special/space name",
                "special/.hidden",
                "special/dots...",
                "special/...",
                "special/percent%2F%2e%2e",
                "special/plus+amp&eq=hash#question?",
                "special/~tilde$dollar'quote\"double",
                "special/colon:semicolon;comma,",
                "special/UPPER",
                "special/upper"));
        StringBuilder deep = new StringBuilder("deep");
        for (int i = 0; i < 40; i++) {
            deep.append("/level-").append(i);
        }
        relativeKeys.add(deep.toString());
        for (int i = 0; i < relativeKeys.size(); i++) {
            store().put(key(relativeKeys.get(i)), new GeneratedContent(1_000 + i, 200 + i).stream(), ArtifactMetadata.builder().attribute("index", String.valueOf(i)).build());
        }
        for (int i = 0; i < relativeKeys.size(); i++) {
            ArtifactKey key = key(relativeKeys.get(i));
            int index = i;
            assertThat(store().find(key)).as("find(%s)", key).hasValueSatisfying(found -> {
                assertThat(found.key()).isEqualTo(key);
                assertThat(found.metadata().attributes()).containsEntry("index", String.valueOf(index));
            });
            assertThat(Sha256.hex(readAll(key))).as("content of %s", key).isEqualTo(new GeneratedContent(1_000 + i, 200 + i).sha256());
        }
        if (hasCapability(ArtifactStoreCapability.LIST)) {
            assertThat(store().list(keyPrefix()))
                    .extracting(ArtifactRef::key)
                    .containsExactlyElementsOf(relativeKeys.stream().map(this::key).sorted().toList());
        }
    }

    @Test
    void keysBelowOtherKeysAreStoredSideBySide()
            throws IOException
    {
        List<String> relativeKeys = List.of("nested/a", "nested/a/b", "nested/a/b/c", "nested/a.b", "nested/ab");
        for (String relative : relativeKeys) {
            store().put(key(relative), new ByteArrayInputStream(relative.getBytes(StandardCharsets.UTF_8)), ArtifactMetadata.empty());
        }
        for (String relative : relativeKeys) {
            assertThat(new String(readAll(key(relative)), StandardCharsets.UTF_8)).isEqualTo(relative);
        }
        if (hasCapability(ArtifactStoreCapability.DELETE)) {
            assertThat(store().delete(key("nested/a"))).isTrue();
            assertThat(store().find(key("nested/a"))).isEmpty();
            assertThat(new String(readAll(key("nested/a/b")), StandardCharsets.UTF_8)).isEqualTo("nested/a/b");
            assertThat(new String(readAll(key("nested/a/b/c")), StandardCharsets.UTF_8)).isEqualTo("nested/a/b/c");
        }
    }

    @Test
    void theLongestKeyIsStored()
            throws IOException
    {
        StringBuilder relative = new StringBuilder("long");
        int budget = ArtifactKey.MAX_LENGTH - keyPrefix().length();
        while (relative.length() < budget) {
            int segment = Math.min(200, budget - relative.length() - 1);
            if (segment < 1) {
                break;
            }
            relative.append('/').append("k".repeat(segment));
        }
        ArtifactKey key = key(relative.toString());
        assertThat(key.path()).hasSizeBetween(ArtifactKey.MAX_LENGTH - 1, ArtifactKey.MAX_LENGTH);

        store().put(key, new GeneratedContent(5_000, 7).stream(), ArtifactMetadata.empty());

        assertThat(store().find(key)).hasValueSatisfying(found -> assertThat(found.key()).isEqualTo(key));
        assertThat(Sha256.hex(readAll(key))).isEqualTo(new GeneratedContent(5_000, 7).sha256());
    }

    @Test
    @Timeout(value = 300)
    void largeArtifactStreamsThroughWithoutBeingHeldInMemory()
            throws IOException
    {
        long size = largeArtifactSize();
        GeneratedContent content = new GeneratedContent(size, 8);
        String expectedSha256 = content.sha256();
        ArtifactKey key = key("large.bin");
        boolean measure = streamsContent() && HeapProbe.canMeasure();
        long baseline = measure ? HeapProbe.usedAfterFullCollection() : 0;
        AtomicLong whilePutting = new AtomicLong(-1);
        long probeAt = size * 3 / 4;

        ArtifactRef stored = store().put(key, content.observed(position -> {
            if (measure && whilePutting.get() < 0 && position >= probeAt) {
                whilePutting.set(HeapProbe.usedAfterFullCollection());
            }
        }), ArtifactMetadata.empty());

        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.sha256()).isEqualTo(expectedSha256);
        long whileReading = -1;
        MessageDigest digest = Sha256.newDigest();
        long read = 0;
        try (InputStream in = store().open(key)) {
            byte[] buffer = new byte[64 * 1024];
            for (int count = in.read(buffer); count != -1; count = in.read(buffer)) {
                digest.update(buffer, 0, count);
                read += count;
                if (measure && whileReading < 0 && read >= probeAt) {
                    whileReading = HeapProbe.usedAfterFullCollection();
                }
            }
        }
        assertThat(read).isEqualTo(size);
        assertThat(Sha256.hex(digest)).isEqualTo(expectedSha256);
        if (measure) {
            long allowed = size / 2;
            assertThat(whilePutting.get() - baseline)
                    .as("live heap growth three quarters into put() of %s MiB (buffering instead of streaming?)", size / MIB)
                    .isLessThan(allowed);
            assertThat(whileReading - baseline)
                    .as("live heap growth three quarters into reading %s MiB from open() (buffering instead of streaming?)", size / MIB)
                    .isLessThan(allowed);
        }
    }

    @Test
    void listReturnsTheArtifactsUnderAPrefixSortedByKey()
            throws IOException
    {
        List<String> relativeKeys = List.of("list/b", "list/a/2", "list/a", "list/ab", "list/a/1", "listing", "other/1");
        for (String relative : relativeKeys) {
            store().put(key(relative), new GeneratedContent(relative.length(), relative.hashCode()).stream(), ArtifactMetadata.builder().attribute("key", relative).build());
        }
        if (!hasCapability(ArtifactStoreCapability.LIST)) {
            assertDeclined(() -> store().list(keyPrefix()), "list");
            return;
        }

        assertThat(store().list(keyPrefix() + "list/")).extracting(ArtifactRef::key)
                .containsExactly(key("list/a"), key("list/a/1"), key("list/a/2"), key("list/ab"), key("list/b"));
        assertThat(store().list(keyPrefix() + "list/a")).extracting(ArtifactRef::key)
                .containsExactly(key("list/a"), key("list/a/1"), key("list/a/2"), key("list/ab"));
        assertThat(store().list(keyPrefix() + "list")).extracting(ArtifactRef::key)
                .containsExactly(key("list/a"), key("list/a/1"), key("list/a/2"), key("list/ab"), key("list/b"), key("listing"));
        List<ArtifactRef> all = store().list(keyPrefix());
        assertThat(all).extracting(ArtifactRef::key).isSortedAccordingTo(Comparator.naturalOrder()).hasSize(relativeKeys.size());
        for (ArtifactRef listed : all) {
            ArtifactRef found = store().find(listed.key()).orElseThrow();
            assertThat(listed.size()).isEqualTo(found.size());
            assertThat(listed.sha256()).isEqualTo(found.sha256());
            assertThat(listed.metadata()).isEqualTo(found.metadata());
        }
        assertThat(store().list(keyPrefix() + "no-such-prefix/")).isEmpty();
        assertThat(store().list(namespace + "-not-this-test/")).isEmpty();
    }

    @Test
    void deleteRemovesTheArtifact()
            throws IOException
    {
        ArtifactKey key = key("deleted");
        store().put(key, new GeneratedContent(10_000, 9).stream(), ArtifactMetadata.empty());
        if (!hasCapability(ArtifactStoreCapability.DELETE)) {
            assertDeclined(() -> store().delete(key), "delete");
            assertThat(store().find(key)).isPresent();
            return;
        }

        assertThat(store().delete(key)).isTrue();

        assertThat(store().find(key)).isEmpty();
        assertThatThrownBy(() -> store().open(key).close())
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(store().delete(key)).as("a second delete finds nothing").isFalse();
        if (hasCapability(ArtifactStoreCapability.LIST)) {
            assertThat(store().list(keyPrefix())).isEmpty();
        }
        store().put(key, new GeneratedContent(10, 10).stream(), ArtifactMetadata.empty());
        assertThat(store().find(key)).as("the key can be used again").hasValueSatisfying(found -> assertThat(found.size()).isEqualTo(10));
    }

    @Test
    void deleteOfAMissingKeyReturnsFalse()
            throws IOException
    {
        if (!hasCapability(ArtifactStoreCapability.DELETE)) {
            assertDeclined(() -> store().delete(key("never-stored")), "delete");
            return;
        }
        assertThat(store().delete(key("never-stored"))).isFalse();
    }

    @Test
    void anotherInstanceWithTheSameConfigurationSeesTheArtifacts()
            throws IOException
    {
        assumeTrue(sharesArtifactsBetweenInstances(), "instances of this store do not share artifacts");
        ArtifactKey key = key("shared");
        store().put(key, new GeneratedContent(20_000, 11).stream(), ArtifactMetadata.empty());

        ArtifactStore other = createInstance(validConfig());

        assertThat(other.find(key)).hasValueSatisfying(found -> assertThat(found.size()).isEqualTo(20_000));
        try (InputStream in = other.open(key)) {
            assertThat(sha256(in)).isEqualTo(new GeneratedContent(20_000, 11).sha256());
        }
    }

    /**
     * Whether two instances created from {@link #validConfig()} see the same artifacts, as two servers (or a restart)
     * using the same bucket or directory would. True unless the subclass says otherwise.
     *
     * @since 0.1
     */
    protected boolean sharesArtifactsBetweenInstances()
    {
        return true;
    }

    /** Reads the whole artifact under {@code key}. @since 0.1 */
    protected final byte[] readAll(ArtifactKey key)
            throws IOException
    {
        try (InputStream in = store().open(key)) {
            return in.readAllBytes();
        }
    }

    private InputStream readAllStream(ArtifactKey key)
            throws IOException
    {
        return new ByteArrayInputStream(readAll(key));
    }

    private static String sha256(InputStream in)
            throws IOException
    {
        MessageDigest digest = Sha256.newDigest();
        byte[] buffer = new byte[64 * 1024];
        for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
            digest.update(buffer, 0, read);
        }
        return Sha256.hex(digest);
    }

    private interface Call
    {
        Object call()
                throws Exception;
    }

    private static void assertDeclined(Call call, String operation)
    {
        assertThatThrownBy(call::call)
                .as("%s without the capability", operation)
                .isInstanceOfSatisfying(SlipwayException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.NOT_SUPPORTED));
    }
}
