package dev.slipway.server.event;

import java.time.Instant;

/**
 * Something that happened in the server that other features (notifications, the console) may want to know, published
 * on the {@link EventBus}. Implementations are immutable records in the feature that publishes them; their
 * record components are the event's JSON on {@code GET /api/v1/events}.
 */
public interface Event
{
    /** @return a unique id, e.g. a UUID; stable for the event's life (notifications de-duplicate by it) */
    String id();

    /** @return the event type id, e.g. {@code codebuild-project-build-state-failed}; the SSE event name */
    String type();

    /** @return when it happened */
    Instant time();
}
