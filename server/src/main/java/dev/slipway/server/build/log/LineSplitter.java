package dev.slipway.server.build.log;

/**
 * Where to cut a line that is longer than the limit: at a UTF-8 character boundary (never inside a multi-byte
 * character, so both pieces decode to the same characters), and not inside a short ANSI escape sequence (so colours
 * survive the cut). Works on the encoded bytes, because the limit is one of bytes in the file.
 */
final class LineSplitter
{
    private static final byte ESCAPE = 0x1b;
    // An escape sequence that starts this close before a cut and has not ended is moved whole to the next piece.
    static final int ESCAPE_LOOKBACK = 32;

    private LineSplitter() {}

    /**
     * @param bytes UTF-8 text
     * @param start where the piece starts
     * @param end where the text ends
     * @param limit the most bytes a piece may have, at least {@code 2 * ESCAPE_LOOKBACK}
     * @return where the piece that starts at {@code start} ends: {@code end} if the rest fits, otherwise a position in
     *         {@code (start, start + limit]}
     */
    static int cut(byte[] bytes, int start, int end, int limit)
    {
        if (end - start <= limit) {
            return end;
        }
        int cut = start + limit;
        // Back to the first byte of a character: continuation bytes are 10xxxxxx.
        while (cut > start && (bytes[cut] & 0xC0) == 0x80) {
            cut--;
        }
        if (cut == start) {
            // Not UTF-8 at all (a run of continuation bytes); any cut is as good as another.
            return start + limit;
        }
        int escape = openEscape(bytes, Math.max(start + 1, cut - ESCAPE_LOOKBACK), cut);
        return escape > start ? escape : cut;
    }

    /** @return the start of an escape sequence in {@code [from, cut)} that is still open at {@code cut}, or -1 */
    private static int openEscape(byte[] bytes, int from, int cut)
    {
        for (int i = cut - 1; i >= from; i--) {
            if (bytes[i] == ESCAPE) {
                return isTerminated(bytes, i, cut) ? -1 : i;
            }
        }
        return -1;
    }

    /** CSI ({@code ESC [ params final}) ends at a byte 0x40–0x7E; other escapes are two bytes. */
    private static boolean isTerminated(byte[] bytes, int escape, int cut)
    {
        if (escape + 1 >= cut) {
            return false;
        }
        if (bytes[escape + 1] != '[') {
            return true;
        }
        for (int i = escape + 2; i < cut; i++) {
            if (bytes[i] >= 0x40 && bytes[i] <= 0x7e) {
                return true;
            }
        }
        return false;
    }
}
