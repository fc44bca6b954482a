package dev.slipway.api.approval;

import java.util.Objects;
import java.util.Optional;

/**
 * The state of an approval as the gate reports it: pending, or approved or rejected by someone with a comment.
 *
 * @since 0.1
 */
public final class ApprovalStatus
{
    /**
     * The decision.
     *
     * @since 0.1
     */
    public enum Decision
    {
        /** @since 0.1 */ PENDING,
        /** @since 0.1 */ APPROVED,
        /** @since 0.1 */ REJECTED,
    }

    private static final ApprovalStatus PENDING = new ApprovalStatus(Decision.PENDING, null, null);

    private final Decision decision;
    private final String decidedBy;
    private final String comment;

    private ApprovalStatus(Decision decision, String decidedBy, String comment)
    {
        this.decision = decision;
        this.decidedBy = decidedBy;
        this.comment = comment;
    }

    /** @since 0.1 */
    public static ApprovalStatus pending()
    {
        return PENDING;
    }

    /** @since 0.1 */
    public static ApprovalStatus approved(String decidedBy, String comment)
    {
        return new ApprovalStatus(Decision.APPROVED, Objects.requireNonNull(decidedBy, "decidedBy is null"), comment);
    }

    /** @since 0.1 */
    public static ApprovalStatus rejected(String decidedBy, String comment)
    {
        return new ApprovalStatus(Decision.REJECTED, Objects.requireNonNull(decidedBy, "decidedBy is null"), comment);
    }

    /** @since 0.1 */
    public Decision decision()
    {
        return decision;
    }

    /** @return who decided, as the outside system names them @since 0.1 */
    public Optional<String> decidedBy()
    {
        return Optional.ofNullable(decidedBy);
    }

    /** @since 0.1 */
    public Optional<String> comment()
    {
        return Optional.ofNullable(comment);
    }

    @Override
    public String toString()
    {
        return decision + (decidedBy == null ? "" : " by " + decidedBy);
    }
}
