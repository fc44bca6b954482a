import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, batchPath, buildPath, projectPath, type ApiClient } from '../api/client';
import type { BuildArtifactJson, BuildJson, BuildEventJson } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { elapsedMillis, formatBytes, formatMillis, formatTime } from '../components/format';
import { useMounted, useNow } from '../components/hooks';
import { StateBadge } from '../components/StateBadge';
import { Link, navigate } from '../app/router';
import { LogViewer } from '../logs/LogViewer';
import { LiveIndicator } from './BuildsPage';
import { PhaseTimeline } from './PhaseTimeline';
import { applyEvent, displayStatus, humanize, isFinished, shortVersion } from './status';
import { useBuildEvents } from './useBuildEvents';

interface BuildPageProps {
  api: ApiClient;
  id: string;
  /** Batches the refetches that events cause, in ms. */
  refreshDelayMs?: number;
}

type Action = 'stop' | 'retry';

/**
 * One build: status, number, initiator, source version and times; the phase timeline; stop and retry; the
 * live log; exported variables, artifacts, reports and the cache outcome. Follows the build's events.
 */
export function BuildPage({ api, id, refreshDelayMs = 200 }: BuildPageProps) {
  const [build, setBuild] = useState<BuildJson | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [pending, setPending] = useState<Action | undefined>(undefined);
  const [actionError, setActionError] = useState<{ action: Action; error: ApiError } | undefined>(undefined);
  const mounted = useMounted();
  const latestRequest = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    try {
      const fresh = await api.getBuild(id);
      if (mounted.current && request === latestRequest.current) {
        setBuild(fresh);
        setLoadError(undefined);
      }
    } catch (failure) {
      if (mounted.current && request === latestRequest.current) setLoadError(ApiError.from(failure));
    }
  }, [api, id, mounted]);

  useEffect(() => {
    setBuild(undefined);
    setLoadError(undefined);
    setActionError(undefined);
    void load();
  }, [load]);

  const scheduleLoad = useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = window.setTimeout(() => {
      timer.current = undefined;
      void load();
    }, refreshDelayMs);
  }, [load, refreshDelayMs]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const connection = useBuildEvents(
    api,
    (event: BuildEventJson) => {
      if (event.buildId !== id) return;
      setBuild((current) => (current ? applyEvent(current, event) : current));
      scheduleLoad();
    },
    scheduleLoad,
  );

  const running = build !== undefined && !isFinished(build.status);
  const now = useNow(1000, running);

  const stop = async () => {
    setPending('stop');
    setActionError(undefined);
    try {
      const stopped = await api.stopBuild(id);
      if (mounted.current) setBuild(stopped);
    } catch (failure) {
      if (mounted.current) setActionError({ action: 'stop', error: ApiError.from(failure) });
    }
    if (mounted.current) setPending(undefined);
    void load();
  };

  const retry = async () => {
    setPending('retry');
    setActionError(undefined);
    try {
      const retried = await api.retryBuild(id);
      if (mounted.current) navigate(buildPath(retried.id));
    } catch (failure) {
      if (mounted.current) setActionError({ action: 'retry', error: ApiError.from(failure) });
    }
    if (mounted.current) setPending(undefined);
  };

  if (!build) {
    return (
      <section class="page" aria-label="Build" data-testid="build-page">
        {loadError ? (
          <ErrorPanel title={`Could not load build ${id}`} error={loadError} onRetry={() => void load()} />
        ) : (
          <p class="muted">Loading build…</p>
        )}
      </section>
    );
  }

  const status = displayStatus(build);
  const total = elapsedMillis(build.startTime, build.endTime, now);
  const queuedFor = queuedMillis(build, now);

  return (
    <section class="page" aria-labelledby="build-title" data-testid="build-page" data-build-id={build.id} data-status={build.status}>
      <div class="page__head">
        <h1 id="build-title">
          <Link href={projectPath(build.project)}>{build.project}</Link> <span data-testid="build-number">#{build.number}</span>
        </h1>
        <StateBadge state={status} testId="build-status" />
        {running && build.currentPhase && (
          <span class="muted" data-testid="build-current-phase">
            {humanize(build.currentPhase)}
          </span>
        )}
        <LiveIndicator connection={connection} />
        <div class="page__actions" role="group" aria-label="Build actions">
          {running ? (
            <button
              type="button"
              class="button button--danger"
              data-testid="build-stop"
              onClick={() => void stop()}
              disabled={pending !== undefined}
            >
              {pending === 'stop' ? 'Stopping…' : 'Stop build'}
            </button>
          ) : (
            <button
              type="button"
              class="button"
              data-testid="build-retry"
              onClick={() => void retry()}
              disabled={pending !== undefined}
            >
              {pending === 'retry' ? 'Retrying…' : 'Retry build'}
            </button>
          )}
        </div>
      </div>

      {actionError && (
        <ErrorPanel
          title={actionError.action === 'stop' ? 'Could not stop the build' : 'Could not retry the build'}
          error={actionError.error}
          onDismiss={() => setActionError(undefined)}
        />
      )}
      {loadError && <ErrorPanel title="Could not refresh the build" error={loadError} onRetry={() => void load()} />}
      {build.batchId && (
        <p class="notice" data-testid="build-batch">
          Part of batch <Link href={batchPath(build.batchId)}>{build.batchId}</Link>
          {build.batchBuildIdentifier && (
            <>
              {' '}as <code>{build.batchBuildIdentifier}</code>
            </>
          )}
        </p>
      )}
      {build.waitReason && (
        <p class="notice" data-testid="build-wait-reason">
          {build.waitReason}
        </p>
      )}

      <dl class="facts" data-testid="build-facts">
        <Fact label="Build id" testId="fact-id">
          <code>{build.id}</code>
        </Fact>
        <Fact label="Initiator" testId="fact-initiator">
          {build.initiator ?? '—'}
        </Fact>
        <Fact label="Source version" testId="fact-source-version">
          {build.sourceVersion ? <code>{build.sourceVersion}</code> : <span class="muted">default</span>}
          {build.resolvedSourceVersion && build.resolvedSourceVersion !== build.sourceVersion && (
            <>
              {' → '}
              <code title={build.resolvedSourceVersion}>{shortVersion(build.resolvedSourceVersion)}</code>
            </>
          )}
        </Fact>
        {build.queuedAt && (
          <Fact label="Queued" testId="fact-queued">
            <time dateTime={build.queuedAt}>{formatTime(build.queuedAt)}</time>
            {queuedFor !== undefined && <span class="muted"> · waited {formatMillis(queuedFor)}</span>}
          </Fact>
        )}
        {build.startTime && (
          <Fact label="Started" testId="fact-started">
            <time dateTime={build.startTime}>{formatTime(build.startTime)}</time>
          </Fact>
        )}
        {build.endTime && (
          <Fact label="Ended" testId="fact-ended">
            <time dateTime={build.endTime}>{formatTime(build.endTime)}</time>
          </Fact>
        )}
        <Fact label="Duration" testId="fact-duration">
          {total === undefined ? '—' : formatMillis(total)}
          {running && total !== undefined && <span class="muted"> so far</span>}
        </Fact>
        {build.environment && (
          <Fact label="Environment" testId="fact-environment">
            {[build.environment.executor, build.environment.image, build.environment.computeType].filter(Boolean).join(' · ')}
          </Fact>
        )}
        {build.retryOf && (
          <Fact label="Retry of" testId="fact-retry-of">
            <Link href={buildPath(build.retryOf)}>
              <code>{build.retryOf}</code>
            </Link>
          </Fact>
        )}
      </dl>

      <section class="panel" aria-labelledby="phases-title">
        <h2 id="phases-title" class="panel__title">
          Phases
        </h2>
        <PhaseTimeline phases={build.phases ?? []} now={now} running={running} />
      </section>

      <section class="panel" aria-labelledby="log-title">
        <h2 id="log-title" class="panel__title">
          Log
        </h2>
        <LogViewer api={api} buildId={build.id} live={running} />
      </section>

      <div class="panel-grid">
        <ArtifactsPanel build={build} />
        <ReportsPanel build={build} />
        <VariablesPanel build={build} />
        <CachePanel build={build} />
      </div>
    </section>
  );
}

