package dev.slipway.server.buildspec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A validated buildspec (CodeBuild's format, versions 0.1 and 0.2): the model the build engine runs. Produced only
 * by {@link BuildspecParser}; nothing downstream sees YAML. Collections are immutable and in source order.
 */
public record Buildspec(
        String version,
        Optional<String> runAs,
        Env env,
        Proxy proxy,
        Map<PhaseName, Phase> phases,
        Map<String, ReportGroup> reports,
        Optional<Artifacts> artifacts,
        Optional<Cache> cache,
        Optional<Batch> batch)
{
    public Buildspec
    {
        requireNonNull(version, "version is null");
        requireNonNull(runAs, "runAs is null");
        requireNonNull(env, "env is null");
        requireNonNull(proxy, "proxy is null");
        java.util.EnumMap<PhaseName, Phase> orderedPhases = new java.util.EnumMap<>(PhaseName.class);
        orderedPhases.putAll(phases);
        phases = java.util.Collections.unmodifiableMap(orderedPhases);
        reports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reports));
        requireNonNull(artifacts, "artifacts is null");
        requireNonNull(cache, "cache is null");
        requireNonNull(batch, "batch is null");
    }

    /** @return true for version 0.1, whose commands each run in a fresh shell */
    public boolean isLegacy()
    {
        return version.equals("0.1");
    }

    public Optional<Phase> phase(PhaseName name)
    {
        return Optional.ofNullable(phases.get(name));
    }

    /** The four command phases, in the order they run. */
    public enum PhaseName
    {
        INSTALL("install"),
        PRE_BUILD("pre_build"),
        BUILD("build"),
        POST_BUILD("post_build");

        private final String key;

        PhaseName(String key)
        {
            this.key = key;
        }

        /** @return the key as written in a buildspec, e.g. {@code pre_build} */
        public String key()
        {
            return key;
        }

        public static Optional<PhaseName> fromKey(String key)
        {
            for (PhaseName name : values()) {
                if (name.key.equals(key)) {
                    return Optional.of(name);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * {@code env}: variables are literal (no expansion); {@code shell} empty means the default (bash if present,
     * else sh).
     */
    public record Env(
            Optional<String> shell,
            Map<String, String> variables,
            Map<String, String> parameterStore,
            Map<String, String> secretsManager,
            List<String> exportedVariables,
            boolean gitCredentialHelper)
    {
        public static final Env EMPTY = new Env(Optional.empty(), Map.of(), Map.of(), Map.of(), List.of(), false);

        public Env
        {
            requireNonNull(shell, "shell is null");
            variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
            parameterStore = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameterStore));
            secretsManager = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secretsManager));
            exportedVariables = List.copyOf(exportedVariables);
        }
    }

    public record Proxy(boolean uploadArtifacts, boolean logs)
    {
        public static final Proxy NONE = new Proxy(false, false);
    }

    /** One command as written, with the line it starts on (for messages and the log). */
    public record Command(String text, int line)
    {
        public Command
        {
            requireNonNull(text, "text is null");
        }
    }

    public record Phase(
            Optional<String> runAs,
            Optional<OnFailure> onFailure,
            Map<String, String> runtimeVersions,
            List<Command> commands,
            List<Command> finallyCommands)
    {
        public Phase
        {
            requireNonNull(runAs, "runAs is null");
            requireNonNull(onFailure, "onFailure is null");
            runtimeVersions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(runtimeVersions));
            commands = List.copyOf(commands);
            finallyCommands = List.copyOf(finallyCommands);
        }
    }

    /**
     * {@code on-failure}: ABORT, CONTINUE, or RETRY with a count (default 3, 0–100) and a regex that the phase's
     * output must match for another attempt (default {@code .*}).
     */
    public record OnFailure(Mode mode, int retryCount, Pattern retryPattern)
    {
        public static final int DEFAULT_RETRY_COUNT = 3;

        public enum Mode
        {
            ABORT,
            CONTINUE,
            RETRY,
        }

        public OnFailure
        {
            requireNonNull(mode, "mode is null");
            requireNonNull(retryPattern, "retryPattern is null");
        }
    }

    /** {@code reports.<name>}; {@code fileFormat} is upper-cased, default {@code JUNITXML}. */
    public record ReportGroup(String name, List<String> files, Optional<String> baseDirectory, boolean discardPaths, String fileFormat)
    {
        public ReportGroup
        {
            requireNonNull(name, "name is null");
            files = List.copyOf(files);
            requireNonNull(baseDirectory, "baseDirectory is null");
            requireNonNull(fileFormat, "fileFormat is null");
        }
    }

    /** {@code artifacts} and each of its {@code secondary-artifacts} (which have no secondary artifacts of their own). */
    public record Artifacts(
            List<String> files,
            Optional<String> name,
            boolean discardPaths,
            Optional<String> baseDirectory,
            List<String> excludePaths,
            boolean enableSymlinks,
            Optional<String> s3Prefix,
            Map<String, Artifacts> secondaryArtifacts)
    {
        public Artifacts
        {
            files = List.copyOf(files);
            requireNonNull(name, "name is null");
            requireNonNull(baseDirectory, "baseDirectory is null");
            excludePaths = List.copyOf(excludePaths);
            requireNonNull(s3Prefix, "s3Prefix is null");
            secondaryArtifacts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondaryArtifacts));
        }
    }

    /** {@code cache}; {@code action} empty means restore and save. At most 5 fallback keys. */
    public record Cache(List<String> paths, Optional<String> key, List<String> fallbackKeys, Optional<CacheAction> action)
    {
        public Cache
        {
            paths = List.copyOf(paths);
            requireNonNull(key, "key is null");
            fallbackKeys = List.copyOf(fallbackKeys);
            requireNonNull(action, "action is null");
        }
    }

    public enum CacheAction
    {
        RESTORE,
        SAVE,
    }

    /** {@code batch}: exactly one of build-list, build-graph, build-matrix (build-fanout is parsed as a list of N identical tasks). */
    public record Batch(boolean fastFail, BatchKind kind, List<BatchTask> tasks, Optional<BuildMatrix> matrix)
    {
        public Batch
        {
            requireNonNull(kind, "kind is null");
            tasks = List.copyOf(tasks);
            requireNonNull(matrix, "matrix is null");
        }
    }

    public enum BatchKind
    {
        BUILD_LIST,
        BUILD_GRAPH,
        BUILD_MATRIX,
        BUILD_FANOUT,
    }

    /** One entry of {@code build-list} or {@code build-graph} ({@code dependOn} is empty for build-list). */
    public record BatchTask(
            String identifier,
            Optional<String> buildspec,
            List<String> dependOn,
            BatchEnv env,
            boolean ignoreFailure,
            boolean debugSession)
    {
        public BatchTask
        {
            requireNonNull(identifier, "identifier is null");
            requireNonNull(buildspec, "buildspec is null");
            dependOn = List.copyOf(dependOn);
            requireNonNull(env, "env is null");
        }
    }

    public record BatchEnv(
            Optional<String> computeType,
            Optional<String> image,
            Optional<Boolean> privilegedMode,
            Optional<String> type,
            Map<String, String> variables)
    {
        public static final BatchEnv EMPTY = new BatchEnv(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

        public BatchEnv
        {
            requireNonNull(computeType, "computeType is null");
            requireNonNull(image, "image is null");
            requireNonNull(privilegedMode, "privilegedMode is null");
            requireNonNull(type, "type is null");
            variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        }
    }

    /** {@code build-matrix}: one build per combination of the dynamic values (cartesian product). */
    public record BuildMatrix(
            boolean ignoreFailure,
            BatchEnv staticEnv,
            List<String> buildspecs,
            List<String> computeTypes,
            List<String> images,
            Map<String, List<String>> variables)
    {
        public BuildMatrix
        {
            requireNonNull(staticEnv, "staticEnv is null");
            buildspecs = List.copyOf(buildspecs);
            computeTypes = List.copyOf(computeTypes);
            images = List.copyOf(images);
            variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        }
    }
}
