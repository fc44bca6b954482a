import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, buildPath, projectPath, type ApiClient } from '../api/client';
import type { BatchJson } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatTime } from '../components/format';
import { useMounted } from '../components/hooks';
import { StateBadge } from '../components/StateBadge';
import { Link } from '../app/router';
import { batchRows, isBatchFinished } from './batch';
import { humanize } from './status';

interface BatchPageProps {
  api: ApiClient;
  id: string;
  /** How often a running batch is fetched again, in ms. */
  refreshIntervalMs?: number;
}

/** One batch build: its status and phase, and its children with their statuses, fetched again while it runs. */
export function BatchPage({ api, id, refreshIntervalMs = 2000 }: BatchPageProps) {
  const [batch, setBatch] = useState<BatchJson | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const mounted = useMounted();
  const latestRequest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    try {
      const fresh = await api.getBatch(id);
      if (mounted.current && request === latestRequest.current) {
        setBatch(fresh);
        setLoadError(undefined);
      }
    } catch (failure) {
      if (mounted.current && request === latestRequest.current) setLoadError(ApiError.from(failure));
    }
  }, [api, id, mounted]);

  useEffect(() => {
    setBatch(undefined);
    void load();
  }, [load]);

  const running = batch !== undefined && !isBatchFinished(batch.status);
  useEffect(() => {
    if (!running) return undefined;
    const timer = window.setInterval(() => void load(), refreshIntervalMs);
    return () => window.clearInterval(timer);
  }, [running, load, refreshIntervalMs]);

  if (!batch) {
    return (
      <section class="page" aria-label="Batch" data-testid="batch-page">
        {loadError ? (
          <ErrorPanel title={`Could not load batch ${id}`} error={loadError} onRetry={() => void load()} />
        ) : (
          <p class="muted">Loading batch…</p>
        )}
      </section>
    );
  }

  const rows = batchRows(batch);
  return (
    <section class="page" aria-labelledby="batch-title" data-testid="batch-page" data-status={batch.status}>
      <div class="page__head">
        <h1 id="batch-title">
          <Link href={projectPath(batch.project)}>{batch.project}</Link> batch <span data-testid="batch-number">#{batch.number}</span>
        </h1>
        <StateBadge state={batch.status} testId="batch-status" />
        {running && batch.currentPhase && (
          <span class="muted" data-testid="batch-current-phase">
            {humanize(batch.currentPhase)}
          </span>
        )}
      </div>
      {loadError && <ErrorPanel title="Could not refresh the batch" error={loadError} onRetry={() => void load()} />}
      <p class="muted">
        <code>{batch.id}</code>
        {batch.startTime && (
          <>
            {' · started '}
            <time dateTime={batch.startTime}>{formatTime(batch.startTime)}</time>
          </>
        )}
        {batch.retryCount ? ` · retried ${batch.retryCount}×` : ''}
      </p>
      {rows.length === 0 ? (
        <p class="muted" data-testid="batch-empty">
          No builds yet.
        </p>
      ) : (
        <table class="table" data-testid="batch-children">
          <thead>
            <tr>
              <th scope="col">Identifier</th>
              <th scope="col">Status</th>
              <th scope="col">Build</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.identifier} data-testid="batch-child" data-identifier={row.identifier}>
                <td>
                  <code>{row.identifier}</code>
                </td>
                <td>
                  <StateBadge state={row.status} testId="batch-child-status" />
                </td>
                <td>
                  {row.buildId ? <Link href={buildPath(row.buildId)}>{row.buildId}</Link> : null}
                  {row.note && <span class="muted"> {row.note}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
