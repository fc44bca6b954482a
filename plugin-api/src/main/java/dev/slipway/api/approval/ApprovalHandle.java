package dev.slipway.api.approval;

import java.util.Objects;

/**
 * The gate's own reference to an open approval (a message id, a ticket number), persisted by the server.
 *
 * @since 0.1
 */
public final class ApprovalHandle
{
    private final String value;

    private ApprovalHandle(String value)
    {
        this.value = Objects.requireNonNull(value, "value is null");
    }

    /** @param value at most 1,000 characters of text the gate can parse back @since 0.1 */
    public static ApprovalHandle of(String value)
    {
        if (value.length() > 1000) {
            throw new IllegalArgumentException("Approval handle is longer than 1000 characters");
        }
        return new ApprovalHandle(value);
    }

    /** @since 0.1 */
    public String value()
    {
        return value;
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ApprovalHandle handle && handle.value.equals(value);
    }

    @Override
    public int hashCode()
    {
        return value.hashCode();
    }

    @Override
    public String toString()
    {
        return value;
    }
}
