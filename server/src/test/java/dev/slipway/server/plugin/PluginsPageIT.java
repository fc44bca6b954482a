package dev.slipway.server.plugin;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.slipway.server.testing.BrowserExtension;
import dev.slipway.server.testing.BundledPlugins;
import dev.slipway.server.testing.SlipwayServerExtension;
import dev.slipway.server.testing.TestHttpClient;
import dev.slipway.testplugins.TestPlugins;

/**
 * The console's Plugins page in real Chromium, against a real server that loaded the bundled plugins' zips (as the
 * build made them) and one plugin that throws when it starts.
 */
class PluginsPageIT
{
    @RegisterExtension
    @Order(1)
    static final SlipwayServerExtension server = SlipwayServerExtension.builder()
            .plugins(BundledPlugins::copyTo)
            .plugins(TestPlugins::throwing)
            .build();

    @RegisterExtension
    @Order(2)
    static final BrowserExtension browser = BrowserExtension.forServer(server);

    @Test
    void thePluginsPageListsBothBundledPluginsAsStartedWithTheirExtensionsAndSchemas(Page page)
    {
        page.navigate("/");
        page.getByRole(AriaRole.NAVIGATION).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Plugins")).click();

        assertThat(page).hasURL(server.server().uri().resolve("plugins").toString());
        assertThat(page).hasTitle("Plugins · Slipway");

        Locator executor = plugin(page, "local-executor");
        assertThat(executor).hasAttribute("data-state", "STARTED");
        assertThat(executor.getByTestId("plugin-state")).hasText("STARTED");
        Locator local = executor.locator("[data-testid=extension][data-kind=executor][data-extension-id=local]");
        assertThat(local).isVisible();
        assertThat(local.getByRole(AriaRole.TABLE)).isVisible();

        Locator artifacts = plugin(page, "filesystem-artifacts");
        assertThat(artifacts).hasAttribute("data-state", "STARTED");
        Locator filesystem = artifacts.locator("[data-testid=extension][data-kind=artifact-store][data-extension-id=filesystem]");
        assertThat(filesystem).isVisible();
        assertThat(filesystem.locator("[data-testid=config-property]").first()).isVisible();
    }

    @Test
    void stoppingAPluginFromThePageChangesItsStateAndStartingItBringsItBack(Page page)
    {
        page.navigate("/plugins");
        Locator artifacts = plugin(page, "filesystem-artifacts");
        assertThat(artifacts).hasAttribute("data-state", "STARTED");

        artifacts.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Stop filesystem-artifacts")).click();

        assertThat(artifacts).hasAttribute("data-state", "STOPPED");
        assertThat(artifacts.getByTestId("plugin-state")).hasText("STOPPED");
        assertThat(page.getByTestId("plugins-announcement")).hasText("Plugin filesystem-artifacts stopped.");
        org.assertj.core.api.Assertions.assertThat(pluginState("filesystem-artifacts")).isEqualTo("STOPPED");

        artifacts.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Start filesystem-artifacts")).click();

        assertThat(artifacts).hasAttribute("data-state", "STARTED");
        assertThat(artifacts.locator("[data-testid=extension][data-extension-id=filesystem]")).isVisible();
        org.assertj.core.api.Assertions.assertThat(pluginState("filesystem-artifacts")).isEqualTo("STARTED");
    }

    @Test
    void aPluginThatFailedToStartIsShownFailedWithItsReasonWhileTheOthersRun(Page page)
    {
        page.navigate("/plugins");

        Locator throwing = plugin(page, "throwing");
        assertThat(throwing).hasAttribute("data-state", "FAILED");
        assertThat(throwing.getByTestId("plugin-state")).hasText("FAILED");
        assertThat(throwing.getByTestId("plugin-error-message")).containsText("the license file is missing");
        assertThat(page.getByTestId("plugins-summary")).containsText("1 failed");
        assertThat(plugin(page, "local-executor")).hasAttribute("data-state", "STARTED");
        org.assertj.core.api.Assertions.assertThat(browser.pageErrors()).isEmpty();
    }

    private static Locator plugin(Page page, String id)
    {
        return page.locator("[data-testid=plugin][data-plugin-id=" + id + "]");
    }

    private static String pluginState(String id)
    {
        TestHttpClient client = server.client();
        return client.get("/api/v1/plugins/" + id).json().path("state").asText();
    }
}
