package dev.slipway.server.buildspec;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft-07) of buildspec files, for editors (e.g. the VS Code YAML extension's
 * {@code yaml.schemas}) and for the REST API to serve. It describes every key {@link BuildspecParser} reads, with a
 * description on each, and accepts every buildspec the parser accepts; keys it does not know are allowed, because
 * the parser only warns about them. Some checks exist only in the parser (unique batch identifiers, depend-on
 * references and cycles, retry regexes that compile, secret reference fields).
 *
 * <p>Immutable and thread-safe; the schema is read from the class path once.
 */
public final class BuildspecSchema
{
    /** The media type to serve it with. */
    public static final String MEDIA_TYPE = "application/schema+json";

    private static final String RESOURCE = "buildspec.schema.json";

    private final byte[] bytes;

    public BuildspecSchema()
    {
        try (InputStream in = BuildspecSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new SlipwayException(ErrorCode.INTERNAL, "The buildspec JSON Schema " + RESOURCE + " is missing from the class path");
            }
            this.bytes = in.readAllBytes();
        }
        catch (IOException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "Cannot read the buildspec JSON Schema " + RESOURCE, e);
        }
    }

    /** @return the schema as UTF-8 JSON; a new copy on each call */
    public byte[] bytes()
    {
        return bytes.clone();
    }

    /** @return the schema as JSON text */
    public String json()
    {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
