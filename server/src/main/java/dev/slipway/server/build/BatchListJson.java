package dev.slipway.server.build;

import java.util.List;

/**
 * A page of batch builds, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record BatchListJson(List<BatchJson> batches, String nextCursor)
{
}
