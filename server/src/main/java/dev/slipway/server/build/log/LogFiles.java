package dev.slipway.server.build.log;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a build's log lives: {@code <logs>/<shard>/<name>.log} (the text), {@code .idx} (the index: for each line,
 * the big-endian 8-byte offset just past its {@code \n}) and {@code .done} (present once the log is complete).
 *
 * <p>The name is a readable prefix of the build id (letters, digits, {@code -} and {@code _}; anything else becomes
 * {@code _}; at most {@value #PREFIX_LENGTH} characters) plus 128 bits of the id's SHA-256, so any build id gives a
 * safe, short, distinct file name, also on case-insensitive file systems. The shard is the first byte of that hash:
 * 256 directories keep each one small.
 *
 * @param buildId the build
 * @param directory the shard directory
 * @param name the file name without extension
 */
record LogFiles(String buildId, Path directory, String name)
{
    static final int PREFIX_LENGTH = 64;
    static final int ENTRY_BYTES = Long.BYTES;

    LogFiles
    {
        requireNonNull(buildId, "buildId is null");
        requireNonNull(directory, "directory is null");
        requireNonNull(name, "name is null");
    }

    static LogFiles of(Path root, String buildId)
    {
        requireNonNull(root, "root is null");
        requireNonNull(buildId, "buildId is null");
        if (buildId.isEmpty()) {
            throw new IllegalArgumentException("buildId is empty");
        }
        String hash = HexFormat.of().formatHex(sha256(buildId), 0, 16);
        StringBuilder prefix = new StringBuilder(Math.min(buildId.length(), PREFIX_LENGTH));
        for (int i = 0; i < buildId.length() && prefix.length() < PREFIX_LENGTH; i++) {
            char c = buildId.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            prefix.append(safe ? c : '_');
        }
        return new LogFiles(buildId, root.resolve(hash.substring(0, 2)), prefix + "." + hash);
    }

    Path log()
    {
        return directory.resolve(name + ".log");
    }

    Path index()
    {
        return directory.resolve(name + ".idx");
    }

    Path completeMarker()
    {
        return directory.resolve(name + ".done");
    }

    private static byte[] sha256(String text)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
