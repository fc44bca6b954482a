import { describe, expect, it } from 'vitest';
import { maxScrollTop, scrollHeightFor, scrollTopForLine, windowAt, type LogGeometry } from './virtualWindow';

const geometry: LogGeometry = { lineHeight: 20, viewportHeight: 400, maxScrollHeight: 1_000_000 };

describe('windowAt below the height cap', () => {
  it('draws lines at their natural offsets', () => {
    const window = windowAt(1_010, 1_000, geometry, 5);

    expect(window.scrollHeight).toBe(20_000);
    expect(window.firstVisible).toBeCloseTo(50.5);
    expect(window.start).toBe(45);
    expect(window.end).toBe(76);
    expect(window.offsetTop).toBeCloseTo(45 * 20);
  });

  it('stops at both ends of the log', () => {
    expect(windowAt(0, 1_000, geometry, 5)).toMatchObject({ start: 0, end: 25, offsetTop: 0 });
    const bottom = windowAt(maxScrollTop(1_000, geometry), 1_000, geometry, 5);
    expect(bottom.end).toBe(1_000);
    expect(bottom.offsetTop + (bottom.end - bottom.start) * 20).toBeCloseTo(20_000);
  });

  it('clamps scroll positions outside the content and handles short and empty logs', () => {
    expect(windowAt(-50, 1_000, geometry, 0).start).toBe(0);
    expect(windowAt(1e9, 1_000, geometry, 0).end).toBe(1_000);
    expect(windowAt(0, 3, geometry, 5)).toMatchObject({ scrollHeight: 60, start: 0, end: 3, offsetTop: 0 });
    expect(windowAt(0, 0, geometry, 5)).toMatchObject({ scrollHeight: 0, start: 0, end: 0 });
  });
});

describe('windowAt above the height cap', () => {
  const total = 5_000_000; // 100 million pixels at 20 px a line

  it('caps the scrollable height', () => {
    expect(scrollHeightFor(total, geometry)).toBe(1_000_000);
  });

  it('maps the top and the bottom of the scrollbar to the first and the last line', () => {
    expect(windowAt(0, total, geometry, 0)).toMatchObject({ start: 0, offsetTop: 0 });
    const top = maxScrollTop(total, geometry);
    const bottom = windowAt(top, total, geometry, 3);
    expect(bottom.firstVisible).toBeCloseTo(total - 20);
    expect(bottom.end).toBe(total);
    // The last line's bottom edge is the bottom of the scrollable content.
    expect(bottom.offsetTop + (bottom.end - bottom.start) * 20).toBeCloseTo(1_000_000);
  });

  it('maps the middle of the scrollbar to the middle of the log and draws the window in view', () => {
    const scrollTop = maxScrollTop(total, geometry) / 2;
    const window = windowAt(scrollTop, total, geometry, 0);

    expect(window.firstVisible).toBeCloseTo((total - 20) / 2);
    // The first visible line is drawn at the top edge of the viewport.
    expect(window.offsetTop + (window.firstVisible - window.start) * 20).toBeCloseTo(scrollTop);
  });
});

describe('scrollTopForLine', () => {
  it('is the inverse of windowAt below the cap', () => {
    expect(scrollTopForLine(100, 1_000, geometry, 'top')).toBe(2_000);
    expect(scrollTopForLine(100, 1_000, geometry, 'bottom')).toBe(2_000 - 380);
    expect(scrollTopForLine(100, 1_000, geometry, 'center')).toBe(2_000 - 190);
    expect(scrollTopForLine(999, 1_000, geometry, 'top')).toBe(maxScrollTop(1_000, geometry));
    expect(scrollTopForLine(2, 1_000, geometry, 'center')).toBe(0);
  });

  it('is the inverse of windowAt above the cap', () => {
    const total = 5_000_000;
    for (const line of [0, 1, 123_456, 2_500_000, 4_999_000]) {
      const scrollTop = scrollTopForLine(line, total, geometry, 'top');
      expect(windowAt(scrollTop, total, geometry, 0).firstVisible).toBeCloseTo(line, 6);
    }
    expect(scrollTopForLine(total - 1, total, geometry, 'bottom')).toBeCloseTo(maxScrollTop(total, geometry));
  });
});
