package dev.slipway.server.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/**
 * Real Chromium for console tests, driven by Playwright for Java: Debian's {@code /usr/bin/chromium} (Playwright never
 * downloads a browser of its own), headless, one browser per test class and a fresh context and {@link Page} per test,
 * pointed at a server's base URI so that tests navigate to paths such as {@code /plugins}. When a test fails, a
 * full-page screenshot and the page's errors go to {@code target/browser-screenshots/<class>.<test>.png|.log}.
 *
 * <pre>{@code
 * class PluginsPageIT
 * {
 *     @RegisterExtension
 *     @Order(1)
 *     static final SlipwayServerExtension server = SlipwayServerExtension.builder().plugins(BundledPlugins::copyTo).build();
 *
 *     @RegisterExtension
 *     @Order(2)
 *     static final BrowserExtension browser = BrowserExtension.forServer(server);
 *
 *     @Test
 *     void showsThePlugins(Page page)
 *     {
 *         page.navigate("/plugins");
 *         PlaywrightAssertions.assertThat(page.getByTestId("plugin-list")).isVisible();
 *     }
 * }
 * }</pre>
 *
 * <p>Register it on a {@code static} field, after the server's extension. Browser tests are {@code *IT} and run in CI:
 * without Chromium they fail with a message saying what to install, unless {@code -Dslipway.skip-browser-tests} is
 * set, which skips them. {@code -Dslipway.chromium=/path/to/chrome} uses another browser binary.
 */
public final class BrowserExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver
{
    public static final String SKIP_PROPERTY = "slipway.skip-browser-tests";
    public static final String CHROMIUM_PROPERTY = "slipway.chromium";
    public static final String SCREENSHOTS_PROPERTY = "slipway.browser-screenshots";

    private static final Logger log = LoggerFactory.getLogger(BrowserExtension.class);
    /** How long a locator or assertion waits; generous because CI machines are shared. */
    private static final double TIMEOUT_MILLIS = 15_000;
    /**
     * Chromium as root in a container, on a machine whose only network is loopback: no sandbox (it needs user
     * namespaces), no GPU, and none of the background connections to Google's services.
     */
    private static final List<String> CHROMIUM_ARGUMENTS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
            "--disable-default-apps", "--mute-audio");

    private final Supplier<URI> baseUri;
    private Playwright playwright;
    private Browser browser;
    private BrowserContext context;
    private Page page;
    private final List<String> pageErrors = new ArrayList<>();

    private BrowserExtension(Supplier<URI> baseUri)
    {
        this.baseUri = requireNonNull(baseUri, "baseUri is null");
    }

    /** Pages open relative to the server the extension runs (register this extension after that one). */
    public static BrowserExtension forServer(SlipwayServerExtension server)
    {
        requireNonNull(server, "server is null");
        return new BrowserExtension(() -> server.server().uri());
    }

    /** Pages open relative to this base URI. */
    public static BrowserExtension forBaseUri(Supplier<URI> baseUri)
    {
        return new BrowserExtension(baseUri);
    }

    @Override
    public void beforeAll(ExtensionContext extensionContext)
    {
        Path chromium = Path.of(System.getProperty(CHROMIUM_PROPERTY, "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            String problem = "Browser tests need Chromium at " + chromium + " (Debian: apt-get install chromium; another binary: -D"
                    + CHROMIUM_PROPERTY + "=/path/to/chromium).";
            if (skipRequested()) {
                throw new TestAbortedException(problem + " Skipped: -D" + SKIP_PROPERTY + " is set.");
            }
            throw new IllegalStateException(problem + " To skip the browser tests instead, set -D" + SKIP_PROPERTY + ".");
        }
        PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MILLIS);
        // The environment reaches Playwright's driver; without it, Playwright.create() would try to download browsers.
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium)
                    .setHeadless(true)
                    .setArgs(CHROMIUM_ARGUMENTS));
        }
        catch (RuntimeException e) {
            playwright.close();
            playwright = null;
            throw e;
        }
        log.info("Browser tests run in {} {}", chromium, browser.version());
    }

    @Override
    public void afterAll(ExtensionContext extensionContext)
    {
        if (playwright != null) {
            // Closing Playwright closes the browser and ends its driver process.
            playwright.close();
            playwright = null;
            browser = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext extensionContext)
    {
        if (browser == null) {
            throw new IllegalStateException("No browser: register BrowserExtension on a static field");
        }
        context = browser.newContext(new Browser.NewContextOptions().setBaseURL(baseUri.get().toString()).setViewportSize(1280, 900));
        context.setDefaultTimeout(TIMEOUT_MILLIS);
        page = context.newPage();
        pageErrors.clear();
        page.onPageError(error -> pageErrors.add("page error: " + error));
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                pageErrors.add("console error: " + message.text());
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext extensionContext)
    {
        try {
            if (extensionContext.getExecutionException().isPresent() && page != null) {
                saveEvidence(extensionContext);
            }
        }
        finally {
            if (context != null) {
                context.close();
            }
            context = null;
            page = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extensionContext)
    {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == BrowserContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extensionContext)
    {
        return parameter.getParameter().getType() == Page.class ? page() : context;
    }

    /** @return the current test's page */
    public Page page()
    {
        if (page == null) {
            throw new IllegalStateException("No page outside a test");
        }
        return page;
    }

    /** @return what the current page reported as errors so far (uncaught exceptions, console errors) */
    public List<String> pageErrors()
    {
        return List.copyOf(pageErrors);
    }

    /** {@code -Dslipway.skip-browser-tests} and {@code -Dslipway.skip-browser-tests=true} skip; unset or {@code false} do not. */
    private static boolean skipRequested()
    {
        String value = System.getProperty(SKIP_PROPERTY);
        return value != null && !value.equalsIgnoreCase("false");
    }

    private void saveEvidence(ExtensionContext extensionContext)
    {
        Path directory = Path.of(System.getProperty(SCREENSHOTS_PROPERTY, "target/browser-screenshots"));
        String name = extensionContext.getRequiredTestClass().getSimpleName() + "." + extensionContext.getRequiredTestMethod().getName();
        try {
            Files.createDirectories(directory);
            Path screenshot = directory.resolve(name + ".png");
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshot).setFullPage(true));
            Files.writeString(directory.resolve(name + ".log"), "URL: " + page.url() + "\n" + String.join("\n", pageErrors) + "\n");
            log.error("Browser test {} failed; screenshot {}", name, screenshot.toAbsolutePath());
        }
        catch (IOException | RuntimeException e) {
            // The test's own failure is what matters; evidence is a bonus.
            log.warn("Cannot save the screenshot of failed browser test {}: {}", name, e.toString());
        }
    }
}
