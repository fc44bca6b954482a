package dev.slipway.plugins.filesystemartifacts;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import dev.slipway.api.CheckResult;
import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionContext;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactStore;
import dev.slipway.api.artifact.ArtifactStoreFactory;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;

/**
 * Creates {@link FilesystemArtifactStore}s (id {@value #ID}), Slipway's default artifact store.
 *
 * <ul>
 *   <li>{@code root-directory} (optional): where artifacts are kept; a relative path is resolved against the
 *       server's data directory. Default: {@code <data directory>/artifacts}.</li>
 *   <li>{@code fsync} (default true): flush every artifact and its metadata to disk before {@code put} returns.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class FilesystemArtifactStoreFactory
        implements ArtifactStoreFactory
{
    /** @since 0.1 */
    public static final String ID = "filesystem";

    static final String ROOT_DIRECTORY = "root-directory";
    static final String FSYNC = "fsync";
    static final String DEFAULT_DIRECTORY = "artifacts";

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .string(ROOT_DIRECTORY)
            .label("Root directory")
            .description("Directory that holds the artifacts. A relative path is resolved against the server's data directory. "
                    + "Default: the 'artifacts' directory in the server's data directory.")
            .add()
            .bool(FSYNC)
            .label("Sync to disk")
            .description("Flush each artifact and its metadata to disk before a write is acknowledged, so that a power loss or operating "
                    + "system crash cannot lose or tear it. Off is faster; a crash of the server process alone never tears an artifact either way.")
            .defaultValue(true)
            .add()
            .build();

    /** @since 0.1 */
    public FilesystemArtifactStoreFactory() {}

    @Override
    public String id()
    {
        return ID;
    }

    @Override
    public String displayName()
    {
        return "Filesystem";
    }

    @Override
    public String description()
    {
        return "Keeps artifacts as files on the server's disk, written atomically and checksummed with SHA-256.";
    }

    @Override
    public ConfigSchema configSchema()
    {
        return SCHEMA;
    }

    @Override
    public ValidationResult validate(ConfigValues config)
    {
        Optional<String> root = config.findString(ROOT_DIRECTORY);
        if (root.isEmpty()) {
            return ValidationResult.ok();
        }
        return checkPathText(root.get()).map(problem -> ValidationResult.error(ROOT_DIRECTORY, problem)).orElse(ValidationResult.ok());
    }

    /**
     * Creates the root directory if needed.
     *
     * @throws SlipwayException with {@link ErrorCode#INVALID_CONFIG} if the root directory cannot be created or written
     */
    @Override
    public ArtifactStore create(ConfigValues config, ExtensionContext context)
    {
        Path root = root(config, context);
        try {
            Files.createDirectories(root);
        }
        catch (IOException e) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, ROOT_DIRECTORY + ": cannot create artifact directory " + root + " (" + e
                    + "). Choose a directory the server can create and write to", e);
        }
        if (!Files.isWritable(root)) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, ROOT_DIRECTORY + ": the server cannot write to artifact directory " + root
                    + ". Choose a directory the server can write to, or change its permissions");
        }
        FileSync sync = config.getBoolean(FSYNC) ? FileSync.toDisk() : FileSync.none();
        return new FilesystemArtifactStore(root, sync, Clock.systemUTC(), context.logger());
    }

    /** Writes and removes a probe file in the root directory, and reports the free space. */
    @Override
    public CheckResult check(ConfigValues config, ExtensionContext context)
    {
        Path root;
        try {
            root = root(config, context);
        }
        catch (SlipwayException e) {
            return CheckResult.failed(e.getMessage());
        }
        try {
            Files.createDirectories(root);
            Path probe = Files.createTempFile(root, ".check-", KeyLayout.TEMPORARY_SUFFIX);
            Files.delete(probe);
            FileStore store = Files.getFileStore(root);
            return CheckResult.ok("Artifact directory " + root + " is writable; " + store.getUsableSpace() / (1024 * 1024) + " MiB free");
        }
        catch (IOException e) {
            return CheckResult.failed("Cannot write to artifact directory " + root + ": " + e);
        }
    }

    static Path root(ConfigValues config, ExtensionContext context)
    {
        Path dataDirectory = context.serverDataDirectory();
        Optional<String> configured = config.findString(ROOT_DIRECTORY);
        if (configured.isEmpty()) {
            return dataDirectory.resolve(DEFAULT_DIRECTORY).toAbsolutePath().normalize();
        }
        Optional<String> problem = checkPathText(configured.get());
        if (problem.isPresent()) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, ROOT_DIRECTORY + ": " + problem.get());
        }
        return dataDirectory.resolve(configured.get().trim()).toAbsolutePath().normalize();
    }

    private static Optional<String> checkPathText(String text)
    {
        if (text.isBlank()) {
            return Optional.of("must not be blank; leave it out to use the 'artifacts' directory in the server's data directory");
        }
        if (text.indexOf('\0') >= 0) {
            return Optional.of("must not contain a NUL character");
        }
        try {
            Path.of(text.trim());
            return Optional.empty();
        }
        catch (InvalidPathException e) {
            return Optional.of("is not a valid path: " + e.getMessage());
        }
    }
}
