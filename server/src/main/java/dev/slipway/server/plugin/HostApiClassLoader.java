package dev.slipway.server.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin class loader: it shows a plugin the JDK (through the platform class loader) and, from the
 * server, only the packages of the plugin API ({@code dev.slipway.api}) and of SLF4J ({@code org.slf4j}). Guice,
 * Jackson, Jersey, PF4J and the server's own classes stay invisible, so a plugin that forgot to bundle a library fails
 * when it loads, not when it is deployed next to a different server.
 */
final class HostApiClassLoader
        extends ClassLoader
{
    /** Packages of the server that plugins share. Anything else a plugin needs, it bundles in {@code lib/}. */
    static final List<String> SHARED_PACKAGES = List.of("dev.slipway.api.", "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader server;

    /** @param server the class loader of the server, which holds the plugin API and SLF4J */
    HostApiClassLoader(ClassLoader server)
    {
        super("slipway-plugin-host", ClassLoader.getPlatformClassLoader());
        this.server = requireNonNull(server, "server is null");
    }

    static boolean isShared(String className)
    {
        return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
    }

    @Override
    protected Class<?> findClass(String name)
            throws ClassNotFoundException
    {
        if (isShared(name)) {
            return server.loadClass(name);
        }
        throw new ClassNotFoundException(name + " (plugins see only the JDK, " + String.join("*, ", SHARED_PACKAGES)
                + "* from the server; bundle other libraries in the plugin's lib/)");
    }

    @Override
    protected URL findResource(String name)
    {
        return isSharedResource(name) ? server.getResource(name) : null;
    }

    @Override
    protected Enumeration<URL> findResources(String name)
            throws IOException
    {
        return isSharedResource(name) ? server.getResources(name) : Collections.emptyEnumeration();
    }

    private static boolean isSharedResource(String name)
    {
        return isShared(name.replace('/', '.'));
    }
}
