package dev.slipway.server.secret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * <p>Matching is one pass of an Aho–Corasick automaton over the line, whatever the number of secrets, which skips
 * ahead wherever no secret form can begin (by windows of the shortest form's length when all forms have 8 or more
 * characters, else to the next character a form begins with when few do); a line that
 * contains no secret is returned as the same instance, and {@link #none()} returns every line unchanged without
 * looking at it. The automaton's shallow states (where a line without secrets spends its time) have a complete
 * transition row; deeper states keep only their trie edges and follow failure links, so memory grows with the
 * total length of the secrets, not with length × alphabet (a 3 KB private key costs a few hundred KB, not
 * megabytes).
 */
public final class SecretMasker
{
    public static final String MASK = "***";
    static final int MIN_LINE_LENGTH = 4;
    /** Cells (ints) of complete transition rows; the states beyond them are sparse. 256 KB. */
    static final int DENSE_CELLS = 1 << 16;
    private static final int MATCH_FLAG = Integer.MIN_VALUE;
    private static final int MAX_FIRST_CHARACTERS = 8;
    private static final int MIN_WINDOW = 8;

    private static final SecretMasker NONE = new SecretMasker(List.of(), Set.of(), DENSE_CELLS);

    private final List<String> secrets;
    private final Set<String> patterns;
    private final int denseCells;
    // alphabet[c] is the column of char c (0 = a char no pattern contains).
    private final char[] alphabet;
    private final int columns;
    // States are numbered in breadth-first order. States below denseStates have a complete row in `dense`.
    private final int denseStates;
    private final int[] dense;
    // Deeper states: trie edges in CSR form (edgeStart[s] .. edgeStart[s + 1]), columns sorted, and failure links.
    private final int[] edgeStart;
    private final char[] edgeColumn;
    private final int[] edgeTarget;
    private final int[] failure;
    // Length of the longest pattern that ends in each state (0 = none), following dictionary suffix links.
    private final int[] matchLength;
    // When few characters start a pattern: those characters, so that a scan at the start state can jump to the next
    // place where a secret may begin with String.indexOf (vectorised by the JVM) instead of stepping character by
    // character. Null when there are too many of them for that to pay.
    private final char[] firstCharacters;
    // When every pattern is at least MIN_WINDOW characters long: the length of the shortest one, and per column how far
    // a window of that length may move when that column's character ends it (Set-Horspool), and whether it ends a
    // pattern's first `window` characters. A scan at the start state then looks at every few characters only, even in
    // text full of the characters secrets begin with. 0: not used.
    private final int window;
    private final int[] windowShift;
    private final boolean[] windowEnd;

    private SecretMasker(List<String> secrets, Set<String> patterns, int denseCells)
    {
        this.secrets = List.copyOf(secrets);
        this.patterns = Set.copyOf(patterns);
        this.denseCells = denseCells;
        if (patterns.isEmpty()) {
            alphabet = null;
            columns = 0;
            denseStates = 0;
            dense = null;
            edgeStart = null;
            edgeColumn = null;
            edgeTarget = null;
            failure = null;
            matchLength = null;
            firstCharacters = null;
            window = 0;
            windowShift = null;
            windowEnd = null;
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

        // The trie, with states numbered in insertion order; edges in a hash map keyed by (state, column).
        Map<Long, Integer> trieEdges = new HashMap<>();
        int[] trieLength = new int[maxStates];
        int[] childCount = new int[maxStates];
        int trieStates = 1;
        for (String pattern : patterns) {
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                long edge = edgeKey(state, columnOf[pattern.charAt(i)]);
                Integer next = trieEdges.get(edge);
                if (next == null) {
                    next = trieStates++;
                    trieEdges.put(edge, next);
                    childCount[state]++;
                }
                state = next;
            }
            trieLength[state] = Math.max(trieLength[state], pattern.length());
        }
        // Children of each trie state, sorted by column.
        int[] childStart = new int[trieStates + 1];
        for (int state = 0; state < trieStates; state++) {
            childStart[state + 1] = childStart[state] + childCount[state];
        }
        long[] sortedEdges = new long[trieEdges.size()];
        int[] fill = Arrays.copyOf(childStart, trieStates);
        for (Map.Entry<Long, Integer> entry : trieEdges.entrySet()) {
            int state = (int) (entry.getKey() >>> 16);
            sortedEdges[fill[state]++] = ((long) (entry.getKey() & 0xffff) << 32) | entry.getValue();
        }
        for (int state = 0; state < trieStates; state++) {
            Arrays.sort(sortedEdges, childStart[state], childStart[state + 1]);
        }

        // Breadth-first renumbering, so that every state's failure target (which is shallower) has a smaller number.
        int[] order = new int[trieStates];
        int[] number = new int[trieStates];
        int tail = 1;
        for (int head = 0; head < tail; head++) {
            int state = order[head];
            number[state] = head;
            for (int e = childStart[state]; e < childStart[state + 1]; e++) {
                order[tail++] = (int) sortedEdges[e];
            }
        }
        int states = trieStates;
        int[] starts = new int[states + 1];
        char[] edgeColumns = new char[sortedEdges.length];
        int[] edgeTargets = new int[sortedEdges.length];
        int[] lengths = new int[states];
        int edges = 0;
        for (int s = 0; s < states; s++) {
            int old = order[s];
            starts[s] = edges;
            lengths[s] = trieLength[old];
            for (int e = childStart[old]; e < childStart[old + 1]; e++) {
                edgeColumns[edges] = (char) (sortedEdges[e] >>> 32);
                edgeTargets[edges] = number[(int) sortedEdges[e]];
                edges++;
            }
        }
        starts[states] = edges;
        this.edgeStart = starts;
        this.edgeColumn = edgeColumns;
        this.edgeTarget = edgeTargets;

        int denseCount = Math.max(1, Math.min(states, denseCells / columns));
        int[] rows = new int[denseCount * columns];
        int[] failures = new int[states];
        // In breadth-first order every state's failure state is known before its children are reached.
        for (int s = 0; s < states; s++) {
            if (s > 0) {
                lengths[s] = Math.max(lengths[s], lengths[failures[s]]);
            }
            for (int e = starts[s]; e < starts[s + 1]; e++) {
                int child = edgeTargets[e];
                failures[child] = s == 0 ? 0 : step(failures[s], edgeColumns[e], denseCount, rows, columns, starts, edgeColumns, edgeTargets, failures);
            }
            if (s < denseCount) {
                for (int column = 0; column < columns; column++) {
                    int child = child(s, (char) column, starts, edgeColumns, edgeTargets);
                    rows[s * columns + column] = child >= 0 ? child : s == 0 ? 0 : rows[failures[s] * columns + column];
                }
            }
        }
        // A dense cell whose target state ends a pattern gets the sign bit, so the scan tests one value per character.
        for (int cell = 0; cell < rows.length; cell++) {
            if (lengths[rows[cell]] > 0) {
                rows[cell] |= MATCH_FLAG;
            }
        }
        Set<Character> firsts = new java.util.TreeSet<>();
        patterns.forEach(pattern -> firsts.add(pattern.charAt(0)));
        if (firsts.size() <= MAX_FIRST_CHARACTERS) {
            char[] characters = new char[firsts.size()];
            int index = 0;
            for (char c : firsts) {
                characters[index++] = c;
            }
            this.firstCharacters = characters;
        }
        else {
            this.firstCharacters = null;
        }
        int shortest = patterns.stream().mapToInt(String::length).min().orElseThrow();
        if (shortest >= MIN_WINDOW) {
            int[] shifts = new int[columns];
            boolean[] ends = new boolean[columns];
            Arrays.fill(shifts, shortest);
            for (String pattern : patterns) {
                for (int j = 0; j < shortest - 1; j++) {
                    int column = columnOf[pattern.charAt(j)];
                    shifts[column] = Math.min(shifts[column], shortest - 1 - j);
                }
                ends[columnOf[pattern.charAt(shortest - 1)]] = true;
            }
            this.window = shortest;
            this.windowShift = shifts;
            this.windowEnd = ends;
        }
        else {
            this.window = 0;
            this.windowShift = null;
            this.windowEnd = null;
        }
        this.denseStates = denseCount;
        this.dense = rows;
        this.failure = failures;
        this.matchLength = lengths;
    }

    private static long edgeKey(int state, int column)
    {
        return ((long) state << 16) | column;
    }

    /** The automaton's move from {@code state} on {@code column}. */
    private static int step(int state, char column, int denseCount, int[] rows, int columns, int[] starts, char[] edgeColumns, int[] edgeTargets,
            int[] failures)
    {
        while (state >= denseCount) {
            int child = child(state, column, starts, edgeColumns, edgeTargets);
            if (child >= 0) {
                return child;
            }
            state = failures[state];
        }
        return rows[state * columns + column] & ~MATCH_FLAG;
    }

    private static int child(int state, char column, int[] starts, char[] edgeColumns, int[] edgeTargets)
    {
        int low = starts[state];
        int high = starts[state + 1] - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            char found = edgeColumns[middle];
            if (found < column) {
                low = middle + 1;
            }
            else if (found > column) {
                high = middle - 1;
            }
            else {
                return edgeTargets[middle];
            }
        }
        return -1;
    }

    /** @return the ints the automaton keeps, for tests of its memory bound */
    long automatonCells()
    {
        if (dense == null) {
            return 0;
        }
        return (long) dense.length + edgeStart.length + edgeColumn.length / 2 + edgeTarget.length + failure.length + matchLength.length;
    }

    /** @return the length of the windows the scan skips by (the shortest form's), or 0 if it does not; for tests */
    int window()
    {
        return window;
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

    /** For tests: a masker whose complete transition rows may use at most {@code denseCells} ints. */
    static SecretMasker of(Collection<String> secretValues, int denseCells)
    {
        return new SecretMasker(List.of(), Set.of(), denseCells).with(secretValues);
    }

    /** @return every text this masker replaces (values, their encodings and lines), for tests */
    Set<String> patterns()
    {
        return patterns;
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
        return added ? new SecretMasker(allSecrets, allPatterns, denseCells) : this;
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
        if (dense == null) {
            return text;
        }
        char[] alphabet = this.alphabet;
        int[] dense = this.dense;
        int columns = this.columns;
        int denseStates = this.denseStates;
        int textLength = text.length();
        int state = 0;
        // Masked ranges are collected lazily: most lines contain no secret and must not allocate.
        int[] ranges = null;
        int rangeCount = 0;
        char[] firsts = firstCharacters;
        // One past the next place of each first character at or after the scan position; 0: not looked for yet
        // (so that a fresh array needs no fill), -1: none left.
        int[] nextFirst = null;
        for (int i = 0; i < textLength; i++) {
            if (state == 0 && window > 0) {
                i = nextWindow(text, i);
                if (i < 0) {
                    break;
                }
            }
            else if (state == 0 && firsts != null) {
                if (nextFirst == null) {
                    nextFirst = new int[firsts.length];
                }
                int candidate = Integer.MAX_VALUE;
                for (int k = 0; k < firsts.length; k++) {
                    int next = nextFirst[k];
                    if (next != -1 && next <= i) {
                        int found = text.indexOf(firsts[k], i);
                        next = found < 0 ? -1 : found + 1;
                        nextFirst[k] = next;
                    }
                    if (next > 0 && next - 1 < candidate) {
                        candidate = next - 1;
                    }
                }
                if (candidate == Integer.MAX_VALUE) {
                    break;
                }
                i = candidate;
            }
            char column = alphabet[text.charAt(i)];
            if (column == 0) {
                // A character no secret contains: back to the start.
                state = 0;
                continue;
            }
            if (state < denseStates) {
                int next = dense[state * columns + column];
                state = next & ~MATCH_FLAG;
                if (next >= 0) {
                    continue;
                }
            }
            else {
                state = step(state, column, denseStates, dense, columns, edgeStart, edgeColumn, edgeTarget, failure);
            }
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

    /**
     * @return the first position at or after {@code from} where a secret form may begin, or -1 if none can: where the
     *         character that ends a window of the shortest form's length ends the beginning of some form. Elsewhere the
     *         window moves on as far as that character allows (it cannot be part of a form beginning in between).
     */
    private int nextWindow(String text, int from)
    {
        int[] shifts = windowShift;
        boolean[] ends = windowEnd;
        char[] alphabet = this.alphabet;
        int last = text.length() - window;
        int end = window - 1;
        int position = from;
        while (position <= last) {
            int column = alphabet[text.charAt(position + end)];
            if (ends[column]) {
                return position;
            }
            position += shifts[column];
        }
        return -1;
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
