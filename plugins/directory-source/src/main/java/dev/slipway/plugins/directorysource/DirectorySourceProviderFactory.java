package dev.slipway.plugins.directorysource;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import dev.slipway.api.CheckResult;
import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionContext;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.config.ConfigSchema;
import dev.slipway.api.config.ConfigValues;
import dev.slipway.api.config.ValidationResult;
import dev.slipway.api.source.SourceProvider;
import dev.slipway.api.source.SourceProviderFactory;

/**
 * Creates {@link DirectorySourceProvider}s (id {@value #ID}).
 *
 * <ul>
 *   <li>{@code path} (required): the absolute path of the directory on the server's disk. It need not exist when the
 *       project is created; a build fails in DOWNLOAD_SOURCE if it does not exist then.</li>
 * </ul>
 *
 * @since 0.1
 */
public final class DirectorySourceProviderFactory
        implements SourceProviderFactory
{
    /** @since 0.1 */
    public static final String ID = "directory";

    static final String PATH = "path";

    private static final ConfigSchema SCHEMA = ConfigSchema.builder()
            .string(PATH)
            .label("Directory")
            .description("Absolute path of the directory on the server's disk whose files are the build's source. "
                    + "Each build copies it as it is when the build downloads its source.")
            .required()
            .add()
            .build();

    /** @since 0.1 */
    public DirectorySourceProviderFactory() {}

    @Override
    public String id()
    {
        return ID;
    }

    @Override
    public String displayName()
    {
        return "Directory";
    }

    @Override
    public String description()
    {
        return "Builds a directory on the server's disk. The revision is a SHA-256 hash of the tree; each build copies it.";
    }

    @Override
    public ConfigSchema configSchema()
    {
        return SCHEMA;
    }

    @Override
    public ValidationResult validate(ConfigValues config)
    {
        return problem(config.getString(PATH)).map(problem -> ValidationResult.error(PATH, problem)).orElse(ValidationResult.ok());
    }

    @Override
    public SourceProvider create(ConfigValues config, ExtensionContext context)
    {
        String text = config.getString(PATH);
        Optional<String> problem = problem(text);
        if (problem.isPresent()) {
            throw new SlipwayException(ErrorCode.INVALID_CONFIG, PATH + ": " + problem.get());
        }
        return new DirectorySourceProvider(Path.of(text.trim()).normalize());
    }

    /** Reports whether the directory exists and can be read. */
    @Override
    public CheckResult check(ConfigValues config, ExtensionContext context)
    {
        Optional<String> problem = problem(config.getString(PATH));
        if (problem.isPresent()) {
            return CheckResult.failed(PATH + ": " + problem.get());
        }
        Path directory = Path.of(config.getString(PATH).trim());
        if (!Files.isDirectory(directory)) {
            return CheckResult.failed("Directory " + directory + " does not exist or is not a directory");
        }
        if (!Files.isReadable(directory)) {
            return CheckResult.failed("The server cannot read directory " + directory);
        }
        return CheckResult.ok("Directory " + directory + " is readable");
    }

    private static Optional<String> problem(String text)
    {
        if (text == null || text.isBlank()) {
            return Optional.of("must not be blank; give the absolute path of a directory such as /srv/src/web");
        }
        if (text.indexOf('\0') >= 0) {
            return Optional.of("must not contain a NUL character");
        }
        try {
            if (!Path.of(text.trim()).isAbsolute()) {
                return Optional.of("must be an absolute path such as /srv/src/web, was '" + text + "'");
            }
        }
        catch (InvalidPathException e) {
            return Optional.of("is not a valid path: " + e.getMessage());
        }
        return Optional.empty();
    }
}
