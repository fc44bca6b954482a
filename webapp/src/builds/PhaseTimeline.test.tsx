import { describe, expect, it } from 'vitest';
import type { PhaseJson } from '../api/types';
import { failedBuild } from '../testing/samples';
import { layoutTimeline } from './PhaseTimeline';

function phase(type: string, start: string, end: string | null, status: string | null = 'SUCCEEDED'): PhaseJson {
  return { type, status, startTime: start, endTime: end, contexts: [] };
}

describe('layoutTimeline', () => {
  it('makes each bar as long as its phase, on one axis from the first start to the last end', () => {
    const rows = layoutTimeline(
      [
        phase('QUEUED', '2026-11-26T12:00:00Z', '2026-11-26T12:00:10Z'),
        phase('BUILD', '2026-11-26T12:00:10Z', '2026-11-26T12:00:40Z'),
      ],
      0,
      false,
    );

    expect(rows.map((row) => [row.phase.type, row.left, row.width, row.duration])).toEqual([
      ['QUEUED', 0, 25, 10_000],
      ['BUILD', 25, 75, 30_000],
    ]);
  });

  it('extends a running phase, and the axis, to now', () => {
    const now = Date.parse('2026-11-26T12:01:00Z');
    const rows = layoutTimeline(
      [
        phase('INSTALL', '2026-11-26T12:00:00Z', '2026-11-26T12:00:30Z'),
        phase('BUILD', '2026-11-26T12:00:30Z', null, null),
      ],
      now,
      true,
    );

    expect(rows[1]).toMatchObject({ left: 50, width: 50, duration: 30_000, running: true });
    expect(rows[0]).toMatchObject({ width: 50, running: false });
  });

  it('keeps very short phases visible and gives COMPLETED no bar', () => {
    const rows = layoutTimeline(failedBuild().phases!, 0, false);
    const submitted = rows.find((row) => row.phase.type === 'SUBMITTED')!;
    const completed = rows.find((row) => row.phase.type === 'COMPLETED')!;
    const install = rows.find((row) => row.phase.type === 'INSTALL')!;

    expect(submitted.duration).toBe(3);
    expect(submitted.width).toBeGreaterThan(0.3);
    expect(completed.duration).toBeUndefined();
    expect(install.width).toBeCloseTo((30 / 126) * 100, 5);
  });

  it('uses the server duration when it has one and copes with phases without times', () => {
    const rows = layoutTimeline(
      [
        { ...phase('BUILD', '2026-11-26T12:00:00Z', '2026-11-26T12:00:01Z'), durationMillis: 999 },
        { type: 'POST_BUILD', status: null, startTime: null, endTime: null },
      ],
      0,
      false,
    );

    expect(rows[0]!.duration).toBe(999);
    expect(rows[1]).toMatchObject({ duration: undefined, width: 0 });
    expect(layoutTimeline([{ type: 'SUBMITTED' }], 0, true)[0]).toMatchObject({ duration: undefined });
  });
});
