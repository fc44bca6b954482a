package dev.slipway.api.approval;

import java.time.Instant;
import java.util.Optional;

/**
 * The approval an {@link ApprovalGate} is asked to obtain. Implemented by the server; later versions may add methods.
 *
 * @since 0.1
 */
public interface ApprovalRequest
{
    /** @since 0.1 */
    String pipelineName();

    /** @since 0.1 */
    String stageName();

    /** @since 0.1 */
    String actionName();

    /** @return the execution waiting for the decision @since 0.1 */
    String executionId();

    /** @return the text for the approver ({@code CustomData}), variables resolved @since 0.1 */
    String summary();

    /** @return a link to what is to be reviewed ({@code ExternalEntityLink}) @since 0.1 */
    Optional<String> externalLink();

    /** @return when the approval times out and counts as rejected @since 0.1 */
    Instant expiresAt();
}
