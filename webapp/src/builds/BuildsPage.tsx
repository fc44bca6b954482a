import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import { BUILD_STATUSES } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { useNow } from '../components/hooks';
import { navigate, useSearchParams } from '../app/router';
import { BuildTable } from './BuildTable';
import { humanize } from './status';
import { useBuildList } from './useBuildList';
import type { EventsConnection } from './useBuildEvents';

interface BuildsPageProps {
  api: ApiClient;
  pageSize?: number;
}

/**
 * Every build, newest first, filtered by project and status (kept in the URL, so a filtered list can be
 * bookmarked), with older builds loaded on demand and rows that follow the builds live.
 */
export function BuildsPage({ api, pageSize = 50 }: BuildsPageProps) {
  const search = useSearchParams();
  const project = search.get('project') ?? '';
  const status = search.get('status') ?? '';
  const list = useBuildList(api, { project: project || undefined, status: status || undefined }, pageSize);
  const now = useNow(5_000);
  const [projects, setProjects] = useState<string[]>([]);

  useEffect(() => {
    let current = true;
    api.listProjects({ limit: 200 }).then(
      (page) => {
        if (current) setProjects(page.projects.map((candidate) => candidate.name));
      },
      () => {
        // The filter then offers only the project in the URL; the list itself shows any error.
      },
    );
    return () => {
      current = false;
    };
  }, [api]);

  const setFilter = (key: 'project' | 'status', value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    const query = next.toString();
    navigate(`/builds${query ? `?${query}` : ''}`, { replace: true });
  };

  const projectOptions = project && !projects.includes(project) ? [project, ...projects] : projects;

  return (
    <section class="page" aria-labelledby="builds-title" data-testid="builds-page">
      <div class="page__head">
        <h1 id="builds-title">Builds</h1>
        <LiveIndicator connection={list.connection} />
        <div class="filters" role="group" aria-label="Filters">
          <label class="filter">
            <span>Project</span>
            <select
              class="input"
              data-testid="filter-project"
              value={project}
              onChange={(event) => setFilter('project', event.currentTarget.value)}
            >
              <option value="">All projects</option>
              {projectOptions.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label class="filter">
            <span>Status</span>
            <select
              class="input"
              data-testid="filter-status"
              value={status}
              onChange={(event) => setFilter('status', event.currentTarget.value)}
            >
              <option value="">Any status</option>
              {BUILD_STATUSES.map((name) => (
                <option key={name} value={name}>
                  {humanize(name)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="button" class="button button--quiet" data-testid="builds-refresh" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </div>

      {list.error && <ErrorPanel title="Could not load the builds" error={list.error} onRetry={list.reload} />}

      {list.builds === undefined && !list.error && <p class="muted">Loading builds…</p>}

      {list.builds !== undefined && list.builds.length === 0 && (
        <p class="empty" data-testid="builds-empty">
          {project || status ? 'No build matches these filters.' : 'No build has run yet. Start one from a project page.'}
        </p>
      )}

      {list.builds !== undefined && list.builds.length > 0 && (
        <>
          <BuildTable builds={list.builds} now={now} label="Builds" />
          {list.hasMore && (
            <div class="more">
              <button
                type="button"
                class="button button--quiet"
                data-testid="builds-more"
                onClick={list.loadMore}
                disabled={list.loading}
              >
                {list.loading ? 'Loading…' : 'Older builds'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** Whether the page receives live updates. */
export function LiveIndicator({ connection }: { connection: EventsConnection }) {
  const label = connection === 'live' ? 'Live' : connection === 'connecting' ? 'Connecting…' : 'Not live, reconnecting…';
  return (
    <span class={`live live--${connection}`} data-testid="events-connection" data-connection={connection} title="Live updates from the server">
      <span class="live__dot" aria-hidden="true" />
      {label}
    </span>
  );
}
