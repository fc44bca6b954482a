import { describe, expect, it, vi } from 'vitest';
import type { LogSliceJson } from '../api/types';
import { LogRangeCache, type LogRangeCacheOptions } from './LogRangeCache';

/**
 * A log of `total` generated lines behind a loader whose answers the test releases one by one, so that the
 * order and concurrency of loads can be checked.
 */
class FakeLog {
  readonly requests: string[] = [];
  private readonly pending: { from: number; limit: number; settle: (fail?: Error) => void }[] = [];

  constructor(
    public total: number,
    public complete = false,
  ) {}

  readonly loader = (from: number, limit: number): Promise<LogSliceJson> => {
    this.requests.push(`${from}+${limit}`);
    return new Promise((resolve, reject) => {
      this.pending.push({
        from,
        limit,
        settle: (fail) => (fail ? reject(fail) : resolve(this.slice(from, limit))),
      });
    });
  };

  slice(from: number, limit: number): LogSliceJson {
    const end = Math.min(this.total, from + limit);
    const lines: string[] = [];
    for (let i = from; i < end; i++) lines.push(`line ${i}`);
    return { from, lines, next: Math.max(from, end), total: this.total, complete: this.complete };
  }

  tail(lines: number): LogSliceJson {
    return this.slice(Math.max(0, this.total - lines), lines);
  }

  get waiting(): number {
    return this.pending.length;
  }

  /** Answers the oldest waiting request. */
  async answer(): Promise<void> {
    const request = this.pending.shift();
    if (!request) throw new Error('no request is waiting');
    request.settle();
    await flush();
  }

  async fail(): Promise<void> {
    const request = this.pending.shift();
    if (!request) throw new Error('no request is waiting');
    request.settle(new Error('HTTP 502'));
    await flush();
  }

