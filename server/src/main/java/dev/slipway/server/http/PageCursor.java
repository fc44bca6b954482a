package dev.slipway.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.slipway.api.ErrorCode;
import dev.slipway.api.SlipwayException;

/**
 * Cursors of paginated lists ({@code ?limit=&cursor=}, {@code "nextCursor"}): the position after the last item of a
 * page, opaque to clients (Base64url text), so that a list's ordering key can change without breaking them.
 */
public final class PageCursor
{
    private PageCursor() {}

    /** @return the cursor for a position */
    public static String encode(String position)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param cursor the {@code cursor} query parameter, possibly absent or empty
     * @return the position it stands for
     * @throws SlipwayException INVALID_ARGUMENT if it is not a cursor this server returned
     */
    public static Optional<String> decode(String cursor)
    {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
    }

    /** @throws SlipwayException INVALID_ARGUMENT naming the cursor */
    public static SlipwayException invalid(String cursor)
    {
        return new SlipwayException(ErrorCode.INVALID_ARGUMENT, "cursor: '" + cursor + "' is not a cursor this server returned; "
                + "pass the nextCursor of the previous page, or no cursor for the first page", List.of("cursor: not a cursor this server returned"));
    }

    /**
     * @param limit the {@code limit} query parameter as sent (text, so that "ten" is a 400 naming it rather than the 404
     *        JAX-RS gives a query parameter it cannot convert); null or empty for the default
     * @return the page size
     * @throws SlipwayException INVALID_ARGUMENT if it is not a whole number from 1 to {@code maximum}
     */
    public static int limit(String limit, int defaultLimit, int maximum)
    {
        if (limit == null || limit.isBlank()) {
            return defaultLimit;
        }
        int value;
        try {
            value = Integer.parseInt(limit.trim());
        }
        catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 1 || value > maximum) {
            String detail = "limit: must be a whole number from 1 to " + maximum + ", was '" + limit + "'";
            throw new SlipwayException(ErrorCode.INVALID_ARGUMENT, detail, List.of(detail));
        }
        return value;
    }
}
