package dev.slipway.server.buildspec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …" for unknown keys: the closest known key, when it is close enough to be a likely typo
 * ({@code discard_paths} → {@code discard-paths}, {@code prebuild} → {@code pre_build}, {@code variable} →
 * {@code variables}).
 */
final class KeySuggestions
{
    private static final int MAX_DISTANCE = 2;

    private KeySuggestions() {}

    static Optional<String> closest(String unknown, Collection<String> known)
    {
        String normalizedUnknown = normalize(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String normalizedCandidate = normalize(candidate);
            int distance = normalizedUnknown.equals(normalizedCandidate)
                    ? 0
                    : distance(unknown.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Short keys are all within 2 edits of each other; only suggest when the typo is small relative to the word.
        if (best == null || bestDistance > Math.min(MAX_DISTANCE, Math.max(1, best.length() / 3))) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    static String didYouMean(String unknown, Collection<String> known)
    {
        return closest(unknown, known).map(key -> "; did you mean '" + key + "'?").orElse("");
    }

    /** Case, '-' and '_' are the usual slips between CodeBuild's kebab-case keys and the phases' snake_case names. */
    private static String normalize(String key)
    {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance; keys are short, so the quadratic table is fine. Longer inputs are cut for safety. */
    private static int distance(String left, String right)
    {
        String a = left.length() > 64 ? left.substring(0, 64) : left;
        String b = right.length() > 64 ? right.substring(0, 64) : right;
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
