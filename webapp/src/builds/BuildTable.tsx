import { buildPath, projectPath } from '../api/client';
import type { BuildJson } from '../api/types';
import { elapsedMillis, formatAgo, formatMillis, formatTime } from '../components/format';
import { StateBadge } from '../components/StateBadge';
import { Link } from '../app/router';
import { displayStatus, humanize, isFinished, shortVersion } from './status';

interface BuildTableProps {
  builds: BuildJson[];
  now: number;
  /** Leave out the project column (on a project's own page). */
  hideProject?: boolean;
  label: string;
}

/** Builds, newest first: status, project and number, source version, initiator, start and duration. */
export function BuildTable({ builds, now, hideProject = false, label }: BuildTableProps) {
  return (
    <table class="table" aria-label={label} data-testid="build-table">
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Build</th>
          {!hideProject && <th scope="col">Project</th>}
          <th scope="col">Source version</th>
          <th scope="col">Initiator</th>
          <th scope="col">Started</th>
          <th scope="col">Duration</th>
          <th scope="col">Phase</th>
        </tr>
      </thead>
      <tbody>
        {builds.map((build) => (
          <BuildRow key={build.id} build={build} now={now} hideProject={hideProject} />
        ))}
      </tbody>
    </table>
  );
}

function BuildRow({ build, now, hideProject }: { build: BuildJson; now: number; hideProject: boolean }) {
  const status = displayStatus(build);
  const started = build.startTime ?? build.queuedAt;
  const duration = build.startTime
    ? elapsedMillis(build.startTime, build.endTime, now)
    : elapsedMillis(build.queuedAt, build.endTime, now);
  const version = build.resolvedSourceVersion ?? build.sourceVersion;
  return (
    <tr data-testid="build-row" data-build-id={build.id} data-status={build.status}>
      <td>
        <StateBadge state={status} testId="build-status" />
      </td>
      <td>
        <Link href={buildPath(build.id)} class="build-link" data-testid="build-link">
          {hideProject ? `#${build.number}` : `${build.project} #${build.number}`}
        </Link>
      </td>
      {!hideProject && (
        <td>
          <Link href={projectPath(build.project)}>{build.project}</Link>
        </td>
      )}
      <td>
        {build.sourceVersion ? (
          <code title={version ?? undefined}>{shortVersion(build.sourceVersion)}</code>
        ) : (
          <span class="muted">default</span>
        )}
      </td>
      <td>{build.initiator ?? <span class="muted">—</span>}</td>
      <td title={started ? formatTime(started) : undefined}>{started ? formatAgo(started, now) : '—'}</td>
      <td class="numeric" data-testid="build-duration">
        {duration === undefined ? '—' : `${build.startTime ? '' : 'queued '}${formatMillis(duration)}`}
      </td>
      <td class="muted">{build.currentPhase && !isFinished(build.status) ? humanize(build.currentPhase) : ''}</td>
    </tr>
  );
}
