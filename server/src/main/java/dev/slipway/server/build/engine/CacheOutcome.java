package dev.slipway.server.build.engine;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the build did with its cache.
 *
 * @param key the evaluated {@code cache.key}; empty for the project's unkeyed cache
 * @param version the hash of {@code cache.paths} that keyed entries are stored under
 * @param restore what happened when the cache was restored; empty if it was not attempted ({@code action: save},
 *        or the build did not get that far)
 * @param save what happened when the cache was saved; empty if it was not attempted
 */
public record CacheOutcome(Optional<String> key, String version, Optional<Restore> restore, Optional<Save> save)
{
    public CacheOutcome
    {
        requireNonNull(key, "key is null");
        requireNonNull(version, "version is null");
        requireNonNull(restore, "restore is null");
        requireNonNull(save, "save is null");
    }

    /**
     * @param hit true if an entry was found and restored
     * @param matchedKey the key of the entry restored: the key itself or the entry a fallback key matched
     * @param size the restored archive's size in bytes (0 on a miss)
     */
    public record Restore(boolean hit, Optional<String> matchedKey, long size)
    {
        public Restore
        {
            requireNonNull(matchedKey, "matchedKey is null");
        }
    }

    /**
     * @param saved true if a new entry was written
     * @param size the stored archive's size in bytes (0 if nothing was written)
     * @param reason why nothing was written, e.g. that a keyed entry exists already and is never updated
     */
    public record Save(boolean saved, long size, Optional<String> reason)
    {
        public Save
        {
            requireNonNull(reason, "reason is null");
        }
    }
}