  async answerAll(): Promise<void> {
    while (this.pending.length > 0) await this.answer();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function cacheOver(log: FakeLog, options: LogRangeCacheOptions = {}): LogRangeCache {
  return new LogRangeCache(log.loader, { pageSize: 100, ...options });
}

describe('LogRangeCache', () => {
  it('loads only the pages of the wanted window, aligned to pages', async () => {
    const log = new FakeLog(1_000_000);
    const cache = cacheOver(log);
    cache.accept(log.tail(50));

    cache.want(500_120, 500_180);
    await log.answerAll();

    expect(log.requests).toEqual(['500100+100']);
    expect(cache.line(500_120)).toBe('line 500120');
    expect(cache.line(500_199)).toBe('line 500199');
    expect(cache.line(500_200)).toBeUndefined();
    expect(cache.total).toBe(1_000_000);
  });

  it('loads a few pages at a time, those nearest the middle of the window first', async () => {
    const log = new FakeLog(10_000);
    const cache = cacheOver(log, { maxConcurrent: 2 });
    cache.accept(log.tail(1));

    cache.want(0, 500);

    expect(log.requests).toEqual(['200+100', '100+100']);
    await log.answer();
    expect(log.requests.slice(2)).toEqual(['300+100']);
    await log.answerAll();
    expect(log.requests).toEqual(['200+100', '100+100', '300+100', '0+100', '400+100']);
    expect(cache.loadedLines).toBe(501);
  });

  it('never asks twice for a page that is loading or held', async () => {
    const log = new FakeLog(1_000);
    const cache = cacheOver(log);
    cache.accept(log.tail(1));

    cache.want(0, 50);
    cache.want(10, 60);
    await log.answerAll();
    cache.want(20, 80);

    expect(log.requests).toEqual(['0+100']);
    expect(log.waiting).toBe(0);
  });

  it('drops queued pages of a window the viewer has left, as when the scrollbar is dragged', async () => {
    const log = new FakeLog(100_000);
    const cache = cacheOver(log, { maxConcurrent: 1 });
    cache.accept(log.tail(1));

    cache.want(0, 300);
    cache.want(50_000, 50_050);
    await log.answerAll();

    expect(log.requests).toEqual(['100+100', '50000+100']);
    expect(cache.line(50_000)).toBe('line 50000');
    expect(cache.line(0)).toBeUndefined();
  });

  it('asks for nothing beyond the known end of the log, nor before anything is known', async () => {
    const log = new FakeLog(250);
    const cache = cacheOver(log);

    cache.want(0, 100);
    expect(log.requests).toEqual([]);

    cache.accept(log.tail(10));
    cache.want(200, 400);
    await log.answerAll();

    expect(log.requests).toEqual(['200+100']);
    expect(cache.line(249)).toBe('line 249');
  });

  it('takes the tail answer with the total and completion, and loads the rest of its first page on demand', async () => {
    const log = new FakeLog(1_234, true);
    const cache = cacheOver(log);

    cache.accept(log.tail(100));

    expect(cache.total).toBe(1_234);
    expect(cache.complete).toBe(true);
    expect(cache.line(1_233)).toBe('line 1233');
    expect(cache.line(1_134)).toBe('line 1134');
    expect(cache.line(1_133)).toBeUndefined();

    cache.want(1_200, 1_234);
    expect(log.requests).toEqual([]);
    cache.want(1_130, 1_234);
    await log.answerAll();
    expect(log.requests).toEqual(['1100+100']);
    expect(cache.line(1_100)).toBe('line 1100');
  });

  it('appends live lines, growing the total, without loading them', () => {
    const log = new FakeLog(100);
    const changes = vi.fn();
    const cache = cacheOver(log, { onChange: changes });
    cache.accept(log.tail(100));

    cache.append(100, 'live 100');
    cache.append(101, 'live 101');
    cache.want(50, 102);

    expect(cache.total).toBe(102);
    expect(cache.line(101)).toBe('live 101');
    expect(log.requests).toEqual([]);
    expect(changes).toHaveBeenCalledTimes(3);

    cache.markComplete(102);
    expect(cache.complete).toBe(true);
  });

  it('fills a gap between the tail and the live lines when it comes into view', async () => {
    const log = new FakeLog(500);
    const cache = cacheOver(log);
    cache.accept(log.tail(10));
    log.total = 520;

    cache.append(510, 'line 510');
    cache.append(511, 'line 511');
    cache.want(490, 512);
    await log.answerAll();

    expect(log.requests).toEqual(['500+100']);
    expect(cache.line(505)).toBe('line 505');
  });

  it('keeps at most maxPages pages, dropping the least recently wanted outside the window', async () => {
    const log = new FakeLog(10_000);
    const cache = cacheOver(log, { maxPages: 3, maxConcurrent: 1 });
    cache.accept(log.slice(9_990, 10));

    for (const from of [0, 1_000, 2_000, 3_000]) {
      cache.want(from, from + 50);
      await log.answerAll();
    }

    expect(cache.pageCount).toBe(3);
    expect(cache.line(0)).toBeUndefined();
    expect(cache.line(9_999)).toBeUndefined();
    expect(cache.line(1_000)).toBe('line 1000');
    expect(cache.line(3_000)).toBe('line 3000');

    cache.want(0, 50);
    await log.answerAll();
    expect(log.requests.at(-1)).toBe('0+100');
    expect(cache.line(1_000)).toBeUndefined();
  });

  it('never drops pages of the current window, even when the window is larger than maxPages', async () => {
    const log = new FakeLog(1_000);
    const cache = cacheOver(log, { maxPages: 2, maxConcurrent: 4 });
    cache.accept(log.tail(1));

    cache.want(0, 400);
    await log.answerAll();

    expect(cache.pageCount).toBe(4);
    expect(cache.line(0)).toBe('line 0');
    expect(cache.line(399)).toBe('line 399');
  });

  it('reports a failed load and asks again only after the retry delay', async () => {
    const log = new FakeLog(1_000);
    let now = 0;
    const errors = vi.fn();
    const cache = cacheOver(log, { onError: errors, retryDelayMs: 2_000, now: () => now });
    cache.accept(log.tail(1));

    cache.want(0, 50);
    await log.fail();
    cache.want(0, 50);
    now = 1_999;
    cache.want(0, 50);

    expect(errors).toHaveBeenCalledOnce();
    expect(log.requests).toEqual(['0+100']);

    now = 2_000;
    cache.want(0, 50);
    await log.answerAll();
    expect(log.requests).toEqual(['0+100', '0+100']);
    expect(cache.line(0)).toBe('line 0');
  });

  it('does not ask again at once for lines the server did not have yet', async () => {
    const log = new FakeLog(50);
    let now = 0;
    const cache = cacheOver(log, { retryDelayMs: 1_000, now: () => now });
    cache.accept(log.tail(1));
    // The live stream ran ahead of what the range endpoint can read.
    cache.append(80, 'line 80');

    cache.want(0, 81);
    await log.answerAll();
    cache.want(0, 81);
    expect(log.requests).toEqual(['0+100']);

    log.total = 81;
    now = 1_000;
    cache.want(0, 81);
    await log.answerAll();
    expect(log.requests).toEqual(['0+100', '0+100']);
    expect(cache.line(60)).toBe('line 60');
  });

  it('ignores answers that arrive after it was disposed', async () => {
    const log = new FakeLog(1_000);
    const changes = vi.fn();
    const cache = cacheOver(log, { onChange: changes });
    cache.accept(log.tail(1));
    changes.mockClear();

    cache.want(0, 10);
    cache.dispose();
    await log.answerAll();

    expect(cache.line(0)).toBeUndefined();
    expect(changes).not.toHaveBeenCalled();
  });

  it('lists the lines it holds in order, for searching', async () => {
    const log = new FakeLog(1_000);
    const cache = cacheOver(log);
    cache.accept(log.tail(2));
    cache.want(0, 2);
    await log.answerAll();

    expect([...cache.entries()].slice(0, 2)).toEqual([
      [0, 'line 0'],
      [1, 'line 1'],
    ]);
    expect([...cache.entries()].slice(-2)).toEqual([
      [998, 'line 998'],
      [999, 'line 999'],
    ]);
    expect([...cache.entries()]).toHaveLength(102);
  });

  it('resolves idle() once every load has finished', async () => {
    const log = new FakeLog(1_000);
    const cache = cacheOver(log);
    cache.accept(log.tail(1));
    cache.want(0, 300);
    let idle = false;
    void cache.idle().then(() => {
      idle = true;
    });

    await log.answer();
    expect(idle).toBe(false);
    await log.answerAll();
    expect(idle).toBe(true);
  });
});
