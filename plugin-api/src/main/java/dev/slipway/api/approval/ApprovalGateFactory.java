package dev.slipway.api.approval;

import dev.slipway.api.ExtensionFactory;

/**
 * Describes and creates {@link ApprovalGate}s: external systems that approve or reject a pipeline approval action.
 *
 * @since 0.1
 */
public interface ApprovalGateFactory
        extends ExtensionFactory<ApprovalGate>
{
}
