package dev.slipway.plugins.localexecutor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A user of the server's machine as the password database describes it, for {@code run-as}.
 *
 * @param name the login name
 * @param uid the numeric user id
 * @param gid the numeric id of the user's primary group
 * @param home the home directory
 */
record UserAccount(String name, long uid, long gid, String home)
{
    private static final Path PASSWD = Path.of("/etc/passwd");

    UserAccount
    {
        requireNonNull(name, "name is null");
        requireNonNull(home, "home is null");
    }

    /**
     * Looks a user up by name (or numeric id) through {@code getent passwd}, so that users from NSS sources other
     * than {@code /etc/passwd} count, and in {@code /etc/passwd} where {@code getent} is missing.
     */
    static Optional<UserAccount> lookUp(String user)
            throws IOException, InterruptedException
    {
        requireNonNull(user, "user is null");
        if (user.isEmpty() || user.contains(":") || user.contains("\n")) {
            return Optional.empty();
        }
        Optional<Path> getent = Executables.find("getent", Executables.SYSTEM_PATH);
        if (getent.isPresent()) {
            Process process = new ProcessBuilder(getent.get().toString(), "passwd", user).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readNBytes(64 * 1024);
            process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("getent passwd " + user + " did not answer within 10 s");
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            return parse(new String(output, StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        }
        if (!Files.isReadable(PASSWD)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(PASSWD, StandardCharsets.UTF_8);
        for (String line : lines) {
            Optional<UserAccount> account = parse(line);
            if (account.isPresent() && (account.get().name.equals(user) || Long.toString(account.get().uid).equals(user))) {
                return account;
            }
        }
        return Optional.empty();
    }

    /** Parses one {@code name:password:uid:gid:gecos:home:shell} line. */
    static Optional<UserAccount> parse(String line)
    {
        String[] fields = line.split(":", -1);
        if (fields.length < 7) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserAccount(fields[0], Long.parseLong(fields[2]), Long.parseLong(fields[3]), fields[5]));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return the effective user id of the server's process, from {@code /proc/self/status} */
    static long currentUid()
            throws IOException
    {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("Uid:")) {
                // "Uid: real effective saved filesystem"
                String[] ids = line.substring(4).trim().split("\\s+");
                if (ids.length >= 2) {
                    return Long.parseLong(ids[1]);
                }
            }
        }
        throw new IOException("/proc/self/status has no Uid line");
    }
}
