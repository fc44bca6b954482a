package dev.slipway.testkit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.slipway.api.notification.EventType;
import dev.slipway.api.notification.NotificationEvent;

/**
 * A {@link NotificationEvent} for unit tests of notifiers.
 *
 * <pre>{@code
 * NotificationEvent event = TestingNotificationEvent.builder(EventType.BUILD_STATE_FAILED)
 *         .summary("Build web:42 FAILED in BUILD")
 *         .detail("build-id", "web:1b2c")
 *         .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class TestingNotificationEvent
        implements NotificationEvent
{
    private final String id;
    private final EventType type;
    private final Instant time;
    private final String resource;
    private final String summary;
    private final Map<String, String> detail;

    private TestingNotificationEvent(Builder builder)
    {
        this.id = builder.id;
        this.type = builder.type;
        this.time = builder.time;
        this.resource = builder.resource;
        this.summary = builder.summary;
        this.detail = Map.copyOf(builder.detail);
    }

    /** @since 0.1 */
    public static Builder builder(EventType type)
    {
        return new Builder(type);
    }

    @Override
    public String id()
    {
        return id;
    }

    @Override
    public EventType type()
    {
        return type;
    }

    @Override
    public Instant time()
    {
        return time;
    }

    @Override
    public String resource()
    {
        return resource;
    }

    @Override
    public String summary()
    {
        return summary;
    }

    @Override
    public Map<String, String> detail()
    {
        return detail;
    }

    @Override
    public String toString()
    {
        return type + " " + id + ": " + summary;
    }

    /**
     * Builds a {@link TestingNotificationEvent}; defaults: a random id, now, resource {@code slipway:project/test-project}.
     *
     * @since 0.1
     */
    public static final class Builder
    {
        private final EventType type;
        private String id = UUID.randomUUID().toString();
        private Instant time = Instant.now();
        private String resource = "slipway:project/test-project";
        private String summary;
        private final Map<String, String> detail = new LinkedHashMap<>();

        private Builder(EventType type)
        {
            this.type = Objects.requireNonNull(type, "type is null");
            this.summary = type.id();
        }

        /** @since 0.1 */
        public Builder id(String id)
        {
            this.id = Objects.requireNonNull(id, "id is null");
            return this;
        }

        /** @since 0.1 */
        public Builder time(Instant time)
        {
            this.time = Objects.requireNonNull(time, "time is null");
            return this;
        }

        /** @since 0.1 */
        public Builder resource(String resource)
        {
            this.resource = Objects.requireNonNull(resource, "resource is null");
            return this;
        }

        /** @since 0.1 */
        public Builder summary(String summary)
        {
            this.summary = Objects.requireNonNull(summary, "summary is null");
            return this;
        }

        /** @since 0.1 */
        public Builder detail(String name, String value)
        {
            detail.put(Objects.requireNonNull(name, "name is null"), Objects.requireNonNull(value, "value is null"));
            return this;
        }

        /** @since 0.1 */
        public TestingNotificationEvent build()
        {
            return new TestingNotificationEvent(this);
        }
    }
}
