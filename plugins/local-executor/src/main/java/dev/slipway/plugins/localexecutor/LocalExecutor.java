package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.slipway.api.executor.BuildContext;
import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.EnvironmentRequest;
import dev.slipway.api.executor.Executor;
import dev.slipway.api.executor.Toolchain;

import static java.util.Objects.requireNonNull;

/**
 * Runs builds as child processes of the server, in the build's workspace on the server's disk. Environments are
 * cheap (nothing is created until a shell opens), so provisioning takes no measurable time.
 *
 * <p>Thread-safe: one instance serves many builds at once. The toolchain table is built on first use and kept for
 * the life of the instance.
 */
final class LocalExecutor
        implements Executor
{
    private final LocalExecutorConfig config;
    private final Map<String, String> baseEnvironment;
    private final ToolchainDetector detector;
    private final WorkspaceAccess workspaceAccess;
    private final long serverUid;
    private final Path temporaryDirectory;
    private final Object toolchainLock = new Object();
    private List<Toolchain> toolchains;

    LocalExecutor(LocalExecutorConfig config, Map<String, String> serverEnvironment, ToolchainDetector detector, WorkspaceAccess workspaceAccess)
    {
        this(config, serverEnvironment, detector, workspaceAccess, currentUid(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    LocalExecutor(LocalExecutorConfig config, Map<String, String> serverEnvironment, ToolchainDetector detector, WorkspaceAccess workspaceAccess,
            long serverUid, Path temporaryDirectory)
    {
        this.config = requireNonNull(config, "config is null");
        this.detector = requireNonNull(detector, "detector is null");
        this.workspaceAccess = requireNonNull(workspaceAccess, "workspaceAccess is null");
        this.serverUid = serverUid;
        this.temporaryDirectory = requireNonNull(temporaryDirectory, "temporaryDirectory is null");
        Map<String, String> base = new LinkedHashMap<>();
        for (String name : config.passEnvironment()) {
            String value = serverEnvironment.get(name);
            if (value != null) {
                base.put(name, value);
            }
        }
        this.baseEnvironment = Collections.unmodifiableMap(base);
    }

    private static long currentUid()
    {
        try {
            return UserAccount.currentUid();
        }
        catch (IOException | RuntimeException e) {
            // Without /proc we cannot tell; assume an ordinary user, so that run-as of another user is refused.
            return Long.MAX_VALUE;
        }
    }

    @Override
    public BuildEnvironment provision(EnvironmentRequest request, BuildContext context)
            throws IOException, InterruptedException
    {
        requireNonNull(request, "request is null");
        requireNonNull(context, "context is null");
        if (Thread.interrupted()) {
            throw new InterruptedException("Interrupted before provisioning");
        }
        Path workspace = request.workspace().toAbsolutePath().normalize();
        if (!Files.isDirectory(workspace)) {
            throw new IOException("The workspace " + workspace + " of build " + request.buildId() + " is not a directory");
        }
        request.image().ifPresent(image -> context.log().line("The local executor runs commands directly on this machine; image '" + image + "' is not used."));
        return new LocalBuildEnvironment(workspace, baseEnvironment, this::toolchains, workspaceAccess, serverUid, temporaryDirectory);
    }

    @Override
    public int capacity()
    {
        return config.slots();
    }

    /** @return the configured toolchains, then the detected ones that no configured entry already names */
    List<Toolchain> toolchains()
    {
        synchronized (toolchainLock) {
            if (toolchains == null) {
                List<Toolchain> configured = config.toolchains().stream().map(ToolchainDetector::configured).toList();
                toolchains = config.detectToolchains() ? merge(configured, detector.detect()) : configured;
            }
            return toolchains;
        }
    }

    /**
     * Adds the detected toolchains to the configured ones. A configured {@code runtime:version} wins: a detected
     * toolchain whose version is taken is left out, and its aliases that are taken are dropped.
     */
    static List<Toolchain> merge(List<Toolchain> configured, List<Toolchain> detected)
    {
        Set<String> taken = new HashSet<>();
        for (Toolchain toolchain : configured) {
            taken.add(toolchain.runtime() + ":" + toolchain.version());
            toolchain.aliases().forEach(alias -> taken.add(toolchain.runtime() + ":" + alias));
        }
        List<Toolchain> merged = new ArrayList<>(configured);
        for (Toolchain toolchain : detected) {
            if (taken.contains(toolchain.runtime() + ":" + toolchain.version())) {
                continue;
            }
            Toolchain.Builder builder = Toolchain.builder(toolchain.runtime(), toolchain.version());
            toolchain.aliases().stream().filter(alias -> !taken.contains(toolchain.runtime() + ":" + alias)).forEach(builder::alias);
            toolchain.variables().forEach(builder::variable);
            toolchain.pathEntries().forEach(builder::pathEntry);
            merged.add(builder.build());
        }
        return List.copyOf(merged);
    }
}
