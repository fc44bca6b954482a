package dev.slipway.server.build;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.slipway.server.testing.BrowserExtension;
import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;

/**
 * The console's Builds list and build page in real Chromium, against a real server that runs real builds on the
 * bundled local executor: the list follows builds live, the build page shows the phase timeline, streams the log
 * while the build runs and stops a running build.
 */
class BuildPagesIT
{
    private static final String PROJECT = "console-builds";

    @RegisterExtension
    @Order(1)
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @RegisterExtension
    @Order(2)
    static final BrowserExtension browser = BrowserExtension.forServer(server);

    @TempDir
    static Path gates;

    private static BuildApi api;

    @BeforeAll
    static void createProject()
    {
        api = new BuildApi(server.client());
        api.createInlineProject(PROJECT, "echo from the project");
    }

    @Test
    void theStartPageIsTheBuildsListAndTheHeaderLeadsToProjectsAndPlugins(Page page)
    {
        page.navigate("/");

        assertThat(page).hasURL(server.server().uri().resolve("/builds").toString());
        assertThat(page).hasTitle("Builds · Slipway");
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).getByRole(AriaRole.LINK))
                .hasText(new String[] {"Builds", "Projects", "Plugins"});
    }

    @Test
    void theBuildsListShowsNewBuildsAndTheirEndWithoutAReload(Page page)
            throws IOException
    {
        Path gate = gates.resolve("list-gate");
        String finished = start("echo quick");
        assertThat(api.awaitEnded(finished).path("status").asText()).isEqualTo("SUCCEEDED");
        page.navigate("/builds?project=" + PROJECT);
        assertThat(row(page, finished)).hasAttribute("data-status", "SUCCEEDED");

        String waiting = start(gated("echo released"), gate);

        Locator waitingRow = row(page, waiting);
        assertThat(waitingRow).hasAttribute("data-status", "IN_PROGRESS");
        assertThat(page.getByTestId("build-link").first()).hasAttribute("href", "/builds/" + waiting);
        Files.createFile(gate);
        assertThat(waitingRow).hasAttribute("data-status", "SUCCEEDED");
        assertThat(waitingRow.getByTestId("build-status")).hasText("SUCCEEDED");

        waitingRow.getByTestId("build-link").click();
        assertThat(page).hasURL(server.server().uri().resolve("/builds/" + waiting).toString());
        assertThat(page.getByTestId("build-page")).hasAttribute("data-build-id", waiting);
    }

    @Test
    void theBuildPageStreamsTheLogWhileTheBuildRunsAndShowsItsPhases(Page page)
            throws IOException
    {
        Path gate = gates.resolve("log-gate");
        String id = start(gated("for i in $(seq 1 50); do echo \"after the gate $i\"; done"), gate);

        page.navigate("/builds/" + id);

        Locator viewer = page.getByTestId("log-viewer");
        assertThat(line(page, "before the gate")).isVisible();
        assertThat(page.getByTestId("build-page")).hasAttribute("data-status", "IN_PROGRESS");
        assertThat(viewer).hasAttribute("data-stream", "live");
        assertThat(viewer).hasAttribute("data-follow", "true");
        assertThat(phase(page, "BUILD")).hasAttribute("data-status", "IN_PROGRESS");
        assertThat(phase(page, "INSTALL")).hasAttribute("data-status", "SUCCEEDED");

        Files.createFile(gate);

        // Lines written after the page opened arrive through the stream, and the view follows them.
        assertThat(line(page, "after the gate 50")).isVisible();
        assertThat(page.getByTestId("build-page")).hasAttribute("data-status", "SUCCEEDED");
        assertThat(viewer).hasAttribute("data-complete", "true");
        assertThat(page.getByTestId("log-stream-state")).hasText("Complete");
        for (String type : new String[] {"SUBMITTED", "QUEUED", "PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL", "PRE_BUILD", "BUILD",
                "POST_BUILD", "UPLOAD_ARTIFACTS", "FINALIZING"}) {
            assertThat(phase(page, type)).hasAttribute("data-status", "SUCCEEDED");
            assertThat(phase(page, type).getByTestId("phase-duration")).hasText(Pattern.compile("\\d+(\\.\\d)? (ms|s)|\\d+ min \\d\\d s"));
        }
        // The BUILD phase waited for the gate: its bar is the longest.
        double buildWidth = barWidth(page, "BUILD");
        assertThat(buildWidth).isGreaterThan(barWidth(page, "INSTALL")).isGreaterThan(barWidth(page, "SUBMITTED"));
        assertThat(page.getByTestId("fact-duration")).not().hasText("—");
        assertThat(page.getByTestId("build-retry")).isVisible();
    }

    @Test
    void aFailedPhaseShowsItsStatusContext(Page page)
    {
        String id = start("exit 3");
        assertThat(api.awaitEnded(id).path("status").asText()).isEqualTo("FAILED");

        page.navigate("/builds/" + id);

        assertThat(page.getByTestId("build-status")).hasText("FAILED");
        assertThat(phase(page, "BUILD")).hasAttribute("data-status", "FAILED");
        assertThat(phase(page, "BUILD").getByTestId("phase-contexts")).containsText("COMMAND_EXECUTION_ERROR");
        assertThat(phase(page, "BUILD").getByTestId("phase-contexts")).containsText("exit 3");
    }

    @Test
    void aRunningBuildIsStoppedFromItsPage(Page page)
    {
        String id = start("sleep 600");
        page.navigate("/builds/" + id);
        assertThat(page.getByTestId("build-page")).hasAttribute("data-status", "IN_PROGRESS");
        assertThat(phase(page, "BUILD")).hasAttribute("data-status", "IN_PROGRESS");

        page.getByTestId("build-stop").click();

        assertThat(page.getByTestId("build-page")).hasAttribute("data-status", "STOPPED");
        assertThat(page.getByTestId("build-status")).hasText("STOPPED");
        assertThat(page.getByTestId("build-retry")).isVisible();
        assertThat(api.get(id).path("status").asText()).isEqualTo("STOPPED");
    }

    private static String gated(String after)
    {
        return "echo \"before the gate\"; while [ ! -e \"$GATE\" ]; do sleep 0.05; done; " + after;
    }

    // Starts a build of the project that runs the command instead of the project's buildspec.
    private static String start(String command)
    {
        ObjectNode request = BuildApi.JSON.createObjectNode().put("buildspecOverride", BuildApi.buildspec(command));
        return api.start(PROJECT, request.toString()).path("id").asText();
    }

    // The same, with the gate's path in the variable GATE.
    private static String start(String command, Path gate)
    {
        ObjectNode request = BuildApi.JSON.createObjectNode().put("buildspecOverride", BuildApi.buildspec(command));
        request.putArray("environmentVariablesOverride").addObject().put("name", "GATE").put("value", gate.toString()).put("type", "PLAINTEXT");
        return api.start(PROJECT, request.toString()).path("id").asText();
    }

    private static Locator row(Page page, String id)
    {
        return page.locator("[data-testid=build-row][data-build-id=\"" + id + "\"]");
    }

    private static Locator phase(Page page, String type)
    {
        return page.locator("[data-testid=phase][data-phase=" + type + "]");
    }

    // A loaded log line that reads exactly `text` (not the engine's line that shows the command printing it).
    private static Locator line(Page page, String text)
    {
        return page.locator("[data-testid=log-line] .log__text")
                .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^" + escaped(text) + "$")));
    }

    // Playwright runs the pattern as a JavaScript regular expression, which has no \Q…\E quoting.
    private static String escaped(String text)
    {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    private static double barWidth(Page page, String type)
    {
        return ((Number) phase(page, type).getByTestId("phase-bar").evaluate("bar => bar.getBoundingClientRect().width")).doubleValue();
    }
}
