package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.slipway.api.executor.BuildEnvironment;
import dev.slipway.api.executor.ShellOptions;
import dev.slipway.api.executor.ShellSession;
import dev.slipway.api.executor.Toolchain;

import static java.util.Objects.requireNonNull;

/**
 * One build's environment on the server's machine: the workspace is used in place (an environment path is the host
 * path), shells are child processes of the server, and files are copied on the local disk.
 *
 * <p>{@code run-as}: when the server runs as root, the shell is started as that user (with {@code setpriv}, or
 * {@code runuser} where there is no {@code setpriv}), with the user's {@code HOME}, {@code USER} and {@code LOGNAME}
 * (unless the engine sets them) and read and run access to the workspace ({@link WorkspaceAccess}). A server that
 * is not root refuses a different user.
 */
final class LocalBuildEnvironment
        implements BuildEnvironment
{
    private final Path workspace;
    private final Map<String, String> baseEnvironment;
    private final Supplier<List<Toolchain>> toolchains;
    private final WorkspaceAccess workspaceAccess;
    private final long serverUid;
    private final Path temporaryDirectory;
    private final Set<LocalShellSession> sessions = ConcurrentHashMap.newKeySet();
    private final Set<String> usersWithAccess = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    LocalBuildEnvironment(Path workspace, Map<String, String> baseEnvironment, Supplier<List<Toolchain>> toolchains, WorkspaceAccess workspaceAccess,
            long serverUid, Path temporaryDirectory)
    {
        this.workspace = requireNonNull(workspace, "workspace is null");
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.toolchains = requireNonNull(toolchains, "toolchains is null");
        this.workspaceAccess = requireNonNull(workspaceAccess, "workspaceAccess is null");
        this.serverUid = serverUid;
        this.temporaryDirectory = requireNonNull(temporaryDirectory, "temporaryDirectory is null");
    }

    @Override
    public String workspacePath()
    {
        return workspace.toString();
    }

    @Override
    public Optional<Path> hostPath(String environmentPath)
    {
        requireNonNull(environmentPath, "environmentPath is null");
        try {
            return Optional.of(resolve(environmentPath));
        }
        catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, String> baseEnvironment()
    {
        return baseEnvironment;
    }

    @Override
    public List<Toolchain> toolchains()
    {
        return toolchains.get();
    }

    @Override
    public ShellSession openShell(ShellOptions options)
            throws IOException, InterruptedException
    {
        requireNonNull(options, "options is null");
        checkOpen();
        Path workingDirectory = resolve(options.workingDirectory());
        if (!Files.isDirectory(workingDirectory)) {
            throw new IOException("The working directory " + workingDirectory + " does not exist or is not a directory");
        }
        Map<String, String> environment = new LinkedHashMap<>(baseEnvironment);
        Optional<UserAccount> user = userToSwitchTo(options.runAs());
        if (user.isPresent()) {
            environment.put("HOME", user.get().home());
            environment.put("USER", user.get().name());
            environment.put("LOGNAME", user.get().name());
        }
        environment.putAll(options.environment());

        List<String> commandLine = new ArrayList<>();
        commandLine.add(requiredTool("setsid", "util-linux").toString());
        if (user.isPresent()) {
            commandLine.addAll(userSwitch(user.get()));
            if (usersWithAccess.add(user.get().name())) {
                try {
                    workspaceAccess.grant(workspace, user.get());
                }
                catch (IOException | InterruptedException | RuntimeException e) {
                    usersWithAccess.remove(user.get().name());
                    throw e;
                }
            }
        }
        commandLine.add(shell(options.shell(), environment.get("PATH")).toString());

        Path privateDirectory = Files.createTempDirectory(temporaryDirectory, "slipway-shell-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Path commandFile = Files.createFile(privateDirectory.resolve("command"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            if (user.isPresent()) {
                UserPrincipal owner = privateDirectory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user.get().name());
                Files.setOwner(privateDirectory, owner);
                Files.setOwner(commandFile, owner);
            }
        }
        catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(privateDirectory);
            throw e;
        }
        LocalShellSession session = LocalShellSession.open(commandLine, environment, workingDirectory, privateDirectory, sessions::remove);
        sessions.add(session);
        if (closed) {
            session.close();
            throw new IOException("The build environment was closed while the shell opened");
        }
        return session;
    }

    private Optional<UserAccount> userToSwitchTo(Optional<String> runAs)
            throws IOException, InterruptedException
    {
        if (runAs.isEmpty()) {
            return Optional.empty();
        }
        String name = runAs.get();
        UserAccount account = UserAccount.lookUp(name)
                .orElseThrow(() -> new IOException("run-as user '" + name + "' does not exist on this machine"));
        if (account.uid() == serverUid) {
            return Optional.empty();
        }
        if (serverUid != 0) {
            throw new IOException("run-as user '" + name + "' needs the Slipway server to run as root, so that it can switch users; "
                    + "it runs as uid " + serverUid + ". Remove run-as, or run the server (or a remote agent) as root");
        }
        return Optional.of(account);
    }

    private static List<String> userSwitch(UserAccount user)
            throws IOException
    {
        Optional<Path> setpriv = Executables.find("setpriv", Executables.SYSTEM_PATH);
        if (setpriv.isPresent()) {
            // setpriv replaces itself with the shell, so the shell keeps the pid (and session) that setsid made.
            return List.of(setpriv.get().toString(), "--reuid=" + user.uid(), "--regid=" + user.gid(), "--init-groups", "--");
        }
        Optional<Path> runuser = Executables.find("runuser", Executables.SYSTEM_PATH);
        if (runuser.isPresent()) {
            return List.of(runuser.get().toString(), "-m", "-u", user.name(), "--");
        }
        throw new IOException("run-as needs setpriv or runuser (util-linux) to switch to user '" + user.name() + "'; neither was found in "
                + Executables.SYSTEM_PATH);
    }

    private static Path requiredTool(String name, String packageName)
            throws IOException
    {
        return Executables.find(name, Executables.SYSTEM_PATH)
                .orElseThrow(() -> new IOException("The local executor needs '" + name + "' (" + packageName + "); it was not found in " + Executables.SYSTEM_PATH));
    }

    /**
     * The shell a buildspec asks for: {@code bash} when it names none and the machine has it, else {@code /bin/sh};
     * a bare name is looked up in the build's {@code PATH}, then in the system directories.
     */
    static Path shell(Optional<String> requested, String buildPath)
            throws IOException
    {
        String searchPath = (buildPath == null ? "" : buildPath + ":") + Executables.SYSTEM_PATH;
        if (requested.isEmpty() || requested.get().isBlank()) {
            Optional<Path> bash = Executables.find("bash", searchPath);
            if (bash.isPresent()) {
                return bash.get();
            }
            requested = Optional.of("/bin/sh");
        }
        String shell = requested.get().strip();
        if (shell.contains("/")) {
            Path path = Path.of(shell);
            if (!path.isAbsolute() || !Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new IOException("The shell '" + shell + "' does not exist or is not executable; use bash, sh or an absolute path to a POSIX shell");
            }
            return path;
        }
        return Executables.find(shell, searchPath)
                .orElseThrow(() -> new IOException("The shell '" + shell + "' was not found in PATH (" + searchPath + "); use bash or sh"));
    }

    private Path resolve(String environmentPath)
    {
        Path path = Path.of(environmentPath);
        return (path.isAbsolute() ? path : workspace.resolve(path)).normalize();
    }

    @Override
    public void upload(Path source, String targetPath)
            throws IOException, InterruptedException
    {
        requireNonNull(source, "source is null");
        requireNonNull(targetPath, "targetPath is null");
        checkOpen();
        FileTrees.copy(source, resolve(targetPath));
    }

    @Override
    public void download(String sourcePath, Path target)
            throws IOException, InterruptedException
    {
        requireNonNull(sourcePath, "sourcePath is null");
        requireNonNull(target, "target is null");
        checkOpen();
        FileTrees.copy(resolve(sourcePath), target);
    }

    private void checkOpen()
            throws IOException
    {
        if (closed) {
            throw new IOException("The build environment of " + workspace + " is closed");
        }
    }

    /** @return the sessions that are open now (for tests) */
    Set<LocalShellSession> openSessions()
    {
        return Set.copyOf(sessions);
    }

    @Override
    public void close()
    {
        closed = true;
        for (LocalShellSession session : List.copyOf(sessions)) {
            session.close();
        }
    }
}
