package dev.slipway.plugins.localexecutor;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds programs the way a shell would. Java's {@code ProcessBuilder} resolves a bare program name with the
 * <em>server's</em> {@code PATH}, not the one the build will have, so names are resolved here first.
 */
final class Executables
{
    /** Where system tools live on every Linux distribution, for tools the executor itself needs. */
    static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Executables() {}

    /**
     * @param name a program name without {@code /}
     * @param searchPath a colon-separated list of directories; empty entries are skipped
     * @return the first executable regular file called {@code name} in {@code searchPath}
     */
    static Optional<Path> find(String name, String searchPath)
    {
        if (name.isEmpty() || name.contains("/")) {
            return Optional.empty();
        }
        for (String directory : searchPath.split(":")) {
            if (directory.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
            catch (InvalidPathException e) {
                // not a usable directory entry
            }
        }
        return Optional.empty();
    }
}
