package dev.slipway.api;

/**
 * The kinds of extension a plugin can contribute. Plugins only name kinds; they never switch over them
 * exhaustively, so that a new kind added in a later version breaks nobody.
 *
 * @since 0.1
 */
public enum ExtensionKind
{
    /** {@link dev.slipway.api.source.SourceProviderFactory} @since 0.1 */
    SOURCE_PROVIDER("source-provider"),
    /** {@link dev.slipway.api.executor.ExecutorFactory} @since 0.1 */
    EXECUTOR("executor"),
    /** {@link dev.slipway.api.artifact.ArtifactStoreFactory} @since 0.1 */
    ARTIFACT_STORE("artifact-store"),
    /** {@link dev.slipway.api.notification.NotifierFactory} @since 0.1 */
    NOTIFIER("notifier"),
    /** {@link dev.slipway.api.approval.ApprovalGateFactory} @since 0.1 */
    APPROVAL_GATE("approval-gate");

    private final String id;

    ExtensionKind(String id)
    {
        this.id = id;
    }

    /** @return the kebab-case id used in the REST API and configuration, e.g. {@code artifact-store} @since 0.1 */
    public String id()
    {
        return id;
    }
}
