import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient, type PluginAction } from '../api/client';
import type { PluginJson } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { ACTION_LABELS } from './actions';
import { PluginCard, type FailedAction } from './PluginCard';

interface PluginsPageProps {
  api: ApiClient;
  /** Called after a lifecycle action, so that the header's health (plugin counts) follows. */
  onPluginsChanged?: () => void;
}

/** Every plugin the server knows, with its state, error, extensions and their configuration schemas. */
export function PluginsPage({ api, onPluginsChanged }: PluginsPageProps) {
  const [plugins, setPlugins] = useState<PluginJson[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [pending, setPending] = useState<Record<string, PluginAction>>({});
  const [failures, setFailures] = useState<Record<string, FailedAction>>({});
  const [announcement, setAnnouncement] = useState('');

  // Answers can arrive out of order (a refresh after an action racing the one before); only the newest
  // request may change the page, and none may once the page is gone.
  const latestRequest = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    setLoading(true);
    try {
      const list = await api.listPlugins();
      if (mounted.current && request === latestRequest.current) {
        setPlugins(list);
        setLoadError(undefined);
      }
    } catch (error) {
      if (mounted.current && request === latestRequest.current) {
        setLoadError(ApiError.from(error));
      }
    } finally {
      if (mounted.current && request === latestRequest.current) {
        setLoading(false);
      }
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const runAction = useCallback(
    async (id: string, action: PluginAction) => {
      setPending((current) => ({ ...current, [id]: action }));
      setFailures((current) => without(current, id));
      setAnnouncement('');
      try {
        await api.pluginAction(id, action);
        if (mounted.current) setAnnouncement(`Plugin ${id} ${ACTION_LABELS[action].done}.`);
      } catch (error) {
        if (mounted.current) {
          setFailures((current) => ({ ...current, [id]: { action, error: ApiError.from(error) } }));
        }
      }
      // A failed call may still have changed the plugin (a start that ends FAILED), so refresh either way.
      await load();
      if (mounted.current) setPending((current) => without(current, id));
      onPluginsChanged?.();
    },
    [api, load, onPluginsChanged],
  );

  const dismissFailure = useCallback((id: string) => setFailures((current) => without(current, id)), []);

  return (
    <section class="page" aria-labelledby="plugins-title" data-testid="plugins-page">
      <div class="page__head">
        <h1 id="plugins-title">Plugins</h1>
        {plugins && <PluginCounts plugins={plugins} />}
        <button
          type="button"
          class="button button--quiet page__refresh"
          data-testid="plugins-refresh"
          onClick={() => void load()}
          disabled={loading}
        >
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <p class="visually-hidden" role="status" data-testid="plugins-announcement">
        {announcement}
      </p>

      {loadError && (
        <ErrorPanel title="Could not load the plugins" error={loadError} onRetry={() => void load()} />
      )}

      {plugins === undefined && !loadError && (
        <p class="muted" data-testid="plugins-loading">
          Loading plugins…
        </p>
      )}

      {plugins !== undefined && plugins.length === 0 && (
        <p class="empty" data-testid="plugins-empty">
          No plugins are installed. Put plugin zips into the <code>plugins/</code> directory of the Slipway home.
        </p>
      )}

      {plugins !== undefined && plugins.length > 0 && (
        <div class="plugin-list" data-testid="plugin-list">
          {plugins.map((plugin) => (
            <PluginCard
              key={plugin.id}
              plugin={plugin}
              pendingAction={pending[plugin.id]}
              failedAction={failures[plugin.id]}
              onAction={(id, action) => void runAction(id, action)}
              onDismissError={dismissFailure}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function PluginCounts({ plugins }: { plugins: PluginJson[] }) {
  const started = plugins.filter((plugin) => plugin.state === 'STARTED').length;
  const failed = plugins.filter((plugin) => plugin.state === 'FAILED').length;
  return (
    <p class="page__summary" data-testid="plugins-summary">
      {plugins.length} {plugins.length === 1 ? 'plugin' : 'plugins'} · {started} started
      {failed > 0 && <span class="text-failed"> · {failed} failed</span>}
    </p>
  );
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
