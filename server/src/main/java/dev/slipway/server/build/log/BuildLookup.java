package dev.slipway.server.build.log;

/**
 * Tells the log endpoints whether a build exists, so that an unknown build is a 404 while a known build without log
 * lines yet (queued) is an empty log. The build service binds its implementation with
 * {@code OptionalBinder.newOptionalBinder(binder(), BuildLookup.class).setBinding().to(…)}; until then
 * {@link BuildLogModule} binds one that knows only the builds that have a log.
 *
 * <p>The service must complete the log of every build that ends (also a build stopped while it was queued, whose
 * log it creates empty), because a live viewer of a known build waits for its log's completion.
 *
 * <p>Called on HTTP request threads, once per request; must be cheap and thread-safe.
 */
public interface BuildLookup
{
    /** @return true if the build exists, whether or not it has log lines */
    boolean exists(String buildId);
}
