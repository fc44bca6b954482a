package dev.slipway.server.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.bridge.SLF4JBridgeHandler;

import com.google.inject.Module;

import dev.slipway.server.bootstrap.SlipwayServer;
import dev.slipway.server.config.ConfigLoader;
import dev.slipway.server.config.SlipwayConfig;

/**
 * Runs a whole Slipway server in the test's JVM: real Jetty on 127.0.0.1 with a free port, real H2 in a fresh temporary
 * home (deleted afterwards), real plugins loaded from zips in that home's {@code plugins/} directory.
 *
 * <p>Registered on a {@code static} field, one server serves every test of the class; on an instance field, each test
 * gets its own:
 * <pre>{@code
 * class PluginsIT
 * {
 *     @RegisterExtension
 *     static final SlipwayServerExtension server = SlipwayServerExtension.builder()
 *             .plugins(directory -> PluginArchive.builder("hello").pluginClass(HelloPlugin.class).writeTo(directory))
 *             .config("plugins.call-timeout", "5s")
 *             .build();
 *
 *     @Test
 *     void listsThePlugin(TestHttpClient client)               // or server.client()
 *     {
 *         assertThat(client.get("/api/v1/plugins").json().at("/plugins/0/state").asText()).isEqualTo("STARTED");
 *     }
 * }
 * }</pre>
 *
 * <p>Configuration goes through the real loader: {@link Builder#config(String, String)} sets a key as its
 * {@code SLIPWAY_*} environment variable would, {@link Builder#configFile(String)} writes {@code conf/slipway.yml}. The
 * port is 0 unless a test sets {@code server.port}. Test parameters of type {@link TestHttpClient} and
 * {@link SlipwayServer} are resolved. {@link #server()} gives the running server, whose {@code instance(Class)} reaches
 * any service (for assertions that the API cannot make).
 */
public final class SlipwayServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver
{
    private final List<Consumer<Path>> pluginWriters;
    private final List<Consumer<Path>> homeWriters;
    private final Map<String, String> environment;
    private final Optional<String> configFile;
    private final List<Module> modules;

    private Path home;
    private SlipwayServer server;
    private TestHttpClient client;
    private boolean perClass;

    private SlipwayServerExtension(Builder builder)
    {
        this.pluginWriters = List.copyOf(builder.pluginWriters);
        this.homeWriters = List.copyOf(builder.homeWriters);
        this.environment = Map.copyOf(builder.environment);
        this.configFile = builder.configFile;
        this.modules = List.copyOf(builder.modules);
    }

    public static Builder builder()
    {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context)
    {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context)
    {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context)
    {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context)
    {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context)
    {
        Class<?> type = parameter.getParameter().getType();
        return type == TestHttpClient.class || type == SlipwayServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
    {
        return parameter.getParameter().getType() == TestHttpClient.class ? client() : server();
    }

    /** @return the running server */
    public SlipwayServer server()
    {
        if (server == null) {
            throw new IllegalStateException("The server is not running; register the extension with @RegisterExtension");
        }
        return server;
    }

    /** @return a client for the running server */
    public TestHttpClient client()
    {
        server();
        return client;
    }

    /** @return the server's home: {@code conf/}, {@code plugins/} and {@code data/} */
    public Path home()
    {
        return requireNonNull(home, "the server has not been started");
    }

    public Path pluginsDirectory()
    {
        return home().resolve("plugins");
    }

    public Path dataDirectory()
    {
        return home().resolve("data");
    }

    private void start()
    {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        try {
            home = Files.createTempDirectory("slipway-test-");
            Files.createDirectories(home.resolve("plugins"));
            if (configFile.isPresent()) {
                Files.createDirectories(home.resolve("conf"));
                Files.writeString(home.resolve(ConfigLoader.DEFAULT_FILE), configFile.get());
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot create the test server's home", e);
        }
        homeWriters.forEach(writer -> writer.accept(home));
        pluginWriters.forEach(writer -> writer.accept(home.resolve("plugins")));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SLIPWAY_SERVER_PORT", "0");
        variables.putAll(environment);
        SlipwayConfig config = new ConfigLoader(home, variables).load(Optional.empty());
        try {
            server = SlipwayServer.start(config, modules);
        }
        catch (RuntimeException e) {
            deleteHome();
            throw e;
        }
        client = new TestHttpClient(server.uri());
    }

    private void stop()
    {
        if (server != null) {
            server.stop();
            server = null;
            client = null;
        }
        deleteHome();
    }

    private void deleteHome()
    {
        if (home == null) {
            return;
        }
        try {
            Files.walkFileTree(home, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure)
                        throws IOException
                {
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (NoSuchFileException e) {
            // Already gone.
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the test server's home " + home, e);
        }
        home = null;
    }

    /** Describes the server to start. */
    public static final class Builder
    {
        private final List<Consumer<Path>> pluginWriters = new ArrayList<>();
        private final List<Consumer<Path>> homeWriters = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Optional<String> configFile = Optional.empty();
        private final List<Module> modules = new ArrayList<>();

        private Builder() {}

        /**
         * Writes plugins into the plugins directory before the server starts, e.g.
         * {@code directory -> PluginArchive.builder("x").pluginClass(X.class).writeTo(directory)}.
         */
        public Builder plugins(Consumer<Path> writer)
        {
            pluginWriters.add(requireNonNull(writer, "writer is null"));
            return this;
        }

        /** Writes files into the home directory before the server starts (relative config paths resolve against it). */
        public Builder home(Consumer<Path> writer)
        {
            homeWriters.add(requireNonNull(writer, "writer is null"));
            return this;
        }

        /** Sets a configuration key such as {@code plugins.call-timeout}, as its {@code SLIPWAY_*} variable would. */
        public Builder config(String key, String value)
        {
            environment.put("SLIPWAY_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT), value);
            return this;
        }

        /** Writes {@code conf/slipway.yml}. */
        public Builder configFile(String yaml)
        {
            configFile = Optional.of(yaml);
            return this;
        }

        /** Adds Guice modules (test resources, fakes); their services start before the HTTP server. */
        public Builder module(Module module)
        {
            modules.add(requireNonNull(module, "module is null"));
            return this;
        }

        public SlipwayServerExtension build()
        {
            return new SlipwayServerExtension(this);
        }
    }
}
