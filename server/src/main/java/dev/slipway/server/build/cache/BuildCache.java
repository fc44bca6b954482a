package dev.slipway.server.build.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;
import dev.slipway.api.artifact.ArtifactRef;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreCapability;
import dev.slipway.server.build.artifact.ArchiveStreams;
import dev.slipway.server.build.artifact.ArtifactSpec;
import dev.slipway.server.build.artifact.CollectedFile;
import dev.slipway.server.build.artifact.CollectedFiles;
import dev.slipway.server.build.artifact.FileCollector;
import dev.slipway.server.build.artifact.PathGlob;

import static java.util.Objects.requireNonNull;

/**
 * A build's {@code cache}, kept in an artifact store as gzip-compressed tar archives (symlinks and file modes kept):
 * <ul>
 *   <li>With a {@code key}: entries live under {@code cache/<namespace>/<version>/<key>.tar.gz}, where the version
 *       is a hash of {@code paths} (same key, different paths → a different entry). An entry is created once and
 *       never updated. On restore the key must match exactly; otherwise up to five {@code fallback-keys} are tried
 *       in order, each as a <em>prefix</em> of the entries' keys, the newest entry first.</li>
 *   <li>Without a key: one entry per namespace, {@code cache/<namespace>/project.tar.gz}, replaced by every save;
 *       fallback keys are ignored.</li>
 * </ul>
 * Relative {@code paths} are taken from the source directory, absolute ones ({@code /root/.m2/**}{@code /*}) from
 * wherever the caller maps them; restoring writes every entry back, replacing same-named source files.
 */
public final class BuildCache
{
    public static final int MAX_FALLBACK_KEYS = 5;
    private static final String SOURCE_PREFIX = "src/";
    private static final String ABSOLUTE_PREFIX = "abs/";
    private static final String SUFFIX = ".tar.gz";

    private final ArtifactStore store;
    private final String namespace;
    private final List<String> paths;
    private final Optional<String> key;
    private final List<String> fallbackKeys;
    private final String version;

