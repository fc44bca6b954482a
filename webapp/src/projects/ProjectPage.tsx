import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { API_BASE, ApiError, buildPath, pathSegment, type ApiClient } from '../api/client';
import type { ProjectJson } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatTime } from '../components/format';
import { useMounted, useNow } from '../components/hooks';
import { Link, navigate } from '../app/router';
import { LiveIndicator } from '../builds/BuildsPage';
import { BuildTable } from '../builds/BuildTable';
import { humanize } from '../builds/status';
import { useBuildList } from '../builds/useBuildList';
import { StartBuildForm } from './StartBuildForm';

interface ProjectPageProps {
  api: ApiClient;
  name: string;
  recentBuilds?: number;
}

/** One project: its settings, its recent builds (live) and a form to start a build. */
export function ProjectPage({ api, name, recentBuilds = 10 }: ProjectPageProps) {
  const [project, setProject] = useState<ProjectJson | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const mounted = useMounted();
  const latestRequest = useRef(0);
  const builds = useBuildList(api, { project: name }, recentBuilds);
  const now = useNow(5_000);

  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    try {
      const fresh = await api.getProject(name);
      if (mounted.current && request === latestRequest.current) {
        setProject(fresh);
        setError(undefined);
      }
    } catch (failure) {
      if (mounted.current && request === latestRequest.current) setError(ApiError.from(failure));
    }
  }, [api, name, mounted]);

  useEffect(() => {
    setProject(undefined);
    void load();
  }, [load]);

  if (!project) {
    return (
      <section class="page" aria-label={`Project ${name}`} data-testid="project-page">
        {error ? (
          <ErrorPanel title={`Could not load project ${name}`} error={error} onRetry={() => void load()} />
        ) : (
          <p class="muted">Loading project…</p>
        )}
      </section>
    );
  }

  return (
    <section class="page" aria-labelledby="project-title" data-testid="project-page" data-project={project.name}>
      <div class="page__head">
        <h1 id="project-title">{project.name}</h1>
        {project.description && <p class="page__summary">{project.description}</p>}
      </div>

      <StartBuildForm api={api} project={project.name} onStarted={(build) => navigate(buildPath(build.id))} />

      <section class="panel" aria-labelledby="recent-title">
        <div class="panel__head">
          <h2 id="recent-title" class="panel__title">
            Recent builds
          </h2>
          <LiveIndicator connection={builds.connection} />
          <Link href={`/builds?project=${encodeURIComponent(project.name)}`} class="panel__link">
            All builds of {project.name}
          </Link>
        </div>
        {builds.error && <ErrorPanel title="Could not load the builds" error={builds.error} onRetry={builds.reload} />}
        {builds.builds !== undefined &&
          (builds.builds.length === 0 ? (
            <p class="muted" data-testid="project-no-builds">
              No build yet.
            </p>
          ) : (
            <BuildTable builds={builds.builds} now={now} hideProject label={`Recent builds of ${project.name}`} />
          ))}
      </section>

      <section class="panel" aria-labelledby="settings-title">
        <h2 id="settings-title" class="panel__title">
          Settings
        </h2>
        <ProjectSettings project={project} />
      </section>
    </section>
  );
}

function Setting({ label, testId, children }: { label: string; testId: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The project's settings, read-only. */
export function ProjectSettings({ project }: { project: ProjectJson }) {
  const environment = project.environment;
  const variables = environment.variables ?? [];
  const sourceConfig = Object.entries(project.source.config ?? {});
  const secondary = project.artifacts?.secondary ?? [];
  return (
    <>
      <dl class="facts facts--settings" data-testid="project-settings">
        <Setting label="Source" testId="setting-source">
          <code>{project.source.type}</code>
          {sourceConfig.map(([key, value]) => (
            <span key={key} class="setting-pair">
              {key}: <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
            </span>
          ))}
        </Setting>
        <Setting label="Buildspec" testId="setting-buildspec">
          {project.buildspec?.inline ? (
            <details>
              <summary>inline</summary>
              <pre class="code-block">{project.buildspec.inline}</pre>
            </details>
          ) : (
            <code>{project.buildspec?.path ?? 'buildspec.yml'}</code>
          )}
        </Setting>
        <Setting label="Executor" testId="setting-executor">
          <code>{environment.executor}</code>
          {environment.image && (
            <span class="setting-pair">
              image: <code>{environment.image}</code>
            </span>
          )}
          {environment.computeType && <span class="setting-pair">{environment.computeType}</span>}
          {environment.privilegedMode && <span class="badge badge--plain">privileged</span>}
        </Setting>
        <Setting label="Timeouts" testId="setting-timeouts">
          {project.timeoutInMinutes ?? 60} min build · {project.queuedTimeoutInMinutes ?? 480} min queued
        </Setting>
        <Setting label="Concurrent builds" testId="setting-concurrency">
          {project.concurrentBuildLimit ?? 'no limit'}
        </Setting>
        <Setting label="Artifacts" testId="setting-artifacts">
          {project.artifacts ? (
            <>
              store <code>{project.artifacts.store ?? 'default'}</code>
              {project.artifacts.packaging && <span class="setting-pair">{project.artifacts.packaging}</span>}
              {secondary.length > 0 && (
                <span class="setting-pair">
                  secondary: {secondary.map((artifact) => artifact.identifier).join(', ')}
                </span>
              )}
            </>
          ) : (
            <span class="muted">none</span>
          )}
        </Setting>
        <Setting label="Cache" testId="setting-cache">
          {project.cache && project.cache.type !== 'NO_CACHE' ? (
            <>
              {humanize(project.cache.type)}
              {project.cache.store && (
                <span class="setting-pair">
                  store <code>{project.cache.store}</code>
                </span>
              )}
            </>
          ) : (
            <span class="muted">no cache</span>
          )}
        </Setting>
        {project.serviceRole && (
          <Setting label="Service role" testId="setting-service-role">
            <code>{project.serviceRole}</code>
          </Setting>
        )}
        <Setting label="Badge" testId="setting-badge">
          {project.badgeEnabled ? (
            <img
              src={`${API_BASE}/projects/${pathSegment(project.name)}/badge.svg`}
              alt={`Build badge of ${project.name}`}
              height={20}
            />
          ) : (
            <span class="muted">disabled</span>
          )}
        </Setting>
        {project.updatedAt && (
          <Setting label="Last changed" testId="setting-updated">
            {formatTime(project.updatedAt)}
            {project.version != null && <span class="muted"> · version {project.version}</span>}
          </Setting>
        )}
      </dl>
      <h3 class="subtitle">Environment variables</h3>
      {variables.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table class="table table--compact" aria-label="Environment variables" data-testid="project-variables">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Value or reference</th>
            </tr>
          </thead>
          <tbody>
            {variables.map((variable) => (
              <tr key={variable.name} data-testid="project-variable" data-name={variable.name}>
                <th scope="row">
                  <code>{variable.name}</code>
                </th>
                <td>{humanize(variable.type)}</td>
                <td class="wrap">
                  <code>{variable.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
