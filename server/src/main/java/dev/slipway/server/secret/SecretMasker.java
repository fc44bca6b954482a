package dev.slipway.server.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Replaces secret values by {@value #MASK} in log text. Immutable and thread-safe: the build engine masks every
 * line before its listener sees it, and the build service's log store can reuse the same instance.
 *
 * <p>For each secret value it masks the value itself, its Base64 forms (standard and URL-safe, with and without
 * padding), its URL-encoded forms ({@code +} and {@code %20} for spaces) and, for a multi-line value, each of its
 * lines that is at least {@value #MIN_LINE_LENGTH} characters long after trimming (shorter lines such as a lone
 * {@code "}"} of a JSON document would mask ordinary text everywhere and protect nothing). Overlapping or adjacent
 * matches are masked as one.
 *
 * <p>Matching is one pass of an Aho–Corasick automaton over the line, whatever the number of secrets; a line that
 * contains no secret is returned as the same instance, and {@link #none()} returns every line unchanged without
 * looking at it.
 */
public final class SecretMasker
{
    public static final String MASK = "***";
    static final int MIN_LINE_LENGTH = 4;

    private static final SecretMasker NONE = new SecretMasker(List.of(), Set.of());

    private final List<String> secrets;
    private final Set<String> patterns;
    // Automaton: alphabet-compressed DFA. alphabet[c] is the column of char c (0 = a char no pattern contains).
    private final char[] alphabet;
    private final int columns;
    private final int[] transitions;
    // Length of the longest pattern that ends in each state (0 = none), following dictionary suffix links.
    private final int[] matchLength;

    private SecretMasker(List<String> secrets, Set<String> patterns)
    {
        this.secrets = List.copyOf(secrets);
        this.patterns = Set.copyOf(patterns);
        if (patterns.isEmpty()) {
            alphabet = null;
            columns = 0;
            transitions = null;
            matchLength = null;
            return;
        }
        char[] columnOf = new char[Character.MAX_VALUE + 1];
        int nextColumn = 1;
        int maxStates = 1;
        for (String pattern : patterns) {
            maxStates += pattern.length();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (columnOf[c] == 0) {
                    columnOf[c] = (char) nextColumn++;
                }
            }
        }
        this.alphabet = columnOf;
        this.columns = nextColumn;
        int[] trie = new int[maxStates * columns];
        Arrays.fill(trie, -1);
        int[] lengths = new int[maxStates];
        int states = 1;
        for (String pattern : patterns) {
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                int column = columnOf[pattern.charAt(i)];
                int next = trie[state * columns + column];
                if (next < 0) {
                    next = states++;
                    trie[state * columns + column] = next;
                }
                state = next;
            }
            lengths[state] = Math.max(lengths[state], pattern.length());
        }
        // Breadth-first construction of failure links, turning the trie into a complete DFA.
        int[] failure = new int[states];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int column = 0; column < columns; column++) {
            int next = trie[column];
            if (next < 0) {
                trie[column] = 0;
            }
            else {
                failure[next] = 0;
                queue[tail++] = next;
            }
        }
        while (head < tail) {
            int state = queue[head++];
            lengths[state] = Math.max(lengths[state], lengths[failure[state]]);
            for (int column = 0; column < columns; column++) {
                int index = state * columns + column;
                int next = trie[index];
                int fallback = trie[failure[state] * columns + column];
                if (next < 0) {
                    trie[index] = fallback;
                }
                else {
                    failure[next] = fallback;
                    queue[tail++] = next;
                }
            }
        }
        this.transitions = Arrays.copyOf(trie, states * columns);
        this.matchLength = Arrays.copyOf(lengths, states);
    }

    /** @return a masker that masks nothing */
    public static SecretMasker none()
    {
        return NONE;
    }

    /** @return a masker for these secret values (blank values are ignored) */
    public static SecretMasker of(Collection<String> secretValues)
    {
        return NONE.with(secretValues);
    }

    /** @return a masker that masks this masker's secrets and {@code moreSecretValues} */
    public SecretMasker with(Collection<String> moreSecretValues)
    {
        requireNonNull(moreSecretValues, "moreSecretValues is null");
        List<String> allSecrets = new ArrayList<>(secrets);
        Set<String> allPatterns = new LinkedHashSet<>(patterns);
        boolean added = false;
        for (String value : moreSecretValues) {
            requireNonNull(value, "secret value is null");
            if (value.isBlank() || allSecrets.contains(value)) {
                continue;
            }
            allSecrets.add(value);
            allPatterns.addAll(variants(value));
            added = true;
        }
        return added ? new SecretMasker(allSecrets, allPatterns) : this;
    }

    /** @return true if this masker masks nothing */
    public boolean isEmpty()
    {
        return patterns.isEmpty();
    }

    /** @return the number of distinct secret values this masker was given */
    public int secretCount()
    {
        return secrets.size();
    }

    /**
     * @return {@code text} with every secret form replaced by {@value #MASK}; the same instance when it contains
     *         none
     */
    public String mask(String text)
    {
        if (transitions == null) {
            return text;
        }
        int state = 0;
        // Masked ranges are collected lazily: most lines contain no secret and must not allocate.
        int[] ranges = null;
        int rangeCount = 0;
        for (int i = 0; i < text.length(); i++) {
            state = transitions[state * columns + alphabet[text.charAt(i)]];
            int length = matchLength[state];
            if (length > 0) {
                int start = i - length + 1;
                if (rangeCount > 0 && start <= ranges[2 * rangeCount - 1]) {
                    ranges[2 * rangeCount - 1] = i + 1;
                    ranges[2 * rangeCount - 2] = Math.min(ranges[2 * rangeCount - 2], start);
                    // A long match can reach back over earlier ranges: merge them into one.
                    while (rangeCount > 1 && ranges[2 * rangeCount - 2] <= ranges[2 * rangeCount - 3]) {
                        ranges[2 * rangeCount - 4] = Math.min(ranges[2 * rangeCount - 4], ranges[2 * rangeCount - 2]);
                        ranges[2 * rangeCount - 3] = ranges[2 * rangeCount - 1];
                        rangeCount--;
                    }
                }
                else {
                    if (ranges == null) {
                        ranges = new int[8];
                    }
                    else if (2 * rangeCount + 2 > ranges.length) {
                        ranges = Arrays.copyOf(ranges, ranges.length * 2);
                    }
                    ranges[2 * rangeCount] = start;
                    ranges[2 * rangeCount + 1] = i + 1;
                    rangeCount++;
                }
            }
        }
        if (rangeCount == 0) {
            return text;
        }
        StringBuilder masked = new StringBuilder(text.length());
        int position = 0;
        for (int range = 0; range < rangeCount; range++) {
            masked.append(text, position, ranges[2 * range]).append(MASK);
            position = ranges[2 * range + 1];
        }
        return masked.append(text, position, text.length()).toString();
    }

    private static Set<String> variants(String value)
    {
        Set<String> variants = new LinkedHashSet<>();
        addEncodings(variants, value);
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            for (String line : value.split("\r\n|\r|\n")) {
                String trimmed = line.strip();
                if (trimmed.length() >= MIN_LINE_LENGTH) {
                    variants.add(trimmed);
                    if (!trimmed.equals(line) && !line.isBlank()) {
                        variants.add(line);
                    }
                }
            }
        }
        return variants;
    }

    private static void addEncodings(Set<String> variants, String value)
    {
        variants.add(value);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        variants.add(base64);
        variants.add(stripPadding(base64));
        String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
        variants.add(urlSafe);
        variants.add(stripPadding(urlSafe));
        String formEncoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        variants.add(formEncoded);
        variants.add(formEncoded.replace("+", "%20"));
        variants.removeIf(String::isEmpty);
    }

    private static String stripPadding(String base64)
    {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    @Override
    public String toString()
    {
        // Never the values themselves.
        return "SecretMasker{secrets=" + secrets.size() + ", patterns=" + patterns.size() + "}";
    }
}
