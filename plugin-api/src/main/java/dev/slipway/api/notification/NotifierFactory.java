package dev.slipway.api.notification;

import dev.slipway.api.ExtensionFactory;

/**
 * Describes and creates {@link Notifier}s: where events are delivered (Slack, a webhook, email).
 *
 * @since 0.1
 */
public interface NotifierFactory
        extends ExtensionFactory<Notifier>
{
}
