package dev.slipway.server.source;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.ExtensionKind;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.executor.LogSink;
import dev.slipway.api.source.FetchRequest;
import dev.slipway.api.source.Revision;
import dev.slipway.api.source.RevisionRequest;
import dev.slipway.api.source.SourceContext;
import dev.slipway.api.source.SourceProvider;
import dev.slipway.server.plugin.ExtensionInstance;
import dev.slipway.server.plugin.ExtensionInstances;
import dev.slipway.server.plugin.ExtensionRegistry;
import dev.slipway.server.plugin.RegisteredExtension;

/**
 * A project's source: {@code none} (no source; the project's buildspec is inline) or a source provider plugin's
 * factory id ({@code directory}; {@code git} comes with the sources issue) with that factory's configuration. Checks
 * source settings for the project API and fetches a build's source through the plugin.
 *
 * <p>Thread-safe.
 */
@Singleton
public final class SourceService
{
    /** The source type of a project without a source. */
    public static final String NONE = "none";

    /** A fetch is bounded by the build's own timeout, not by the plugin call timeout; this only guards against a lost thread. */
    private static final Duration FETCH_LIMIT = Duration.ofHours(36);

    private final ExtensionRegistry registry;
    private final ExtensionInstances instances;

    @Inject
    public SourceService(ExtensionRegistry registry, ExtensionInstances instances)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.instances = requireNonNull(instances, "instances is null");
    }

    /** @return {@code none} and the ids of the installed source providers */
    public List<String> availableTypes()
    {
        List<String> types = new ArrayList<>();
        types.add(NONE);
        registry.all(ExtensionKind.SOURCE_PROVIDER).stream().map(RegisteredExtension::id).forEach(types::add);
        return types;
    }

    /**
     * Checks a project's source settings; creating the provider instance runs the plugin's schema check and
     * {@code validate} (a factory must not reach remote systems there).
     *
     * @return one problem per field, with its path below {@code source} ({@code "source.config.path: is required"});
     *         empty when the settings are usable
     * @throws SlipwayException PLUGIN_FAILURE or TIMEOUT when the plugin fails while checking
     */
    public List<String> validate(String type, Map<String, Object> config)
    {
        requireNonNull(type, "type is null");
        requireNonNull(config, "config is null");
        if (type.equals(NONE)) {
            return config.isEmpty() ? List.of() : List.of("source.config: must be empty for source type 'none', was " + config.keySet());
        }
        if (registry.find(ExtensionKind.SOURCE_PROVIDER, type).isEmpty()) {
            return List.of("source.type: no source provider '" + type + "' is installed; available: " + availableTypes());
        }
        try {
            instances.instance(ExtensionKind.SOURCE_PROVIDER, type, config, SourceProvider.class);
            return List.of();
        }
        catch (SlipwayException e) {
            if (!e.errorCode().equals(ErrorCode.INVALID_CONFIG) && !e.errorCode().equals(ErrorCode.INVALID_ARGUMENT)) {
                throw e;
            }
            if (e.details().isEmpty()) {
                return List.of("source.config: " + e.getMessage());
            }
            return e.details().stream().map(detail -> "source.config" + (detail.contains(": ") ? "." : ": ") + detail).toList();
        }
    }

    /**
     * Resolves {@code version} (empty: the source's default) and writes that revision's tree into {@code target}, an
     * existing empty directory. Called on a build's thread during DOWNLOAD_SOURCE; an interrupt (the build was stopped
     * or timed out) ends it.
     *
     * @param log lines for the build's log
     * @throws SlipwayException NOT_FOUND if the version does not exist, INVALID_CONFIG if the source settings no longer
     *         fit the installed plugin, PLUGIN_FAILURE if the plugin failed
     * @throws IOException if the source could not be read
     */
    public FetchedSource fetch(String type, Map<String, Object> config, String projectName, Optional<String> version, Path target, LogSink log)
            throws IOException, InterruptedException
    {
        if (type.equals(NONE)) {
            return new FetchedSource(Optional.empty(), Optional.empty());
        }
        ExtensionInstance<SourceProvider> provider = instances.instance(ExtensionKind.SOURCE_PROVIDER, type, config, SourceProvider.class);
        SourceContext context = new BuildSourceContext(projectName, log);
        RevisionRequest request = () -> version;
        Revision revision = provider.call("resolve", FETCH_LIMIT, source -> source.resolve(request, context));
        if (revision == null) {
            throw new SlipwayException(ErrorCode.PLUGIN_FAILURE, "Source provider '" + type + "' resolved no revision");
        }
        log.line("Fetching source revision " + revision);
        FetchRequest fetch = new FetchRequest()
        {
            @Override
            public Revision revision()
            {
                return revision;
            }

            @Override
            public Path target()
            {
                return target;
            }
        };
        provider.call("fetch", FETCH_LIMIT, source -> {
            source.fetch(fetch, context);
            return null;
        });
        return new FetchedSource(Optional.of(revision.id()), revision.url());
    }

    /**
     * What a fetch got.
     *
     * @param resolvedVersion the immutable revision id ({@code CODEBUILD_RESOLVED_SOURCE_VERSION}); empty for no source
     * @param location where the source comes from ({@code CODEBUILD_SOURCE_REPO_URL})
     */
    public record FetchedSource(Optional<String> resolvedVersion, Optional<String> location)
    {
        public FetchedSource
        {
            requireNonNull(resolvedVersion, "resolvedVersion is null");
            requireNonNull(location, "location is null");
        }
    }

    private record BuildSourceContext(String projectName, LogSink log)
            implements SourceContext
    {
    }
}
