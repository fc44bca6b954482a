package dev.slipway.server.build;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import dev.slipway.server.testing.BrowserExtension;
import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;

/**
 * A build whose log is over 100 MB (1.2 million lines) opens in the console at its tail, loads only what is shown,
 * and jumps to its first line and its middle. Prints how long the first paint of the tail took (a measurement, not
 * an assertion: performance is measured in benchmarks/).
 */
class LargeLogPageIT
{
    private static final int LINES = 1_200_000;
    private static final String PROJECT = "console-large-log";
    // About 103 bytes a line: over 120 MB for 1.2 million lines.
    private static final String PRINT = "awk 'BEGIN { for (i = 1; i <= " + LINES + "; i++) printf \"line %07d lorem ipsum dolor sit amet, consectetur "
            + "adipiscing elit, sed do eiusmod tempor incididunt\\n\", i }'";

    @RegisterExtension
    @Order(1)
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @RegisterExtension
    @Order(2)
    static final BrowserExtension browser = BrowserExtension.forServer(server);

    private static String buildId;
    private static long totalLines;

    @BeforeAll
    static void buildWithAHugeLog()
    {
        BuildApi api = new BuildApi(server.client());
        api.createInlineProject(PROJECT, PRINT);
        long start = System.nanoTime();
        buildId = api.start(PROJECT).path("id").asText();
        JsonNode build = api.awaitEnded(buildId, Duration.ofMinutes(3));
        assertThat(build.path("status").asText()).isEqualTo("SUCCEEDED");
        long bytes = build.path("logs").path("bytes").asLong();
        totalLines = build.path("logs").path("lines").asLong();
        assertThat(bytes).as("log bytes").isGreaterThan(100_000_000L);
        System.out.printf("LargeLogPageIT: a build printing %,d lines took %,d ms; its log has %,d lines, %,d bytes%n", LINES,
                (System.nanoTime() - start) / 1_000_000, totalLines, bytes);
    }

    @Test
    void theViewerShowsTheTailAndJumpsToTheTopAndTheMiddle(Page page)
    {
        // Once, so that the console's assets are cached as they would be for someone who uses it.
        page.navigate("/builds");
        assertThat(page.getByTestId("builds-page")).isVisible();

        long start = System.nanoTime();
        page.navigate("/builds/" + buildId);
        // The last line the command printed; the engine's closing lines follow it.
        assertThat(printed(page, String.format("line %07d", LINES)).first()).isVisible();
        long tailMillis = (System.nanoTime() - start) / 1_000_000;
        Locator viewer = page.getByTestId("log-viewer");
        assertThat(viewer).hasAttribute("data-total", Long.toString(totalLines));
        String fetchMillis = viewer.getAttribute("data-tail-ms");
        System.out.printf("LargeLogPageIT: tail of the %,d-line log painted %d ms after navigation (the viewer had the tail %s ms after it opened)%n",
                totalLines, tailMillis, fetchMillis);
        // Only the lines in view and a little overscan are in the page.
        assertThat(page.getByTestId("log-line").count()).isLessThan(200);

        start = System.nanoTime();
        page.getByTestId("log-top").click();
        assertThat(printed(page, "line 0000001").first()).isVisible();
        System.out.printf("LargeLogPageIT: first line shown %d ms after 'Top'%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(page.getByTestId("log-status")).containsText("Lines 1–");

        page.getByTestId("log-scroller").evaluate("scroller => { scroller.scrollTop = scroller.scrollHeight / 2; }");
        assertThat(page.getByTestId("log-status")).containsText(Pattern.compile("Lines 59\\d,\\d{3}–|Lines 60\\d,\\d{3}–"));
        assertThat(printed(page, "line 0(599|600)\\d{3}").first()).isVisible();
        assertThat(page.getByTestId("log-line").count()).isLessThan(200);
    }

    // Loaded log lines whose text starts with what the command printed (a regular expression).
    private static Locator printed(Page page, String start)
    {
        return page.locator("[data-testid=log-line]:not([data-pending]) .log__text")
                .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^" + start + " lorem")));
    }
}
