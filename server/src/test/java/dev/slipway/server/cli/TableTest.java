package dev.slipway.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TableTest
{
    private static String print(Table table, Styles styles)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), styles);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void columnsAreAsWideAsTheirWidestCellAndLinesEndWithoutBlanks()
    {
        Table table = new Table("ID", "STATUS", "NOTE").row("web:1", "SUCCEEDED", "").row("a-much-longer-id", null, "last");

        assertThat(print(table, new Styles(false))).isEqualTo("""
                ID                STATUS     NOTE
                web:1             SUCCEEDED  -
                a-much-longer-id  -          last
                """);
    }

    @Test
    void colourCodesTakeNoWidth()
    {
        Styles colours = new Styles(true);
        Table table = new Table("STATUS", "PHASE").row(colours.status("FAILED"), "BUILD").row(colours.status("IN_PROGRESS"), "QUEUED");

        String printed = print(table, colours);

        assertThat(printed).contains("\033[31mFAILED\033[0m       BUILD\n", "\033[34mIN_PROGRESS\033[0m  QUEUED\n", "\033[1mSTATUS\033[0m       ");
        assertThat(printed.replaceAll("\033\\[[0-9;]*m", "")).isEqualTo("""
                STATUS       PHASE
                FAILED       BUILD
                IN_PROGRESS  QUEUED
                """);
    }

    @Test
    void statusesHaveTheirColoursAndNoneWithoutColour()
    {
        Styles colours = new Styles(true);

        assertThat(colours.status("SUCCEEDED")).isEqualTo("\033[32mSUCCEEDED\033[0m");
        assertThat(colours.status("FAULT")).isEqualTo("\033[31mFAULT\033[0m");
        assertThat(colours.status("TIMED_OUT")).isEqualTo("\033[33mTIMED_OUT\033[0m");
        assertThat(colours.status("STOPPED")).isEqualTo("\033[33mSTOPPED\033[0m");
        assertThat(colours.status("SOMETHING_NEW")).isEqualTo("SOMETHING_NEW");
        assertThat(new Styles(false).status("FAILED")).isEqualTo("FAILED");
        assertThat(Styles.width("\033[1m\033[31mé✓\033[0m")).isEqualTo(2);
    }

    @Test
    void aRowMustHaveACellPerColumn()
    {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A row of 2 columns has 1 cells");
    }
}
