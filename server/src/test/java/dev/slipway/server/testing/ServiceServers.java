package dev.slipway.server.testing;

/**
 * Test servers for the build service: the bundled plugins, the test log store, and executors for the queue tests —
 * {@code local} (the local executor, 2 slots), {@code single} (the local executor, 1 slot) and {@code docker} (a
 * factory no plugin provides, so it is unavailable).
 */
public final class ServiceServers
{
    public static final String CONFIG = """
            executors:
              local:
                factory: local
                slots: 2
              single:
                factory: local
                slots: 1
              docker:
                factory: docker
            """;

    private ServiceServers() {}

    /** @return a builder with the plugins, the log store and {@link #CONFIG}; add more before {@code build()} */
    public static SlipwayServerExtension.Builder builder()
    {
        return SlipwayServerExtension.builder()
                .plugins(BundledPlugins::copyTo)
                .configFile(CONFIG);
    }
}
