import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, buildPath, projectPath, type ApiClient } from '../api/client';
import type { BuildJson, ProjectJson } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatAgo, formatTime } from '../components/format';
import { useMounted, useNow } from '../components/hooks';
import { StateBadge } from '../components/StateBadge';
import { Link } from '../app/router';
import { displayStatus } from '../builds/status';

interface ProjectsPageProps {
  api: ApiClient;
  pageSize?: number;
}

/** Every project with its source, executor and latest build; more pages on demand. */
export function ProjectsPage({ api, pageSize = 50 }: ProjectsPageProps) {
  const [projects, setProjects] = useState<ProjectJson[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [latest, setLatest] = useState<Record<string, BuildJson | null>>({});
  const mounted = useMounted();
  const latestRequest = useRef(0);
  const now = useNow(30_000);

  const loadLatestBuilds = useCallback(
    (names: string[]) => {
      // One small request per project: the list API has no "latest build" column, and a page holds few projects.
      for (const name of names) {
        api.listBuilds({ project: name, limit: 1 }).then(
          (page) => {
            if (mounted.current) setLatest((current) => ({ ...current, [name]: page.builds[0] ?? null }));
          },
          () => {
            // The cell stays empty; the project itself is listed.
          },
        );
      }
    },
    [api, mounted],
  );

  const load = useCallback(
    async (after: string | null) => {
      const request = ++latestRequest.current;
      setLoading(true);
      try {
        const page = await api.listProjects({ limit: pageSize, cursor: after });
        if (!mounted.current || request !== latestRequest.current) return;
        setProjects((current) => (after ? [...(current ?? []), ...page.projects] : page.projects));
        setCursor(page.nextCursor ?? null);
        setError(undefined);
        loadLatestBuilds(page.projects.map((project) => project.name));
      } catch (failure) {
        if (mounted.current && request === latestRequest.current) setError(ApiError.from(failure));
      } finally {
        if (mounted.current && request === latestRequest.current) setLoading(false);
      }
    },
    [api, pageSize, mounted, loadLatestBuilds],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <section class="page" aria-labelledby="projects-title" data-testid="projects-page">
      <div class="page__head">
        <h1 id="projects-title">Projects</h1>
        {projects && (
          <p class="page__summary" data-testid="projects-summary">
            {projects.length}
            {cursor ? '+' : ''} {projects.length === 1 && !cursor ? 'project' : 'projects'}
          </p>
        )}
        <button
          type="button"
          class="button button--quiet page__refresh"
          data-testid="projects-refresh"
          onClick={() => void load(null)}
          disabled={loading}
        >
          Refresh
        </button>
      </div>

      {error && <ErrorPanel title="Could not load the projects" error={error} onRetry={() => void load(null)} />}
      {projects === undefined && !error && <p class="muted">Loading projects…</p>}
      {projects !== undefined && projects.length === 0 && (
        <p class="empty" data-testid="projects-empty">
          No project exists yet. Create one with <code>POST /api/v1/projects</code> or <code>slipway projects create</code>.
        </p>
      )}

      {projects !== undefined && projects.length > 0 && (
        <>
          <table class="table" aria-label="Projects" data-testid="project-table">
            <thead>
              <tr>
                <th scope="col">Project</th>
                <th scope="col">Description</th>
                <th scope="col">Source</th>
                <th scope="col">Executor</th>
                <th scope="col">Latest build</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((project) => {
                const build = latest[project.name];
                return (
                  <tr key={project.name} data-testid="project-row" data-project={project.name}>
                    <td>
                      <Link href={projectPath(project.name)} class="project-link" data-testid="project-link">
                        {project.name}
                      </Link>
                    </td>
                    <td class="wrap">{project.description || <span class="muted">—</span>}</td>
                    <td>
                      <code>{project.source.type}</code>
                    </td>
                    <td>
                      <code>{project.environment.executor}</code>
                    </td>
                    <td data-testid="project-latest-build">
                      {build === undefined ? (
                        ''
                      ) : build === null ? (
                        <span class="muted">never built</span>
                      ) : (
                        <span class="latest-build">
                          <StateBadge state={displayStatus(build)} testId="latest-build-status" />
                          <Link href={buildPath(build.id)}>#{build.number}</Link>
                          {(build.startTime ?? build.queuedAt) && (
                            <span class="muted" title={formatTime((build.startTime ?? build.queuedAt)!)}>
                              {formatAgo((build.startTime ?? build.queuedAt)!, now)}
                            </span>
                          )}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {cursor && (
            <div class="more">
              <button
                type="button"
                class="button button--quiet"
                data-testid="projects-more"
                onClick={() => void load(cursor)}
                disabled={loading}
              >
                {loading ? 'Loading…' : 'More projects'}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
