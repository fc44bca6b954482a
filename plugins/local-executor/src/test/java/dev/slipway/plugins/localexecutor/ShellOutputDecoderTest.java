package dev.slipway.plugins.localexecutor;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShellOutputDecoderTest
{
    private static final String MARKER = "slipway-0123456789abcdef0123456789abcdef-";

    private final List<String> events = new ArrayList<>();
    private final ShellOutputDecoder.Listener listener = new ShellOutputDecoder.Listener()
    {
        @Override
        public void line(String line)
        {
            events.add("line:" + line);
        }

        @Override
        public void marker(int number, String flags)
        {
            events.add("marker:" + number + ":" + flags);
        }
    };

    private ShellOutputDecoder decoder()
    {
        return new ShellOutputDecoder(MARKER.getBytes(StandardCharsets.US_ASCII), ShellOutputDecoder.DEFAULT_MAX_LINE_BYTES);
    }

    private void feedInPieces(ShellOutputDecoder decoder, byte[] bytes, int pieceSize)
    {
        for (int offset = 0; offset < bytes.length; offset += pieceSize) {
            decoder.feed(bytes, offset, Math.min(pieceSize, bytes.length - offset), listener);
        }
    }

    private static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsLinesAndStripsTheirTerminators()
    {
        decoder().feed(utf8("one\ntwo\r\n\nthree\n"), 0, 16, listener);

        assertThat(events).containsExactly("line:one", "line:two", "line:", "line:three");
    }

    @Test
    void markerAtTheStartOfALineEndsTheCommandAndIsNotALine()
    {
        ShellOutputDecoder decoder = decoder();
        byte[] bytes = utf8("out\n" + MARKER + "3 hBs\nlater\n");
        decoder.feed(bytes, 0, bytes.length, listener);

        assertThat(events).containsExactly("line:out", "marker:3:hBs", "line:later");
    }

    @Test
    void markerAfterAPartialLineDeliversThePartialLineFirst()
    {
        ShellOutputDecoder decoder = decoder();
        byte[] bytes = utf8("no newline" + MARKER + "0 s\n");
        decoder.feed(bytes, 0, bytes.length, listener);

        assertThat(events).containsExactly("line:no newline", "marker:0:s");
    }

    @Test
    void markerWithoutFlagsIsRecognised()
    {
        ShellOutputDecoder decoder = decoder();
        byte[] bytes = utf8(MARKER + "127 \n");
        decoder.feed(bytes, 0, bytes.length, listener);

        assertThat(events).containsExactly("marker:127:");
    }

    @Test
    void markerSplitAcrossReadsIsRecognised()
    {
        feedInPieces(decoder(), utf8("partial" + MARKER + "42 hxBs\nnext\n"), 1);

        assertThat(events).containsExactly("line:partial", "marker:42:hxBs", "line:next");
    }

    @Test
    void somethingLikeAMarkerIsAnOrdinaryLine()
    {
        ShellOutputDecoder decoder = decoder();
        String other = "slipway-ffffffffffffffffffffffffffffffff-";
        byte[] bytes = utf8(other + "0 hBs\n" + MARKER + "x hBs\n" + MARKER + "1 hB5\n" + MARKER + "\n");
        decoder.feed(bytes, 0, bytes.length, listener);

        assertThat(events).containsExactly("line:" + other + "0 hBs", "line:" + MARKER + "x hBs", "line:" + MARKER + "1 hB5", "line:" + MARKER);
    }

    @Test
    void multiByteCharactersSplitAcrossReadsDecodeIntact()
    {
        feedInPieces(decoder(), utf8("héllo ✓ 日本語 🚢\n"), 1);

        assertThat(events).containsExactly("line:héllo ✓ 日本語 🚢");
    }

    @Test
    void malformedBytesBecomeReplacementCharacters()
    {
        byte[] bytes = {'a', (byte) 0xFF, 'b', '\n'};
        decoder().feed(bytes, 0, bytes.length, listener);

        assertThat(events).containsExactly("line:a\uFFFDb");
    }

    @Test
    void finalPartialLineIsDeliveredAtTheEndOfTheStream()
            throws Exception
    {
        ShellOutputDecoder decoder = decoder();
        InputStream in = new ByteArrayInputStream(utf8("a\ntail"));
        while (decoder.readFrom(in, listener)) {
            // read everything
        }

        assertThat(events).containsExactly("line:a", "line:tail");
    }

    @Test
    void lineLongerThanTheLimitIsDeliveredInPiecesCutAtCharacterBoundaries()
    {
        int limit = 4096;
        ShellOutputDecoder decoder = new ShellOutputDecoder(MARKER.getBytes(StandardCharsets.US_ASCII), limit);
        String line = "ü".repeat(200_000) + "\n";
        feedInPieces(decoder, utf8(line), 10_000);

        assertThat(events).hasSizeGreaterThan(1);
        StringBuilder joined = new StringBuilder();
        for (String event : events) {
            assertThat(event).startsWith("line:").doesNotContain("\uFFFD");
            joined.append(event.substring("line:".length()));
        }
        assertThat(joined.toString()).isEqualTo(line.strip());
    }

    @Test
    void markerAfterAVeryLongLineIsStillRecognised()
    {
        int limit = 4096;
        ShellOutputDecoder decoder = new ShellOutputDecoder(MARKER.getBytes(StandardCharsets.US_ASCII), limit);
        String text = "x".repeat(300_000);
        feedInPieces(decoder, utf8(text + MARKER + "9 s\n"), 777);

        assertThat(events).last().isEqualTo("marker:9:s");
        assertThat(String.join("", events.subList(0, events.size() - 1)).replace("line:", "")).isEqualTo(text);
    }

    @Test
    void newlineSearchFindsTheFirstNewlineAtEveryPosition()
    {
        for (int length = 0; length < 40; length++) {
            for (int position = 0; position < length; position++) {
                byte[] bytes = new byte[length];
                java.util.Arrays.fill(bytes, (byte) ('\n' + 1));
                bytes[position] = '\n';
                if (position + 3 < length) {
                    bytes[position + 3] = '\n';
                }
                assertThat(ShellOutputDecoder.indexOfNewline(bytes, 0, length)).isEqualTo(position);
                assertThat(ShellOutputDecoder.indexOfNewline(bytes, position + 1, length)).isEqualTo(position + 3 < length ? position + 3 : -1);
            }
            byte[] none = new byte[length];
            java.util.Arrays.fill(none, (byte) 0x8A);
            assertThat(ShellOutputDecoder.indexOfNewline(none, 0, length)).isEqualTo(-1);
        }
    }
}
