package dev.slipway.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.source.FetchRequest;
import dev.slipway.api.source.Revision;
import dev.slipway.api.source.RevisionRequest;
import dev.slipway.api.source.SourceContext;
import dev.slipway.api.source.SourceProvider;

/**
 * A {@link SourceProvider} over an in-memory repository of branches, tags and commits, for tests of code that
 * resolves and fetches sources. Thread-safe.
 *
 * <pre>{@code
 * FakeSourceProvider source = new FakeSourceProvider();
 * Revision first = source.commit("main", Map.of("buildspec.yml", "version: 0.2\n…"));
 * source.tag("v1", first);
 * assertThat(source.resolve(TestingRevisionRequest.of("v1"), TestingSourceContext.create()).id()).isEqualTo(first.id());
 * }</pre>
 *
 * <p>A version resolves, in this order, as a branch, a tag, a full commit id, or an unambiguous commit id prefix of at
 * least 7 characters; the default version is the default branch ({@code main}). Commit ids are 40 hex digits derived
 * from the tree and the parent, as in git. {@link #failResolves} and {@link #failFetches} make the next calls fail with
 * an {@link IOException}, as an unreachable source would.
 *
 * @since 0.1
 */
public final class FakeSourceProvider
        implements SourceProvider
{
    private record Commit(String id, Optional<String> parent, SourceTree tree) {}

    private final String url;
    private final Object lock = new Object();
    private final Map<String, Commit> commits = new LinkedHashMap<>();
    private final Map<String, String> branches = new TreeMap<>();
    private final Map<String, String> tags = new TreeMap<>();
    private final List<Optional<String>> resolved = new CopyOnWriteArrayList<>();
    private final List<Revision> fetched = new CopyOnWriteArrayList<>();
    private final AtomicReference<IOException> resolveFailure = new AtomicReference<>();
    private final AtomicReference<IOException> fetchFailure = new AtomicReference<>();
    private String defaultBranch = "main";
    private volatile int closeCount;

    /** A repository at {@code fake://repository}. @since 0.1 */
    public FakeSourceProvider()
    {
        this("fake://repository");
    }

    /** @param url what {@link Revision#url()} reports @since 0.1 */
    public FakeSourceProvider(String url)
    {
        this.url = Objects.requireNonNull(url, "url is null");
    }

    /** Commits text files (UTF-8) as the new head of {@code branch}, creating the branch if needed. @since 0.1 */
    public Revision commit(String branch, Map<String, String> files)
    {
        return commit(branch, SourceTree.of(files));
    }

    /** Commits {@code tree} as the new head of {@code branch}, creating the branch if needed. @since 0.1 */
    public Revision commit(String branch, SourceTree tree)
    {
        Objects.requireNonNull(branch, "branch is null");
        Objects.requireNonNull(tree, "tree is null");
        synchronized (lock) {
            Optional<String> parent = Optional.ofNullable(branches.get(branch));
            String id = commitId(parent, tree);
            commits.putIfAbsent(id, new Commit(id, parent, tree));
            branches.put(branch, id);
            return Revision.of(id).withRef(branch).withUrl(url);
        }
    }

    /** Points tag {@code name} at {@code revision}, which must be a commit of this repository. @since 0.1 */
    public void tag(String name, Revision revision)
    {
        Objects.requireNonNull(name, "name is null");
        synchronized (lock) {
            if (!commits.containsKey(revision.id())) {
                throw new IllegalArgumentException("Revision " + revision.id() + " is not a commit of " + url);
            }
            tags.put(name, revision.id());
        }
    }

    /** Makes {@code branch} the default version (initially {@code main}). @since 0.1 */
    public void defaultBranch(String branch)
    {
        synchronized (lock) {
            this.defaultBranch = Objects.requireNonNull(branch, "branch is null");
        }
    }

    /** The next {@code resolve} throws {@code failure} (once). @since 0.1 */
    public void failResolves(IOException failure)
    {
        resolveFailure.set(Objects.requireNonNull(failure, "failure is null"));
    }

    /** The next {@code fetch} throws {@code failure} (once), writing nothing. @since 0.1 */
    public void failFetches(IOException failure)
    {
        fetchFailure.set(Objects.requireNonNull(failure, "failure is null"));
    }

    @Override
    public Revision resolve(RevisionRequest request, SourceContext context)
            throws IOException
    {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(context, "context is null");
        resolved.add(request.version());
        IOException failure = resolveFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        synchronized (lock) {
            String version = request.version().orElse(defaultBranch);
            String id = branches.get(version);
            if (id == null) {
                id = tags.get(version);
            }
            if (id == null && commits.containsKey(version)) {
                id = version;
            }
            if (id == null && version.length() >= 7) {
                List<String> matches = commits.keySet().stream().filter(commit -> commit.startsWith(version)).toList();
                if (matches.size() > 1) {
                    throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "Version '" + version + "' is ambiguous in " + url + ": it matches commits " + matches);
                }
                id = matches.isEmpty() ? null : matches.get(0);
            }
            if (id == null) {
                throw new SlipwayException(ErrorCode.NOT_FOUND, "Version '" + version + "' does not exist in " + url
                        + "; branches: " + branches.keySet() + ", tags: " + tags.keySet());
            }
            return Revision.of(id).withRef(version).withUrl(url);
        }
    }

    @Override
    public void fetch(FetchRequest request, SourceContext context)
            throws IOException
    {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(context, "context is null");
        fetched.add(request.revision());
        IOException failure = fetchFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        Commit commit;
        synchronized (lock) {
            commit = commits.get(request.revision().id());
        }
        if (commit == null) {
            throw new SlipwayException(ErrorCode.NOT_FOUND, "Revision " + request.revision().id() + " does not exist in " + url);
        }
        Path target = request.target();
        if (!Files.isDirectory(target)) {
            throw new NoSuchFileException(target.toString(), null, "the fetch target is not an existing directory");
        }
        for (Map.Entry<String, SourceTree.Entry> file : commit.tree().files().entrySet()) {
            Path path = target.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue().content());
            if (file.getValue().executable() && Files.getFileStore(path).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
                permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
                Files.setPosixFilePermissions(path, permissions);
            }
        }
        context.log().line("Fetched " + commit.id() + " from " + url + " (" + commit.tree().files().size() + " files)");
    }

    /** @return the tree of {@code revision}, or empty if it is not a commit of this repository @since 0.1 */
    public Optional<SourceTree> tree(Revision revision)
    {
        synchronized (lock) {
            return Optional.ofNullable(commits.get(revision.id())).map(Commit::tree);
        }
    }

    /** @return the versions {@code resolve} was asked for, oldest first (empty for the default) @since 0.1 */
    public List<Optional<String>> resolveRequests()
    {
        return List.copyOf(resolved);
    }

    /** @return the revisions {@code fetch} was asked for, oldest first @since 0.1 */
    public List<Revision> fetchedRevisions()
    {
        return List.copyOf(fetched);
    }

    /** @return how often {@link #close()} was called @since 0.1 */
    public int closeCount()
    {
        return closeCount;
    }

    /** Counts the call; the repository stays usable, so that one fake can serve several server-created instances. @since 0.1 */
    @Override
    public void close()
    {
        synchronized (lock) {
            closeCount++;
        }
    }

    private static String commitId(Optional<String> parent, SourceTree tree)
    {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-1");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-1", e);
        }
        digest.update(("parent " + parent.orElse("none") + "\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, SourceTree.Entry> file : tree.files().entrySet()) {
            byte[] content = file.getValue().content();
            digest.update((file.getKey() + "\0" + (file.getValue().executable() ? "x" : "-") + content.length + "\0").getBytes(StandardCharsets.UTF_8));
            digest.update(content);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public String toString()
    {
        synchronized (lock) {
            return "FakeSourceProvider[" + url + ", branches " + branches.keySet() + ", tags " + tags.keySet() + "]";
        }
    }
}