// How long the build waited in the queue: the QUEUED phase, or queue time to start.
function queuedMillis(build: BuildJson, now: number): number | undefined {
  const queued = build.phases?.find((phase) => phase.type === 'QUEUED');
  if (queued?.durationMillis !== undefined && queued.durationMillis !== null) return queued.durationMillis;
  if (queued?.startTime) return elapsedMillis(queued.startTime, queued.endTime, now);
  return build.queuedAt && build.startTime ? elapsedMillis(build.queuedAt, build.startTime, now) : undefined;
}

function Fact({ label, testId, children }: { label: string; testId: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

function ArtifactsPanel({ build }: { build: BuildJson }) {
  const artifacts: { kind: string; artifact: BuildArtifactJson }[] = [];
  if (build.artifacts?.primary) artifacts.push({ kind: 'primary', artifact: build.artifacts.primary });
  for (const artifact of build.artifacts?.secondary ?? []) artifacts.push({ kind: 'secondary', artifact });
  return (
    <section class="panel" aria-labelledby="artifacts-title" data-testid="build-artifacts">
      <h2 id="artifacts-title" class="panel__title">
        Artifacts
      </h2>
      {artifacts.length === 0 ? (
        <p class="muted">{isFinished(build.status) ? 'This build uploaded no artifacts.' : 'None yet.'}</p>
      ) : (
        <table class="table table--compact" aria-label="Artifacts">
          <thead>
            <tr>
              <th scope="col">Artifact</th>
              <th scope="col">Size</th>
              <th scope="col">Location</th>
            </tr>
          </thead>
          <tbody>
            {artifacts.map(({ kind, artifact }, index) => (
              <tr key={index} data-testid="artifact" data-kind={kind}>
                <td>
                  {artifact.name ?? artifact.identifier ?? '—'}
                  {kind === 'primary' ? (
                    <span class="badge badge--plain">primary</span>
                  ) : (
                    artifact.identifier && <code class="muted"> {artifact.identifier}</code>
                  )}
                </td>
                <td class="numeric" data-testid="artifact-size" title={artifact.size != null ? `${artifact.size} bytes` : undefined}>
                  {artifact.size != null ? formatBytes(artifact.size) : '—'}
                </td>
                <td class="wrap">
                  <code data-testid="artifact-location">{artifact.location ?? '—'}</code>
                  {artifact.sha256 && (
                    <div class="muted small" title={artifact.sha256}>
                      sha256 {artifact.sha256.slice(0, 16)}…
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReportsPanel({ build }: { build: BuildJson }) {
  const reports = build.reports ?? [];
  return (
    <section class="panel" aria-labelledby="reports-title" data-testid="build-reports">
      <h2 id="reports-title" class="panel__title">
        Reports
      </h2>
      {reports.length === 0 ? (
        <p class="muted">No reports.</p>
      ) : (
        <table class="table table--compact" aria-label="Reports">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Status</th>
              <th scope="col">Passed</th>
              <th scope="col">Failed</th>
              <th scope="col">Skipped</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report) => (
              <tr key={report.group} data-testid="report" data-group={report.group}>
                <td>
                  {report.group}
                  {report.type && <span class="muted small"> {humanize(report.type)}</span>}
                </td>
                <td>{report.status && <StateBadge state={report.status} testId="report-status" />}</td>
                {report.type === 'CODE_COVERAGE' ? (
                  <td colSpan={4} data-testid="report-coverage">
                    lines {percent(report.lineCoverage)} · branches {percent(report.branchCoverage)}
                  </td>
                ) : (
                  <>
                    <td class="numeric">{report.passed ?? '—'}</td>
                    <td class={`numeric${report.failed ? ' text-failed' : ''}`}>{report.failed ?? '—'}</td>
                    <td class="numeric">{report.skipped ?? '—'}</td>
                    <td class="numeric">{report.total ?? '—'}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function percent(value: number | null | undefined): string {
  return typeof value === 'number' ? `${value.toFixed(1)} %` : '—';
}

function VariablesPanel({ build }: { build: BuildJson }) {
  const variables = build.exportedVariables ?? [];
  return (
    <section class="panel" aria-labelledby="variables-title" data-testid="build-variables">
      <h2 id="variables-title" class="panel__title">
        Exported variables
      </h2>
      {variables.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <table class="table table--compact" aria-label="Exported variables">
          <tbody>
            {variables.map((variable) => (
              <tr key={variable.name} data-testid="exported-variable" data-name={variable.name}>
                <th scope="row">
                  <code>{variable.name}</code>
                </th>
                <td class="wrap">
                  <code>{variable.value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CachePanel({ build }: { build: BuildJson }) {
  const cache = build.cache;
  return (
    <section class="panel" aria-labelledby="cache-title" data-testid="build-cache">
      <h2 id="cache-title" class="panel__title">
        Cache
      </h2>
      {!cache ? (
        <p class="muted">No cache.</p>
      ) : (
        <dl class="facts facts--stacked">
          <div>
            <dt>Outcome</dt>
            <dd data-testid="cache-outcome" data-hit={String(Boolean(cache.hit))}>
              {cache.hit ? <span class="text-ok">Hit</span> : <span class="text-warn">Miss</span>}
            </dd>
          </div>
          {cache.key && (
            <div>
              <dt>Key</dt>
              <dd>
                <code>{cache.key}</code>
              </dd>
            </div>
          )}
          {cache.matchedKey && cache.matchedKey !== cache.key && (
            <div>
              <dt>Restored from</dt>
              <dd>
                <code>{cache.matchedKey}</code>
              </dd>
            </div>
          )}
          {cache.sizeBytes != null && (
            <div>
              <dt>Size</dt>
              <dd>{formatBytes(cache.sizeBytes)}</dd>
            </div>
          )}
        </dl>
      )}
    </section>
  );
}