    /**
     * @param key the evaluated {@code cache.key}, if any
     * @param fallbackKeys the evaluated {@code cache.fallback-keys} (at most {@value #MAX_FALLBACK_KEYS} are used)
     */
    public BuildCache(ArtifactStore store, String namespace, List<String> paths, Optional<String> key, List<String> fallbackKeys)
    {
        this.store = requireNonNull(store, "store is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.paths = List.copyOf(paths);
        this.key = requireNonNull(key, "key is null").filter(value -> !value.isEmpty());
        this.fallbackKeys = List.copyOf(fallbackKeys).subList(0, Math.min(fallbackKeys.size(), MAX_FALLBACK_KEYS));
        this.version = hash(String.join("\n", paths)).substring(0, 16);
    }

    /** @return the hash of {@code paths} that keyed entries are stored under */
    public String version()
    {
        return version;
    }

    public Optional<String> key()
    {
        return key;
    }

    /** Where the cache's files are on the server's disk. */
    public interface Roots
    {
        /** @return the source directory */
        Path sourceDirectory();

        /** @return where an absolute path of the environment is on the server's disk, if it is reachable */
        Optional<Path> hostPath(String absolutePath);
    }

    /** What {@link #restore} did. */
    public record Restored(boolean hit, Optional<String> matchedKey, long size, int files, List<String> messages) {}

    /** What {@link #save} did. */
    public record Saved(boolean saved, long size, int files, Optional<String> reason, List<String> messages) {}

    /**
     * Finds the entry to restore and extracts it.
     *
     * @throws IOException if the store or the disk failed (the caller logs it; a cache never fails a build)
     */
    public Restored restore(Roots roots)
            throws IOException
    {
        List<String> messages = new ArrayList<>();
        Optional<ArtifactRef> entry;
        Optional<String> matchedKey;
        if (key.isEmpty()) {
            entry = store.find(projectEntry());
            matchedKey = Optional.empty();
        }
        else {
            entry = store.find(keyedEntry(key.get()));
            matchedKey = entry.map(found -> key.get());
            for (String fallback : fallbackKeys) {
                if (entry.isPresent()) {
                    break;
                }
                if (!store.capabilities().contains(ArtifactStoreCapability.LIST)) {
                    messages.add("Skipping fallback keys: the cache's artifact store cannot list its entries");
                    break;
                }
                String prefix = keyedPrefix() + encode(fallback);
                entry = store.list(prefix).stream()
                        .filter(ref -> ref.key().path().endsWith(SUFFIX))
                        .max(Comparator.comparing(ArtifactRef::createdAt).thenComparing(ArtifactRef::key));
                matchedKey = entry.map(ref -> decode(ref.key().name().substring(0, ref.key().name().length() - SUFFIX.length())));
            }
        }
        if (entry.isEmpty()) {
            return new Restored(false, Optional.empty(), 0, 0, messages);
        }
        ArtifactRef ref = entry.get();
        int files;
        try (InputStream content = store.open(ref.key())) {
            files = ArchiveStreams.extractTarGz(content, name -> target(name, roots));
        }
        return new Restored(true, matchedKey, ref.size(), files, messages);
    }

    /**
     * Archives {@code paths} and stores them, unless a keyed entry exists already.
     *
     * @throws IOException if the store or the disk failed
     */
    public Saved save(Roots roots)
            throws IOException
    {
        List<String> messages = new ArrayList<>();
        ArtifactKey target = key.map(this::keyedEntry).orElseGet(this::projectEntry);
        if (key.isPresent() && store.find(target).isPresent()) {
            return new Saved(false, 0, 0, Optional.of("an entry for key '" + key.get() + "' exists already; keyed cache entries are never updated"), messages);
        }
        List<CollectedFile> files = new ArrayList<>();
        for (String path : paths) {
            collect(path, roots, files, messages);
        }
        if (files.isEmpty()) {
            return new Saved(false, 0, 0, Optional.of("no files matched cache.paths"), messages);
        }
        files.sort(Comparator.comparing(CollectedFile::archivePath));
        List<CollectedFile> unique = new ArrayList<>();
        for (CollectedFile file : files) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).archivePath().equals(file.archivePath())) {
                unique.add(file);
            }
        }
        ArtifactMetadata metadata = ArtifactMetadata.builder()
                .contentType("application/gzip")
                .attribute("cache-version", version)
                .attribute("cache-key", key.orElse(""))
                .build();
        ArtifactRef ref;
        try (InputStream archive = ArchiveStreams.tarGz(unique)) {
            ref = store.put(target, archive, metadata);
        }
        return new Saved(true, ref.size(), unique.size(), Optional.empty(), messages);
    }

    private void collect(String path, Roots roots, List<CollectedFile> files, List<String> messages)
            throws IOException
    {
        if (!path.startsWith("/")) {
            for (CollectedFile file : collected(roots.sourceDirectory(), path, messages)) {
                files.add(new CollectedFile(SOURCE_PREFIX + file.archivePath(), file.source(), file.linkTarget()));
            }
            return;
        }
        String relative = path.replaceFirst("^/+", "");
        String directory = "/" + PathGlob.compile(relative).literalPrefix();
        Optional<Path> host = roots.hostPath(directory);
        if (host.isEmpty()) {
            messages.add("Skipping cache path " + path + ": " + directory + " is not reachable from the server for this environment");
            return;
        }
        String below = directory.equals("/") ? relative : relative.substring(directory.length());
        below = below.replaceFirst("^/+", "");
        if (below.isEmpty()) {
            below = "**";
        }
        String archivePrefix = ABSOLUTE_PREFIX + (directory.equals("/") ? "" : directory.substring(1) + "/");
        for (CollectedFile file : collected(host.get(), below, messages)) {
            files.add(new CollectedFile(archivePrefix + file.archivePath(), file.source(), file.linkTarget()));
        }
    }

    private static List<CollectedFile> collected(Path root, String pattern, List<String> messages)
            throws IOException
    {
        if (!java.nio.file.Files.isDirectory(root)) {
            return List.of();
        }
        CollectedFiles collected = FileCollector.collect(root, new ArtifactSpec(List.of(pattern), Optional.empty(), false, List.of(), true));
        messages.addAll(collected.warnings());
        return collected.files();
    }

    private static Optional<Path> target(String name, Roots roots)
    {
        if (name.startsWith(SOURCE_PREFIX)) {
            return Optional.of(roots.sourceDirectory().resolve(name.substring(SOURCE_PREFIX.length())));
        }
        if (name.startsWith(ABSOLUTE_PREFIX)) {
            String absolute = "/" + name.substring(ABSOLUTE_PREFIX.length());
            int slash = absolute.lastIndexOf('/');
            String parent = slash <= 0 ? "/" : absolute.substring(0, slash);
            return roots.hostPath(parent).map(directory -> directory.resolve(absolute.substring(slash + 1)));
        }
        return Optional.empty();
    }

    private ArtifactKey projectEntry()
    {
        return ArtifactKey.of("cache/" + encode(namespace) + "/project" + SUFFIX);
    }

    private String keyedPrefix()
    {
        return "cache/" + encode(namespace) + "/" + version + "/";
    }

    private ArtifactKey keyedEntry(String entryKey)
    {
        return ArtifactKey.of(keyedPrefix() + encode(entryKey) + SUFFIX);
    }

    /**
     * Percent-encodes everything but {@code [A-Za-z0-9_-]}, character by character, so that a key is one safe
     * segment and a prefix of a key encodes to a prefix of its encoding (fallback keys are prefix matches).
     */
    static String encode(String text)
    {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                encoded.append(c);
            }
            else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return encoded.toString();
    }

    static String decode(String encoded)
    {
        return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String hash(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
