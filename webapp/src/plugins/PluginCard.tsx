import type { ApiError, PluginAction } from '../api/client';
import type { PluginJson } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { StateBadge } from '../components/StateBadge';
import { ACTION_LABELS, availableActions } from './actions';
import { ConfigSchemaTable } from './ConfigSchemaTable';
import { groupByKind } from './schema';

export interface FailedAction {
  action: PluginAction;
  error: ApiError;
}

interface PluginCardProps {
  plugin: PluginJson;
  /** The action running for this plugin, if any; its buttons are disabled meanwhile. */
  pendingAction: PluginAction | undefined;
  /** The last action on this plugin, if it failed. */
  failedAction: FailedAction | undefined;
  onAction: (id: string, action: PluginAction) => void;
  onDismissError: (id: string) => void;
}

export function PluginCard({ plugin, pendingAction, failedAction, onAction, onDismissError }: PluginCardProps) {
  const titleId = `plugin-${plugin.id}-title`;
  const groups = groupByKind(plugin.extensions ?? []);
  const details = plugin.error?.details ?? [];
  return (
    <article
      class={`plugin${plugin.state === 'UNLOADED' ? ' plugin--unloaded' : ''}`}
      aria-labelledby={titleId}
      aria-busy={pendingAction !== undefined}
      data-testid="plugin"
      data-plugin-id={plugin.id}
      data-state={plugin.state}
    >
      <header class="plugin__head">
        <h2 class="plugin__id" id={titleId}>
          {plugin.id}
        </h2>
        <span class="plugin__version" data-testid="plugin-version">
          {plugin.version}
        </span>
        <StateBadge state={plugin.state} testId="plugin-state" />
        <div class="plugin__actions" role="group" aria-label={`Actions for ${plugin.id}`}>
          {availableActions(plugin.state).map((action) => {
            const labels = ACTION_LABELS[action];
            const running = pendingAction === action;
            return (
              <button
                type="button"
                key={action}
                class={`button${action === 'unload' ? ' button--quiet' : ''}`}
                data-testid={`plugin-action-${action}`}
                disabled={pendingAction !== undefined}
                aria-label={running ? undefined : `${labels.label} ${plugin.id}`}
                onClick={() => onAction(plugin.id, action)}
              >
                {running ? labels.running : labels.label}
              </button>
            );
          })}
        </div>
      </header>

      {plugin.description && <p class="plugin__description">{plugin.description}</p>}

      <dl class="plugin__meta">
        <div>
          <dt>Provider</dt>
          <dd data-testid="plugin-provider">{plugin.provider || '—'}</dd>
        </div>
        {plugin.requires && (
          <div>
            <dt>Requires</dt>
            <dd>
              <code>{plugin.requires}</code>
            </dd>
          </div>
        )}
        {plugin.path && (
          <div>
            <dt>File</dt>
            <dd>
              <code>{plugin.path}</code>
            </dd>
          </div>
        )}
      </dl>

      {plugin.error && (
        <section class="plugin__error" aria-label={`Error of ${plugin.id}`} data-testid="plugin-error">
          <p class="plugin__error-message" data-testid="plugin-error-message">
            {plugin.error.message}
          </p>
          {details.length > 0 && (
            <ul class="plugin__error-details" data-testid="plugin-error-details">
              {details.map((detail, index) => (
                <li key={index}>{detail}</li>
              ))}
            </ul>
          )}
        </section>
      )}

      {failedAction && (
        <ErrorPanel
          title={`Could not ${ACTION_LABELS[failedAction.action].label.toLowerCase()} ${plugin.id}`}
          error={failedAction.error}
          onDismiss={() => onDismissError(plugin.id)}
        />
      )}

      {groups.length > 0 ? (
        <section class="plugin__extensions" aria-label={`Extensions of ${plugin.id}`}>
          {groups.map((group) => (
            <div class="extension-group" key={group.kind} data-testid="extension-group" data-kind={group.kind}>
              <h3 class="extension-group__title">{group.label}</h3>
              {group.extensions.map((extension) => {
                const name = extension.displayName || extension.id;
                return (
                  <div
                    class="extension"
                    key={extension.id}
                    data-testid="extension"
                    data-kind={extension.kind}
                    data-extension-id={extension.id}
                  >
                    <h4 class="extension__title">
                      {name} <code class="extension__id">{extension.id}</code>
                    </h4>
                    {extension.description && <p class="extension__description">{extension.description}</p>}
                    <ConfigSchemaTable schema={extension.configSchema} label={`Configuration of ${name}`} />
                  </div>
                );
              })}
            </div>
          ))}
        </section>
      ) : (
        plugin.state !== 'UNLOADED' && <p class="muted">This plugin contributes no extensions.</p>
      )}
    </article>
  );
}
