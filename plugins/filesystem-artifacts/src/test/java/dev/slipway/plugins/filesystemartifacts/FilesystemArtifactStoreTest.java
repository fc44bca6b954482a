package dev.slipway.plugins.filesystemartifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.testkit.ArtifactStoreContractTest;
import dev.slipway.testkit.TestingExtensionContext;

final class FilesystemArtifactStoreTest
        extends ArtifactStoreContractTest
{
    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(2));

    @Override
    protected ArtifactStoreFactory factory()
    {
        return new FilesystemArtifactStoreFactory();
    }

    @Override
    protected Map<String, ?> validConfig()
    {
        return Map.of("root-directory", root().toString());
    }

    private Path root()
    {
        return temporaryDirectory().resolve("artifacts");
    }

    private FilesystemArtifactStore filesystemStore()
    {
        return (FilesystemArtifactStore) store();
    }

    private static InputStream text(String text)
    {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private String read(ArtifactStore store, ArtifactKey key)
            throws IOException
    {
        try (InputStream in = store.open(key)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private List<Path> files(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private List<Path> blobFiles()
            throws IOException
    {
        return files(root().resolve("blobs"));
    }

    @Test
    void layoutIsBlobsAndOnePointerPerKey()
            throws IOException
    {
        ArtifactRef ref = store().put(ArtifactKey.of("builds/web/output.zip"), text("zip"), ArtifactMetadata.empty());

        assertThat(root().resolve("keys/builds.d/web.d/output.zip.ref")).isRegularFile();
        assertThat(blobFiles()).singleElement().satisfies(blob -> {
            assertThat(blob.getFileName().toString()).startsWith(ref.sha256() + "-");
            assertThat(blob.getParent().getFileName().toString()).isEqualTo(ref.sha256().substring(0, 2));
            assertThat(ref.location()).isEqualTo(blob.toUri().toString());
        });
    }

    @Test
    void replacingAndDeletingLeaveNoContentOrDirectoriesBehind()
            throws IOException
    {
        ArtifactKey key = ArtifactKey.of("cache/deep/path/archive.tar");
        for (int i = 0; i < 5; i++) {
            store().put(key, text("version " + i), ArtifactMetadata.empty());
        }
        assertThat(blobFiles()).hasSize(1);

        assertThat(store().delete(key)).isTrue();

        assertThat(blobFiles()).isEmpty();
        assertThat(files(root().resolve("keys"))).isEmpty();
        assertThat(root().resolve("keys/cache.d")).doesNotExist();
    }

    @Test
    void keysThatLookLikeTheLayoutsOwnNamesStayApart()
            throws IOException
    {
        List<String> keys = List.of("a/b", "a/b.d", "a/b.ref", "a/b.tmp", "a/.b.tmp", "a/b.d/c", "a/b/c", "a/b.ref/c", "a%", "a%25", "a%~1234", "a.d", "a.ref");
        for (String key : keys) {
            store().put(ArtifactKey.of(key), text(key), ArtifactMetadata.empty());
        }

        for (String key : keys) {
            assertThat(read(store(), ArtifactKey.of(key))).isEqualTo(key);
        }
        assertThat(store().list("")).extracting(ref -> ref.key().path()).containsExactlyElementsOf(keys.stream().sorted().toList());
    }

    @Test
    void segmentsTooLongForFileNamesAreStoredUnderHashedNames()
            throws IOException
    {
        String longSegment = "é".repeat(250);
        String similarSegment = "é".repeat(249) + "è";
        StringBuilder longest = new StringBuilder("long");
        while (longest.length() + 101 <= ArtifactKey.MAX_LENGTH) {
            longest.append('/').append("日".repeat(100));
        }
        List<ArtifactKey> keys = List.of(ArtifactKey.of("long/" + longSegment), ArtifactKey.of("long/" + similarSegment),
                ArtifactKey.of("long/" + longSegment + "/below"), ArtifactKey.of(longest.toString()));
        for (ArtifactKey key : keys) {
            store().put(key, text(key.path()), ArtifactMetadata.empty());
        }

        for (ArtifactKey key : keys) {
            assertThat(read(store(), key)).isEqualTo(key.path());
        }
        assertThat(store().list("long/" + "é".repeat(249))).extracting(ArtifactRef::key)
                .containsExactly(ArtifactKey.of("long/" + similarSegment), ArtifactKey.of("long/" + longSegment), ArtifactKey.of("long/" + longSegment + "/below"));
        try (Stream<Path> paths = Files.walk(root())) {
            assertThat(paths).allSatisfy(path -> assertThat(path.getFileName().toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255));
        }
    }

    @Test
    void keysNeverEscapeTheRoot()
            throws IOException
    {
        Path outside = temporaryDirectory().resolve("outside");
        Files.createDirectories(outside);
        List<String> keys = List.of("..a/b", "a../b", ".../x", "%2e%2e/%2e%2e/outside/x", "․․/outside", "~/x", "$HOME/x", "a/..b", "..%2F..%2Foutside");
        for (String key : keys) {
            store().put(ArtifactKey.of(key), text(key), ArtifactMetadata.empty());
        }

        assertThat(files(outside)).isEmpty();
        try (Stream<Path> paths = Files.walk(temporaryDirectory())) {
            assertThat(paths.filter(Files::isRegularFile).filter(path -> !path.startsWith(root())).filter(path -> !path.startsWith(temporaryDirectory().resolve("server-data"))))
                    .isEmpty();
        }
        for (String traversal : List.of("../outside/x", "a/../../outside", "/etc/passwd", "a\\..\\..\\x", "a/./b", "a//b")) {
            assertThatThrownBy(() -> ArtifactKey.of(traversal)).as(traversal).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aPointerThatNamesContentOutsideTheStoreIsRejected()
            throws IOException
    {
        ArtifactKey key = ArtifactKey.of("tampered");
        store().put(key, text("original"), ArtifactMetadata.empty());
        Path pointer = root().resolve("keys/tampered.ref");
        String tampered = Files.readString(pointer).replaceAll("(?m)^blob=.*$", "blob=../../../../etc/passwd");
        Files.writeString(pointer, tampered);

        assertThatThrownBy(() -> store().open(key)).isInstanceOf(IOException.class).hasMessageContaining("damaged").hasMessageContaining("not a blob name");
        assertThatThrownBy(() -> store().find(key)).isInstanceOf(IOException.class).hasMessageContaining("damaged");
    }

    @Test
    void aDamagedPointerIsReportedSkippedByListAndCanBeReplacedOrDeleted()
            throws IOException
    {
        store().put(ArtifactKey.of("good"), text("good"), ArtifactMetadata.empty());
        store().put(ArtifactKey.of("damaged"), text("soon damaged"), ArtifactMetadata.empty());
        Files.write(root().resolve("keys/damaged.ref"), new byte[0]);

        assertThatThrownBy(() -> store().find(ArtifactKey.of("damaged"))).isInstanceOf(IOException.class)
                .hasMessageContaining("keys/damaged.ref is damaged: 'format' is missing");
        assertThat(store().list("")).extracting(ref -> ref.key().path()).containsExactly("good");
        store().put(ArtifactKey.of("damaged"), text("repaired"), ArtifactMetadata.empty());
        assertThat(read(store(), ArtifactKey.of("damaged"))).isEqualTo("repaired");
        Files.writeString(root().resolve("keys/damaged.ref"), "format=1\n");
        assertThat(store().delete(ArtifactKey.of("damaged"))).isTrue();
        assertThat(store().find(ArtifactKey.of("damaged"))).isEmpty();
    }

    @Test
    void contentChangedOnDiskIsDetectedWhenRead()
            throws IOException
    {
        ArtifactKey key = ArtifactKey.of("bitrot");
        store().put(key, text("the original content"), ArtifactMetadata.empty());
        Path blob = blobFiles().get(0);
        Files.writeString(blob, "the 0riginal content");

        assertThatThrownBy(() -> read(store(), key)).isInstanceOf(IOException.class)
                .hasMessageContaining("Artifact 'bitrot' is damaged")
                .hasMessageContaining(blob.toString());
        Files.writeString(blob, "short");
        assertThatThrownBy(() -> store().find(key)).isInstanceOf(IOException.class).hasMessageContaining("has 5");
        Files.delete(blob);
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(IOException.class).hasMessageContaining("is missing");
    }

    @Test
    void leftoversOfInterruptedWritesAreIgnoredAndSweptOnceOld()
            throws IOException
    {
        ArtifactKey key = ArtifactKey.of("builds/kept.zip");
        ArtifactRef kept = store().put(key, text("kept"), ArtifactMetadata.empty());
        awaitBackgroundSweep();
        // What a crash can leave: a half-written blob, a half-written pointer, a blob whose pointer never got written
        // (or whose key was replaced), and an empty key directory.
        Path halfBlob = write(root().resolve("blobs/.incoming-123.tmp"), "half a blob", LONG_AGO);
        Path halfPointer = write(root().resolve("keys/builds.d/.456.tmp"), "format=1\nkey=builds/kept.zip\n", LONG_AGO);
        String orphanSha = "ab".repeat(32);
        Path orphan = write(root().resolve("blobs/ab/" + orphanSha + "-00000000000000ff"), "orphan", LONG_AGO);
        Path emptyDirectory = Files.createDirectories(root().resolve("keys/abandoned.d"));
        Files.setLastModifiedTime(emptyDirectory, FileTime.from(LONG_AGO));
        Path recentOrphan = write(root().resolve("blobs/cd/" + "cd".repeat(32) + "-00000000000000ee"), "a put in progress", Instant.now());
        Files.setLastModifiedTime(blobFiles().stream().filter(path -> path.getFileName().toString().startsWith(kept.sha256())).findFirst().orElseThrow(),
                FileTime.from(LONG_AGO));

        assertThat(store().list("")).extracting(ArtifactRef::key).containsExactly(key);
        assertThat(read(store(), key)).isEqualTo("kept");

        FilesystemArtifactStore.SweepResult result = filesystemStore().sweep(Instant.now().minus(FilesystemArtifactStore.LEFTOVER_AGE));

        assertThat(result).isEqualTo(new FilesystemArtifactStore.SweepResult(2, 1, 1));
        assertThat(halfBlob).doesNotExist();
        assertThat(halfPointer).doesNotExist();
        assertThat(orphan).doesNotExist();
        assertThat(emptyDirectory).doesNotExist();
        assertThat(recentOrphan).as("young leftovers may belong to a write in progress").exists();
        assertThat(read(store(), key)).isEqualTo("kept");
    }

    @Test
    void theSweepKeepsUnreferencedContentWhileAPointerIsDamaged()
            throws IOException
    {
        store().put(ArtifactKey.of("damaged"), text("content"), ArtifactMetadata.empty());
        awaitBackgroundSweep();
        Files.writeString(root().resolve("keys/damaged.ref"), "garbage");
        for (Path blob : blobFiles()) {
            Files.setLastModifiedTime(blob, FileTime.from(LONG_AGO));
        }

        FilesystemArtifactStore.SweepResult result = filesystemStore().sweep(Instant.now());

        assertThat(result.unreferencedBlobs()).isZero();
        assertThat(blobFiles()).hasSize(1);
    }

    @Test
    void theFirstWriteStartsABackgroundSweep()
            throws Exception
    {
        Path oldLeftover = write(root().resolve("blobs/.incoming-789.tmp"), "left over", LONG_AGO);

        store().put(ArtifactKey.of("trigger"), text("x"), ArtifactMetadata.empty());

        awaitBackgroundSweep();
        assertThat(oldLeftover).doesNotExist();
        assertThat(((TestingExtensionContext) extensionContext()).recordingLogger().messages())
                .anySatisfy(message -> assertThat(message).startsWith("Removed leftovers of interrupted writes").contains("1 temporary files"));
    }

    @Test
    void artifactsSurviveANewStoreOnTheSameRoot()
            throws IOException
    {
        ArtifactKey key = ArtifactKey.of("builds/web/42/output.zip");
        ArtifactRef stored = store().put(key, text("persisted"), ArtifactMetadata.builder().contentType("application/zip").attribute("build-id", "web:42").build());
        store().close();

        ArtifactStore reopened = createInstance(validConfig());

        assertThat(reopened.find(key)).hasValue(stored);
        assertThat(read(reopened, key)).isEqualTo("persisted");
        assertThat(reopened.list("builds/")).containsExactly(stored);
        assertThatThrownBy(() -> store().find(key)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void twoStoresOnOneRootRacingOnOneKeyStayConsistent()
            throws Exception
    {
        ArtifactStore other = createInstance(validConfig());
        ArtifactKey key = ArtifactKey.of("shared/key");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ArtifactRef>> puts = List.of(
                    () -> store().put(key, text("a".repeat(100_000)), ArtifactMetadata.empty()),
                    () -> other.put(key, text("b".repeat(120_000)), ArtifactMetadata.empty()),
                    () -> store().put(key, text("c".repeat(140_000)), ArtifactMetadata.empty()),
                    () -> other.put(key, text("d".repeat(160_000)), ArtifactMetadata.empty()));
            for (Future<ArtifactRef> put : threads.invokeAll(puts)) {
                put.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            threads.shutdownNow();
        }

        ArtifactRef found = store().find(key).orElseThrow();
        assertThat(other.find(key)).hasValue(found);
        String content = read(other, key);
        assertThat(content).hasSize((int) found.size()).matches("(a+|b+|c+|d+)");
        // Racing instances may each delete the blob they replaced; at worst a loser's blob is left for the sweep.
        assertThat(blobFiles()).hasSizeBetween(1, 4);
    }

    @Test
    void fsyncFlushesContentPointerAndDirectoriesInCommitOrder()
            throws IOException
    {
        Files.createDirectories(root());
        RecordingFileSync sync = new RecordingFileSync();
        FilesystemArtifactStore store = new FilesystemArtifactStore(root(), sync, Clock.systemUTC(), LoggerFactory.getLogger("test"));
        List<String> firstPut;
        try {
            store.put(ArtifactKey.of("a/b"), text("first"), ArtifactMetadata.empty());
            firstPut = List.copyOf(sync.events());
            store.put(ArtifactKey.of("other"), text("second"), ArtifactMetadata.empty());
            sync.events().clear();
            store.put(ArtifactKey.of("a/b"), text("second"), ArtifactMetadata.empty());
        }
        finally {
            store.close();
        }

        String first = sha256("first").substring(0, 2);
        String second = sha256("second").substring(0, 2);
        assertThat(firstPut).as("a put that creates directories flushes their parents too").containsExactly(
                "directory ", "file", "directory blobs", "directory blobs/" + first,
                "directory ", "directory keys", "file", "directory keys/a.d");
        assertThat(sync.events()).as("content, its name, the pointer, its name: each durable before the next step").containsExactly(
                "file", "directory blobs/" + second, "file", "directory keys/a.d");
    }

    @Test
    void withFsyncOffTheStoreStillWritesAtomicallyAndTheFactoryChoosesNoFlushing()
            throws IOException
    {
        FilesystemArtifactStore unsynced = (FilesystemArtifactStore) createInstance(Map.of("root-directory", root().toString(), "fsync", false));
        FilesystemArtifactStore synced = (FilesystemArtifactStore) createInstance(Map.of("root-directory", root().toString()));

        unsynced.put(ArtifactKey.of("x/y"), text("unsynced"), ArtifactMetadata.empty());
        assertThatThrownBy(() -> unsynced.put(ArtifactKey.of("x/y"), new ByteArrayInputStream(new byte[10]) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length)
            {
                throw new java.io.UncheckedIOException(new IOException("interrupted upload"));
            }
        }, ArtifactMetadata.empty())).hasMessageContaining("interrupted upload");

        assertThat(read(synced, ArtifactKey.of("x/y"))).isEqualTo("unsynced");
        assertThat(unsynced.delete(ArtifactKey.of("x/y"))).isTrue();
        assertThat(unsynced.sync()).hasToString("no fsync");
        assertThat(synced.sync()).hasToString("fsync");
        assertThat(files(root().resolve("blobs"))).isEmpty();
    }

    private final class RecordingFileSync
            implements FileSync
    {
        private final List<String> events = new CopyOnWriteArrayList<>();

        List<String> events()
        {
            return events;
        }

        @Override
        public void file(FileChannel channel)
                throws IOException
        {
            channel.force(true);
            events.add("file");
        }

        @Override
        public void directory(Path directory)
                throws IOException
        {
            FileSync.toDisk().directory(directory);
            events.add("directory " + root().relativize(directory));
        }
    }

    private void awaitBackgroundSweep()
            throws IOException
    {
        filesystemStore().sweeper().ifPresent(thread -> {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertThat(thread.isAlive()).as("the background sweep finished").isFalse();
        });
    }

    private static Path write(Path file, String content, Instant modified)
            throws IOException
    {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static String sha256(String text)
    {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
