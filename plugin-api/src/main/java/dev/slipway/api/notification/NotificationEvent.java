package dev.slipway.api.notification;

import java.time.Instant;
import java.util.Map;

/**
 * One event to deliver. Implemented by the server; later versions may add methods.
 *
 * @since 0.1
 */
public interface NotificationEvent
{
    /** @return a unique id, stable across delivery retries (for de-duplication) @since 0.1 */
    String id();

    /** @since 0.1 */
    EventType type();

    /** @since 0.1 */
    Instant time();

    /** @return what the event is about, e.g. {@code slipway:project/web} @since 0.1 */
    String resource();

    /** @return a one-line human summary, e.g. "Build web:42 FAILED in BUILD" @since 0.1 */
    String summary();

    /** @return event details as flat text values (e.g. {@code build-id}, {@code build-status}, {@code url}) @since 0.1 */
    Map<String, String> detail();
}
