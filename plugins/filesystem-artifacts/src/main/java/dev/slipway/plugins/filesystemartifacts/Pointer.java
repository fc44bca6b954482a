package dev.slipway.plugins.filesystemartifacts;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.slipway.api.artifact.ArtifactKey;
import dev.slipway.api.artifact.ArtifactMetadata;

/**
 * The content of a key's pointer file: which blob holds the artifact, its size and SHA-256, when it was stored, and its
 * metadata. A pointer is written completely to a temporary file and renamed over the old one, so readers see the old
 * or the new pointer, never a mix; the blob it names is complete before the pointer exists.
 *
 * <p>Format: a {@link Properties} file (ASCII, {@code \\u} escapes), version {@value #FORMAT}.
 */
record Pointer(ArtifactKey key, String blob, long size, String sha256, Instant createdAt, ArtifactMetadata metadata)
{
    static final String FORMAT = "1";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    // <first two hex digits>/<sha256>-<random>, relative to blobs/: a pointer can name nothing outside it.
    static final Pattern BLOB = Pattern.compile("([0-9a-f]{2})/\\1[0-9a-f]{62}-[0-9a-f]{16}");
    private static final String ATTRIBUTE_PREFIX = "attribute.";

    Pointer
    {
        requireNonNull(key, "key is null");
        requireNonNull(blob, "blob is null");
        requireNonNull(sha256, "sha256 is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(metadata, "metadata is null");
    }

    byte[] serialize()
    {
        Properties properties = new Properties();
        properties.setProperty("format", FORMAT);
        properties.setProperty("key", key.path());
        properties.setProperty("blob", blob);
        properties.setProperty("size", Long.toString(size));
        properties.setProperty("sha256", sha256);
        properties.setProperty("created-at", createdAt.toString());
        properties.setProperty("content-type", metadata.contentType());
        metadata.attributes().forEach((name, value) -> properties.setProperty(ATTRIBUTE_PREFIX + name, value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            properties.store(bytes, "Slipway filesystem artifact store: pointer to the content of one key");
        }
        catch (IOException e) {
            throw new UncheckedIOException("Writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws DamagedPointerException if the bytes are not a complete pointer of this format
     */
    static Pointer parse(byte[] bytes, Path file)
            throws DamagedPointerException
    {
        Properties properties = new Properties();
        try {
            properties.load(new ByteArrayInputStream(bytes));
        }
        catch (IOException | IllegalArgumentException e) {
            throw new DamagedPointerException(file, "it is not a properties file (" + e.getMessage() + ")");
        }
        String format = required(properties, "format", file);
        if (!format.equals(FORMAT)) {
            throw new DamagedPointerException(file, "it has format " + format + ", but this version of the plugin reads format " + FORMAT);
        }
        ArtifactKey key;
        try {
            key = ArtifactKey.of(required(properties, "key", file));
        }
        catch (IllegalArgumentException e) {
            throw new DamagedPointerException(file, e.getMessage());
        }
        String blob = required(properties, "blob", file);
        if (!BLOB.matcher(blob).matches()) {
            throw new DamagedPointerException(file, "it names blob '" + blob + "', which is not a blob name of this store");
        }
        String sha256 = required(properties, "sha256", file);
        if (!SHA256.matcher(sha256).matches() || !blob.startsWith(sha256.substring(0, 2) + "/" + sha256 + "-")) {
            throw new DamagedPointerException(file, "its sha256 '" + sha256 + "' does not match blob '" + blob + "'");
        }
        long size;
        Instant createdAt;
        try {
            size = Long.parseLong(required(properties, "size", file));
            createdAt = Instant.parse(required(properties, "created-at", file));
        }
        catch (NumberFormatException | DateTimeParseException e) {
            throw new DamagedPointerException(file, e.getMessage());
        }
        if (size < 0) {
            throw new DamagedPointerException(file, "its size is negative");
        }
        ArtifactMetadata.Builder metadata = ArtifactMetadata.builder().contentType(required(properties, "content-type", file));
        Map<String, String> attributes = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(ATTRIBUTE_PREFIX)) {
                attributes.put(name.substring(ATTRIBUTE_PREFIX.length()), properties.getProperty(name));
            }
        }
        attributes.forEach(metadata::attribute);
        return new Pointer(key, blob, size, sha256, createdAt, metadata.build());
    }

    private static String required(Properties properties, String name, Path file)
            throws DamagedPointerException
    {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new DamagedPointerException(file, "'" + name + "' is missing");
        }
        return value;
    }

    /** A pointer file that cannot be read as a complete pointer. */
    static final class DamagedPointerException
            extends IOException
    {
        private static final long serialVersionUID = 1L;

        DamagedPointerException(Path file, String reason)
        {
            super("The artifact metadata file " + file + " is damaged: " + reason
                    + ". Delete the file to drop the artifact, or restore it from a backup");
        }
    }
}
