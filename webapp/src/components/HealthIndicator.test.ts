import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import type { HealthJson } from '../api/types';
import { formatDuration, summarizeHealth } from './HealthIndicator';

const healthy: HealthJson = {
  status: 'UP',
  version: '0.1.0-SNAPSHOT',
  uptimeSeconds: 3725,
  database: { status: 'UP', product: 'H2', version: '2.5.252' },
  plugins: { total: 2, started: 2, failed: 0 },
};

describe('summarizeHealth', () => {
  it('is healthy when the server is UP and no plugin failed, and lists the facts', () => {
    const summary = summarizeHealth(healthy, undefined);

    expect(summary.level).toBe('up');
    expect(summary.label).toBe('Healthy');
    expect(summary.facts).toEqual([
      'Server UP',
      'Database H2 2.5.252 UP',
      'Plugins: 2 of 2 started, 0 failed',
      'Up 1 h 2 min',
    ]);
  });

  it('is degraded, not down, when plugins failed', () => {
    const summary = summarizeHealth({ ...healthy, plugins: { total: 3, started: 2, failed: 1 } }, undefined);

    expect(summary.level).toBe('degraded');
    expect(summary.label).toBe('1 plugin failed');
  });

  it('is down when the server says so', () => {
    const summary = summarizeHealth({ ...healthy, status: 'DOWN' }, undefined);

    expect(summary.level).toBe('down');
  });

  it('is unreachable when the last check failed, even after a good answer', () => {
    const error = new ApiError(0, 'UNREACHABLE', 'Cannot reach the Slipway server');

    const summary = summarizeHealth(healthy, error);

    expect(summary.level).toBe('unreachable');
    expect(summary.facts).toEqual(['Cannot reach the Slipway server']);
  });

  it('is unreachable when a proxy reports the server as gone', () => {
    const error = new ApiError(502, 'HTTP_502', 'The server answered 502 Bad Gateway');

    expect(summarizeHealth(undefined, error).level).toBe('unreachable');
  });

  it('is down when the health check itself fails', () => {
    const error = new ApiError(500, 'INTERNAL', 'Unexpected failure');

    const summary = summarizeHealth(healthy, error);

    expect(summary.level).toBe('down');
    expect(summary.label).toBe('Health check failed');
    expect(summary.facts).toEqual(['INTERNAL: Unexpected failure']);
  });

  it('is unknown before the first answer', () => {
    expect(summarizeHealth(undefined, undefined).level).toBe('unknown');
  });
});

describe('formatDuration', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(12)).toBe('12 s');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(formatDuration(3 * 3600 + 120)).toBe('3 h 2 min');
    expect(formatDuration(2 * 86400 + 5 * 3600)).toBe('2 d 5 h');
  });
});
