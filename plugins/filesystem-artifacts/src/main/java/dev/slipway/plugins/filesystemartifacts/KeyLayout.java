package dev.slipway.plugins.filesystemartifacts;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;
import dev.slipway.api.artifact.ArtifactKey;

/**
 * Where a key's pointer file lives below {@code keys/}: one directory per segment but the last, named
 * {@code <segment>.d}, and the pointer file {@code <last segment>.ref}. The suffixes keep a key and the keys below it
 * apart ({@code a/b} is {@code a.d/b.ref}, {@code a/b/c} is {@code a.d/b.d/c.ref}), and temporary files, which end in
 * {@code .tmp}, apart from both.
 *
 * <p>Keys cannot escape this directory: {@link ArtifactKey} admits no empty, {@code .} or {@code ..} segment, no
 * backslash and no control character (so no NUL), and every segment becomes exactly one file name. A segment longer
 * than {@value #MAX_NAME_BYTES} bytes in UTF-8 (file names may have 255) is shortened and made unique with a hash of
 * the full segment; {@code %} is written {@code %25} so that the {@code %~} of a hashed name never occurs otherwise.
 * The key itself is always kept inside the pointer file, so no name ever has to be decoded.
 */
final class KeyLayout
{
    static final String POINTER_SUFFIX = ".ref";
    static final String DIRECTORY_SUFFIX = ".d";
    static final String TEMPORARY_SUFFIX = ".tmp";
    static final int MAX_NAME_BYTES = 200;
    // Linux refuses paths of 4096 bytes or more; stay clear of it with room for temporary names.
    static final int MAX_PATH_BYTES = 3900;

    private static final int KEPT_PREFIX_BYTES = 100;
    private static final int HASH_HEX_DIGITS = 40;

    private final Path keysRoot;

    KeyLayout(Path keysRoot)
    {
        this.keysRoot = requireNonNull(keysRoot, "keysRoot is null").toAbsolutePath().normalize();
    }

    Path keysRoot()
    {
        return keysRoot;
    }

    /**
     * @throws SlipwayException with {@link ErrorCode#INVALID_ARGUMENT} if the path would be too long for the filesystem
     */
    Path pointerFile(ArtifactKey key)
    {
        String[] segments = key.path().split("/");
        Path directory = keysRoot;
        for (int i = 0; i < segments.length - 1; i++) {
            directory = directory.resolve(encode(segments[i]) + DIRECTORY_SUFFIX);
        }
        Path file = directory.resolve(encode(segments[segments.length - 1]) + POINTER_SUFFIX);
        if (!file.normalize().startsWith(keysRoot) || !file.getParent().normalize().startsWith(keysRoot)) {
            throw new IllegalStateException("Key '" + key + "' maps outside " + keysRoot + ": " + file);
        }
        if (file.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, "Artifact key '" + key + "' is too long for the filesystem artifact store under "
                    + keysRoot.getParent() + ": its file path would exceed " + MAX_PATH_BYTES + " bytes. Use fewer or shorter segments, "
                    + "or a root directory with a shorter path");
        }
        return file;
    }

    /**
     * The directory that holds every key starting with {@code prefix}: the one of its complete segments (everything
     * up to its last {@code /}). Empty if a complete segment cannot be part of any key, so nothing can match.
     */
    Optional<Path> listingDirectory(String prefix)
    {
        int lastSlash = prefix.lastIndexOf('/');
        if (lastSlash < 0) {
            return Optional.of(keysRoot);
        }
        Path directory = keysRoot;
        for (String segment : prefix.substring(0, lastSlash).split("/", -1)) {
            if (!isKeySegment(segment)) {
                return Optional.empty();
            }
            directory = directory.resolve(encode(segment) + DIRECTORY_SUFFIX);
        }
        return Optional.of(directory);
    }

    static String encode(String segment)
    {
        String escaped = segment.replace("%", "%25");
        if (escaped.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return escaped;
        }
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < escaped.length(); ) {
            int codePoint = escaped.codePointAt(i);
            int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + length > KEPT_PREFIX_BYTES) {
                break;
            }
            kept.appendCodePoint(codePoint);
            bytes += length;
            i += Character.charCount(codePoint);
        }
        return kept + "%~" + sha256Hex(segment).substring(0, HASH_HEX_DIGITS);
    }

    private static boolean isKeySegment(String segment)
    {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static String sha256Hex(String text)
    {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
