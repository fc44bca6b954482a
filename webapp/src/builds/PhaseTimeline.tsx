import type { PhaseJson } from '../api/types';
import { formatMillis } from '../components/format';
import { humanize } from './status';

export interface TimelineRow {
  phase: PhaseJson;
  /** Milliseconds, up to now for a running phase; undefined for a phase without a start time. */
  duration: number | undefined;
  /** Position and length of the bar as percentages of the whole build. */
  left: number;
  width: number;
  running: boolean;
}

/** The smallest bar, so that a 3 ms phase is still visible next to a 20 min one. */
const MIN_WIDTH_PERCENT = 0.4;

/**
 * Lays out the phases on one time axis from the first phase's start to the last end (or `now` while the build
 * runs), each bar as long as its phase took. COMPLETED, which only marks the end, gets no bar.
 */
export function layoutTimeline(phases: readonly PhaseJson[], now: number, running: boolean): TimelineRow[] {
  const times = phases.flatMap((phase) => [phase.startTime, phase.endTime]).filter((time): time is string => Boolean(time)).map(Date.parse).filter((time) => !Number.isNaN(time));
  if (times.length === 0) {
    return phases.map((phase) => ({ phase, duration: undefined, left: 0, width: 0, running: false }));
  }
  const start = Math.min(...times);
  const end = Math.max(running ? now : 0, ...times);
  const span = Math.max(1, end - start);
  return phases.map((phase) => {
    const from = phase.startTime ? Date.parse(phase.startTime) : Number.NaN;
    if (Number.isNaN(from) || phase.type === 'COMPLETED') {
      return { phase, duration: undefined, left: 0, width: 0, running: false };
    }
    const phaseRunning = !phase.endTime && running;
    const to = phase.endTime ? Date.parse(phase.endTime) : phaseRunning ? now : from;
    const duration = phase.durationMillis ?? Math.max(0, to - from);
    const left = ((from - start) / span) * 100;
    const width = Math.min(100 - left, Math.max(MIN_WIDTH_PERCENT, ((to - from) / span) * 100));
    return { phase, duration: phaseRunning ? Math.max(0, now - from) : duration, left, width, running: phaseRunning };
  });
}

interface PhaseTimelineProps {
  phases: readonly PhaseJson[];
  now: number;
  running: boolean;
}

// Contexts of a failed phase say what went wrong; those of other phases are information (the executor used, the wait).
function isProblem(status: string | undefined): boolean {
  return status !== undefined && status !== 'SUCCEEDED' && status !== 'IN_PROGRESS';
}

/** The build's phases as bars on a time axis, with status, duration and their contexts (highlighted for failed phases). */
export function PhaseTimeline({ phases, now, running }: PhaseTimelineProps) {
  const rows = layoutTimeline(phases, now, running);
  if (rows.length === 0) {
    return <p class="muted">No phase has started yet.</p>;
  }
  return (
    <ol class="timeline" aria-label="Phases" data-testid="phase-timeline">
      {rows.map(({ phase, duration, left, width, running: phaseRunning }) => {
        const status = phase.status ?? (phaseRunning ? 'IN_PROGRESS' : undefined);
        const contexts = (phase.contexts ?? []).filter((context) => context.statusCode || context.message);
        const modifier = (status ?? 'pending').toLowerCase().replace(/[^a-z0-9]+/g, '-');
        return (
          <li
            key={phase.type}
            class={`timeline__phase timeline__phase--${modifier}`}
            data-testid="phase"
            data-phase={phase.type}
            data-status={status ?? ''}
          >
            <span class="timeline__name">{humanize(phase.type)}</span>
            <span class="timeline__status">{status ? humanize(status) : ''}</span>
            <span class="timeline__duration numeric" data-testid="phase-duration">
              {duration === undefined ? '' : formatMillis(duration)}
            </span>
            <span class="timeline__track" aria-hidden="true">
              {phase.type !== 'COMPLETED' && duration !== undefined && (
                <span
                  class={`timeline__bar${phaseRunning ? ' timeline__bar--running' : ''}`}
                  data-testid="phase-bar"
                  style={{ left: `${left.toFixed(3)}%`, width: `${width.toFixed(3)}%` }}
                />
              )}
            </span>
            {contexts.length > 0 && (
              <ul
                class={`timeline__contexts${isProblem(status) ? '' : ' timeline__contexts--info'}`}
                data-testid="phase-contexts"
                data-problem={isProblem(status)}
              >
                {contexts.map((context, index) => (
                  <li key={index}>
                    {context.statusCode && <code>{context.statusCode}</code>} {context.message}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
