import { describe, expect, it } from 'vitest';
import { elapsedMillis, formatAgo, formatBytes, formatCount, formatMillis } from './format';

describe('format', () => {
  it('formats durations from milliseconds to hours', () => {
    expect(formatMillis(3)).toBe('3 ms');
    expect(formatMillis(999.6)).toBe('1.0 s');
    expect(formatMillis(3_456)).toBe('3.4 s');
    expect(formatMillis(42_000)).toBe('42 s');
    expect(formatMillis(125_000)).toBe('2 min 05 s');
    expect(formatMillis(3_720_000)).toBe('1 h 02 min');
    expect(formatMillis(-5)).toBe('0 ms');
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(99)).toBe('99 B');
    expect(formatBytes(1_536)).toBe('1.5 KiB');
    expect(formatBytes(1_572_864)).toBe('1.5 MiB');
    expect(formatBytes(104_857_600)).toBe('100 MiB');
    expect(formatBytes(5 * 1024 ** 4)).toBe('5.0 TiB');
  });

  it('formats counts with separators', () => {
    expect(formatCount(1_200_000)).toBe('1,200,000');
  });

  it('says how long ago an instant was', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(formatAgo('2026-11-26T11:59:58Z', now)).toBe('just now');
    expect(formatAgo('2026-11-26T11:59:18Z', now)).toBe('42 s ago');
    expect(formatAgo('2026-11-26T11:55:00Z', now)).toBe('5 min ago');
    expect(formatAgo('2026-11-26T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAgo('2026-11-20T12:00:00Z', now)).toBe('6 d ago');
    expect(formatAgo('not a time', now)).toBe('not a time');
  });

  it('measures elapsed time up to now while there is no end', () => {
    const now = Date.parse('2026-11-26T12:00:10Z');
    expect(elapsedMillis('2026-11-26T12:00:00Z', null, now)).toBe(10_000);
    expect(elapsedMillis('2026-11-26T12:00:00Z', '2026-11-26T12:00:01.5Z', now)).toBe(1_500);
    expect(elapsedMillis(null, null, now)).toBeUndefined();
  });
});
