package dev.slipway.api.notification;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The type of a notification event, by its string id. Ids follow AWS CodeStar Notifications where an AWS
 * equivalent exists ({@code codebuild-project-build-state-failed}); the server adds types over time, so this is a
 * string-keyed value, not an enum.
 *
 * @since 0.1
 */
public final class EventType
{
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** A build ended FAILED, FAULT or TIMED_OUT. @since 0.1 */
    public static final EventType BUILD_STATE_FAILED = new EventType("codebuild-project-build-state-failed");
    /** A build ended SUCCEEDED. @since 0.1 */
    public static final EventType BUILD_STATE_SUCCEEDED = new EventType("codebuild-project-build-state-succeeded");
    /** A build started running. @since 0.1 */
    public static final EventType BUILD_STATE_IN_PROGRESS = new EventType("codebuild-project-build-state-in-progress");
    /** A build was stopped. @since 0.1 */
    public static final EventType BUILD_STATE_STOPPED = new EventType("codebuild-project-build-state-stopped");
    /** A build phase failed. @since 0.1 */
    public static final EventType BUILD_PHASE_FAILURE = new EventType("codebuild-project-build-phase-failure");
    /** A build phase succeeded. @since 0.1 */
    public static final EventType BUILD_PHASE_SUCCESS = new EventType("codebuild-project-build-phase-success");

    private final String id;

    private EventType(String id)
    {
        this.id = Objects.requireNonNull(id, "id is null");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Event type id must be kebab-case: " + id);
        }
    }

    /** @since 0.1 */
    public static EventType of(String id)
    {
        return new EventType(id);
    }

    /** @since 0.1 */
    public String id()
    {
        return id;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof EventType type && type.id.equals(id);
    }

    @Override
    public int hashCode()
    {
        return id.hashCode();
    }

    @Override
    public String toString()
    {
        return id;
    }
}
