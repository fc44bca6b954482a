package dev.slipway.plugins.directorysource;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.source.FetchRequest;
import dev.slipway.api.source.Revision;
import dev.slipway.api.source.RevisionRequest;
import dev.slipway.api.source.SourceContext;
import dev.slipway.api.source.SourceProvider;

/**
 * A directory on the server's disk as a source. A directory has no history, only its current content, so:
 * <ul>
 *   <li>{@link #resolve} hashes the tree (see {@link TreeWalk}) and returns the hash as the revision id; a requested
 *       version is accepted only if it is that hash (or an unambiguous prefix of it of at least 7 characters), so
 *       that a retried build never silently builds different files;</li>
 *   <li>{@link #fetch} copies the tree (files with their executable bit, directories, symbolic links as links) and
 *       hashes what it copied: if the directory changed after it was resolved, the fetch fails rather than build
 *       files that do not match the revision.</li>
 * </ul>
 * Thread-safe and stateless: concurrent builds read the directory independently.
 */
final class DirectorySourceProvider
        implements SourceProvider
{
    private static final int MIN_PREFIX = 7;

    private final Path directory;

    DirectorySourceProvider(Path directory)
    {
        this.directory = requireNonNull(directory, "directory is null");
    }

    /**
     * @throws SlipwayException NOT_FOUND if the directory does not exist, or the requested version is not its current
     *         content
     */
    @Override
    public Revision resolve(RevisionRequest request, SourceContext context)
            throws IOException, InterruptedException
    {
        String hash = walk(null, context);
        Optional<String> version = request.version().map(String::trim).filter(text -> !text.isEmpty());
        if (version.isPresent()) {
            String asked = version.get().toLowerCase(Locale.ROOT);
            if (asked.length() < MIN_PREFIX || !hash.startsWith(asked)) {
                throw new SlipwayException(ErrorCode.NOT_FOUND, "Directory source " + directory + " has only its current content (revision "
                        + hash + "); it cannot provide version '" + version.get() + "'. Start the build without a source version");
            }
        }
        Revision revision = Revision.of(hash).withUrl(directory.toUri().toString());
        return version.map(revision::withRef).orElse(revision);
    }

    /**
     * @throws SlipwayException NOT_FOUND if the directory does not exist
     * @throws IOException if a file cannot be read or written, or the directory changed since it was resolved
     */
    @Override
    public void fetch(FetchRequest request, SourceContext context)
            throws IOException, InterruptedException
    {
        Path target = request.target();
        String copied = walk(target, context);
        if (!copied.equals(request.revision().id())) {
            throw new IOException("Directory " + directory + " changed while the build fetched it (revision " + request.revision().id()
                    + " was resolved, the files copied hash to " + copied + "); start the build again");
        }
    }

    private String walk(Path copyTo, SourceContext context)
            throws IOException, InterruptedException
    {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(directory)) {
            throw new SlipwayException(ErrorCode.NOT_FOUND, "Directory " + directory + " of the directory source does not exist or is not a "
                    + "directory; create it or change the project's source.config.path");
        }
        try {
            return new TreeWalk(directory, copyTo, context.log()).run();
        }
        catch (NoSuchFileException | NotDirectoryException e) {
            throw new IOException("Directory " + directory + " changed while it was read (" + e.getMessage() + " disappeared); start the build again", e);
        }
    }

    @Override
    public String toString()
    {
        return "directory source " + directory;
    }
}
