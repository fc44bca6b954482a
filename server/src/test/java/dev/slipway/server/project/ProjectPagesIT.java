package dev.slipway.server.project;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import dev.slipway.server.testing.BrowserExtension;
import dev.slipway.server.testing.ServiceServers;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestResponse;

/**
 * The console's Projects list and project page in real Chromium against a real server: projects created through the
 * API are listed with their latest build, and a build started from the project page with overrides runs with them.
 */
class ProjectPagesIT
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    @Order(1)
    static final SlipwayServerExtension server = ServiceServers.builder().build();

    @RegisterExtension
    @Order(2)
    static final BrowserExtension browser = BrowserExtension.forServer(server);

    @BeforeAll
    static void createProjects()
    {
        createProject("greeter", "Says hello", "echo \"greeting is $GREETING\"");
        createProject("idle", "Never built", "true");
    }

    @Test
    void theProjectsListShowsEveryProjectWithItsLatestBuild(Page page)
    {
        TestResponse started = server.client().postJson("/api/v1/projects/greeter/builds", "{}");
        assertThat(started.status()).as("%s", started).isEqualTo(201);
        String buildId = started.json().path("id").asText();

        page.navigate("/projects");

        assertThat(row(page, "greeter").getByTestId("project-link")).hasAttribute("href", "/projects/greeter");
        assertThat(row(page, "greeter")).containsText("Says hello");
        assertThat(row(page, "greeter").getByTestId("project-latest-build").locator("a")).hasAttribute("href", "/builds/" + buildId);
        assertThat(row(page, "idle").getByTestId("project-latest-build")).hasText("never built");

        row(page, "idle").getByTestId("project-link").click();
        assertThat(page.locator("#project-title")).hasText("idle");
        assertThat(page.getByTestId("project-no-builds")).isVisible();
    }

    @Test
    void aBuildStartedFromTheProjectPageRunsWithTheVariableOverride(Page page)
    {
        page.navigate("/projects/greeter");
        assertThat(page.getByTestId("setting-executor")).containsText("local");
        assertThat(page.getByTestId("setting-source")).containsText("none");
        assertThat(page.getByTestId("setting-buildspec")).containsText("inline");

        page.getByTestId("start-build-options-toggle").click();
        page.getByTestId("override-add").click();
        page.getByTestId("override-name").fill("GREETING");
        page.getByTestId("override-value").fill("hello from the console");
        page.getByTestId("start-build").click();

        assertThat(page).hasURL(Pattern.compile("/builds/greeter:[0-9a-f-]+$"));
        assertThat(page.getByTestId("build-page")).hasAttribute("data-status", "SUCCEEDED");
        assertThat(page.locator("[data-testid=log-line] .log__text").filter(
                new Locator.FilterOptions().setHasText(Pattern.compile("^greeting is hello from the console$")))).isVisible();
    }

    // A project without a source whose inline buildspec runs the command on the local executor.
    private static void createProject(String name, String description, String command)
    {
        ObjectNode project = JSON.createObjectNode();
        project.put("name", name);
        project.put("description", description);
        project.putObject("source").put("type", "none");
        project.putObject("buildspec").put("inline", "version: 0.2\nphases:\n  build:\n    commands:\n      - " + JSON.valueToTree(command) + "\n");
        project.putObject("environment").put("executor", "local");
        TestResponse response = server.client().postJson("/api/v1/projects", project.toString());
        assertThat(response.status()).as("create project %s: %s", name, response).isEqualTo(201);
    }

    private static Locator row(Page page, String project)
    {
        return page.locator("[data-testid=project-row][data-project=" + project + "]");
    }
}
