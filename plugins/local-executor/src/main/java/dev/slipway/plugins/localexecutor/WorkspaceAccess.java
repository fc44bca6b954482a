package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a {@code run-as} user read and run access to a build's workspace, as CodeBuild's {@code run-as} does ("grants
 * the specified user read and run permissions"): the user can read every file, list and enter every directory and
 * run what is executable, but not write.
 *
 * <p>With {@code setfacl} (package {@code acl}) the grant is an access control entry for that user alone, on the
 * workspace tree (with a default entry, so files created later are readable too) and, for traversal only, on the
 * ancestors that the user could not enter. Without it, the workspace tree gets the "others" read (and, where the
 * owner may run, run) bits; ancestors are then left alone, and one the user cannot enter is reported as an error.
 */
final class WorkspaceAccess
{
    private final Optional<Path> setfacl;

    WorkspaceAccess(Optional<Path> setfacl)
    {
        this.setfacl = setfacl;
    }

    static WorkspaceAccess detect()
    {
        return new WorkspaceAccess(Executables.find("setfacl", Executables.SYSTEM_PATH));
    }

    /** @return true if grants are access control entries for the one user, false if they open the workspace to others */
    boolean usesAccessControlLists()
    {
        return setfacl.isPresent();
    }

    void grant(Path workspace, UserAccount account)
            throws IOException, InterruptedException
    {
        Path directory = workspace.toAbsolutePath().normalize();
        List<Path> closedAncestors = new ArrayList<>();
        for (Path ancestor = directory.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            if (!searchable(ancestor, account)) {
                closedAncestors.add(ancestor);
            }
        }
        if (setfacl.isPresent()) {
            String entry = "u:" + account.uid() + ":rX";
            run(List.of(setfacl.get().toString(), "-R", "-P", "-m", entry + ",d:" + entry, directory.toString()));
            for (Path ancestor : closedAncestors) {
                run(List.of(setfacl.get().toString(), "-m", "u:" + account.uid() + ":x", ancestor.toString()));
            }
            return;
        }
        if (!closedAncestors.isEmpty()) {
            throw new IOException("run-as user '" + account.name() + "' cannot reach the workspace " + directory + ": it may not enter "
                    + closedAncestors.get(closedAncestors.size() - 1) + ". Install the 'acl' package (setfacl) so that Slipway can grant access "
                    + "to that user alone, or make the directory searchable (chmod o+x)");
        }
        Files.walkFileTree(directory, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes)
                    throws IOException
            {
                add(path, EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes)
                    throws IOException
            {
                if (attributes.isRegularFile()) {
                    Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                    add(path, current.contains(PosixFilePermission.OWNER_EXECUTE)
                            ? EnumSet.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE)
                            : EnumSet.of(PosixFilePermission.OTHERS_READ));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void add(Path path, Set<PosixFilePermission> extra)
            throws IOException
    {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (!permissions.containsAll(extra)) {
            permissions.addAll(extra);
            Files.setPosixFilePermissions(path, permissions);
        }
    }

    /** Whether the user may enter {@code directory} by its mode bits (supplementary groups are not considered). */
    static boolean searchable(Path directory, UserAccount account)
            throws IOException
    {
        if (account.uid() == 0) {
            return true;
        }
        int mode = (Integer) Files.getAttribute(directory, "unix:mode");
        long owner = ((Number) Files.getAttribute(directory, "unix:uid")).longValue();
        long group = ((Number) Files.getAttribute(directory, "unix:gid")).longValue();
        if (owner == account.uid()) {
            return (mode & 0100) != 0;
        }
        if (group == account.gid()) {
            return (mode & 0010) != 0;
        }
        return (mode & 0001) != 0;
    }

    private static void run(List<String> command)
            throws IOException, InterruptedException
    {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(16 * 1024);
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            int status = process.waitFor();
            if (status != 0) {
                throw new IOException(String.join(" ", command) + " failed with status " + status + ": "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        }
        finally {
            process.destroyForcibly();
        }
    }
}
