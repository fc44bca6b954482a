package dev.slipway.server.build.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class LineSplitterTest
{
    private static final int LIMIT = 100;

    @Test
    void aPieceThatFitsEndsAtTheEnd()
    {
        byte[] text = "x".repeat(LIMIT).getBytes(UTF_8);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(LIMIT);
    }

    @Test
    void plainTextIsCutAtTheLimit()
    {
        byte[] text = "x".repeat(250).getBytes(UTF_8);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(100);
        assertThat(LineSplitter.cut(text, 100, text.length, LIMIT)).isEqualTo(200);
        assertThat(LineSplitter.cut(text, 200, text.length, LIMIT)).isEqualTo(250);
    }

    @Test
    void aCutInsideAMultiByteCharacterMovesToItsStart()
    {
        // 98 bytes, then a 4-byte character across the limit.
        byte[] text = ("x".repeat(98) + "😀" + "tail").getBytes(UTF_8);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(98);
    }

    @Test
    void bytesThatAreNotUtf8AreCutAtTheLimit()
    {
        byte[] text = new byte[250];
        Arrays.fill(text, (byte) 0x80);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(100);
    }

    @Test
    void anOpenColourSequenceMovesWholeToTheNextPiece()
    {
        byte[] text = ("x".repeat(96) + "\u001b[1;31mred").getBytes(UTF_8);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(96);
    }

    @Test
    void aFinishedColourSequenceStaysWhereItIs()
    {
        byte[] text = ("x".repeat(90) + "\u001b[31m" + "y".repeat(20)).getBytes(UTF_8);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(100);
    }

    @Test
    void aTwoByteEscapeIsFinishedAtItsSecondByte()
    {
        byte[] text = ("x".repeat(97) + "\u001b7" + "y".repeat(20)).getBytes(UTF_8);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(100);
    }

    @Test
    void anEscapeFurtherBackThanTheLookbackIsNotFollowed()
    {
        // An unterminated CSI 40 bytes before the cut is garbage, not a colour: cutting at the limit is fine.
        byte[] text = ("x".repeat(60) + "\u001b[" + "1".repeat(100)).getBytes(UTF_8);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(100);
    }

    @Test
    void anEscapeAtTheStartOfThePieceDoesNotMakeAnEmptyPiece()
    {
        byte[] text = ("\u001b[" + "1".repeat(200)).getBytes(UTF_8);

        assertThat(LineSplitter.cut(text, 0, text.length, LIMIT)).isEqualTo(100);
    }
}
