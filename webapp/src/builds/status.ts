import type { BuildEventJson, BuildJson } from '../api/types';

const FINISHED_STATUSES = new Set(['SUCCEEDED', 'FAILED', 'FAULT', 'TIMED_OUT', 'STOPPED']);

/** A build that has ended; anything else (IN_PROGRESS, or a status this console does not know) may still change. */
export function isFinished(status: string): boolean {
  return FINISHED_STATUSES.has(status);
}

/** "IN_PROGRESS" → "In progress", "DOWNLOAD_SOURCE" → "Download source". */
export function humanize(name: string): string {
  const words = name.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the status badge of a build says: a queued build is IN_PROGRESS in the API but shown as QUEUED. */
export function displayStatus(build: Pick<BuildJson, 'status' | 'currentPhase'>): string {
  if (build.status === 'IN_PROGRESS' && (build.currentPhase === 'QUEUED' || build.currentPhase === 'SUBMITTED')) {
    return 'QUEUED';
  }
  return build.status;
}

/** Parses the data of a build event; undefined for data that is not one. */
export function parseBuildEvent(data: string): BuildEventJson | undefined {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return undefined;
    const event = value as Partial<BuildEventJson>;
    return typeof event.buildId === 'string' && typeof event.project === 'string' ? (event as BuildEventJson) : undefined;
  } catch {
    return undefined;
  }
}

/** The build with what an event says about it, before the full build is fetched again. */
export function applyEvent(build: BuildJson, event: BuildEventJson): BuildJson {
  return {
    ...build,
    status: event.buildStatus ?? build.status,
    currentPhase: event.currentPhase ?? build.currentPhase,
  };
}

/** A short form of a commit id; other source versions (branches, tags) as they are. */
export function shortVersion(version: string): string {
  return /^[0-9a-f]{40}$/i.test(version) ? version.slice(0, 10) : version;
}
