import type { LogSliceJson } from '../api/types';

/** Loads lines `from` to `from + limit` of the log; the answer may hold fewer lines at the log's end. */
export type RangeLoader = (from: number, limit: number) => Promise<LogSliceJson>;

export interface LogRangeCacheOptions {
  /** Lines per page: the unit that is loaded and evicted. */
  pageSize?: number;
  /** Pages kept at most; the least recently wanted ones outside the wanted window go first. */
  maxPages?: number;
  /** Loads running at once. */
  maxConcurrent?: number;
  /** How long a page whose load failed is not asked for again, in ms. */
  retryDelayMs?: number;
  /** Called (synchronously) whenever lines, the total or the completion changed. */
  onChange?: () => void;
  /** Called when a load failed; the page is asked for again after `retryDelayMs`. */
  onError?: (error: unknown) => void;
  now?: () => number;
}

interface Page {
  readonly lines: (string | undefined)[];
  filled: number;
  /** The `want` generation that last touched this page, for least-recently-used eviction. */
  used: number;
}

/**
 * The lines of one build log that the viewer has seen, in pages of a fixed number of lines, loaded on demand.
 *
 * The viewer says which lines it shows now ({@link want}); the cache loads the pages of that window that it
 * lacks — nearest to the middle of the window first, a few at a time — and forgets pages queued for a window
 * the user has already scrolled past, so dragging the scrollbar across a million lines loads only where it
 * stops. Lines also arrive from the tail request and the live stream ({@link accept}, {@link append}). Memory
 * stays bounded: beyond `maxPages` the least recently wanted pages outside the current window are dropped and
 * loaded again if they are wanted again.
 *
 * Line numbers are 0-based, as in the API.
 */
export class LogRangeCache {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxConcurrent: number;
  private readonly retryDelayMs: number;
  private readonly onChange: () => void;
  private readonly onError: (error: unknown) => void;
  private readonly now: () => number;

  private readonly pages = new Map<number, Page>();
  private readonly loading = new Set<number>();
  private readonly failedUntil = new Map<number, number>();
  private queue: number[] = [];
  private window: { firstPage: number; lastPage: number } | undefined;
  private generation = 0;
  private knownTotal = 0;
  private isComplete = false;
  private idleWaiters: (() => void)[] = [];
  private disposed = false;

  constructor(
    private readonly loader: RangeLoader,
    options: LogRangeCacheOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.maxPages = Math.max(2, options.maxPages ?? 200);
    this.maxConcurrent = Math.max(1, options.maxConcurrent ?? 2);
    this.retryDelayMs = options.retryDelayMs ?? 2000;
    this.onChange = options.onChange ?? (() => {});
    this.onError = options.onError ?? (() => {});
    this.now = options.now ?? (() => Date.now());
  }

  /** Lines in the log as far as the cache knows (from answers and live lines). */
  get total(): number {
    return this.knownTotal;
  }

  /** True once an answer or the stream said that the log is complete. */
  get complete(): boolean {
    return this.isComplete;
  }

  /** Lines held now. */
  get loadedLines(): number {
    let count = 0;
    for (const page of this.pages.values()) count += page.filled;
    return count;
  }

  /** Pages held now. */
  get pageCount(): number {
    return this.pages.size;
  }

  /** Page numbers being loaded now, for tests and diagnostics. */
  get pagesLoading(): number[] {
    return [...this.loading].sort((a, b) => a - b);
  }

  line(index: number): string | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.lines[index % this.pageSize];
  }

  /**
   * The viewer shows lines `from` (inclusive) to `to` (exclusive) now, overscan included: load what is missing
   * there, and stop loading pages for earlier windows that have not started yet.
   */
  want(from: number, to: number): void {
    if (this.disposed) return;
    const end = Math.min(to, this.knownTotal);
    const start = Math.max(0, from);
    this.generation++;
    if (end <= start) {
      this.window = undefined;
      this.queue = [];
      return;
    }
    const firstPage = Math.floor(start / this.pageSize);
    const lastPage = Math.floor((end - 1) / this.pageSize);
    this.window = { firstPage, lastPage };
    const middle = (firstPage + lastPage) / 2;
    const missing: number[] = [];
    const now = this.now();
    for (let page = firstPage; page <= lastPage; page++) {
      const held = this.pages.get(page);
      if (held) held.used = this.generation;
      if (this.loading.has(page) || (this.failedUntil.get(page) ?? 0) > now) continue;
      if (!held || (held.filled < this.linesExpected(page) && this.lacksAny(held, page, start, end))) {
        missing.push(page);
      }
    }
    missing.sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
    this.queue = missing;
    this.pump();
  }

  /** Takes the lines of an answer (a range or the tail) and what it says about the log's length. */
  accept(slice: LogSliceJson): void {
    if (this.disposed) return;
    this.store(slice.from, slice.lines);
    this.knownTotal = Math.max(this.knownTotal, slice.total, slice.from + slice.lines.length);
    if (slice.complete) this.isComplete = true;
    this.evict();
    this.onChange();
  }

  /** A live line from the stream. */
  append(index: number, text: string): void {
    if (this.disposed) return;
    this.store(index, [text]);
    this.knownTotal = Math.max(this.knownTotal, index + 1);
    this.evict();
    this.onChange();
  }

  /** The stream ended: the log has `total` lines and will not grow. */
  markComplete(total: number): void {
    if (this.disposed) return;
    this.knownTotal = Math.max(this.knownTotal, total);
    this.isComplete = true;
    this.onChange();
  }

  /** Every line held, in order, with its number. */
  *entries(): Generator<[number, string]> {
    const pageNumbers = [...this.pages.keys()].sort((a, b) => a - b);
    for (const pageNumber of pageNumbers) {
      const page = this.pages.get(pageNumber)!;
      for (let offset = 0; offset < page.lines.length; offset++) {
        const text = page.lines[offset];
        if (text !== undefined) yield [pageNumber * this.pageSize + offset, text];
      }
    }
  }

  /** Resolves when no load is running (immediately if none is). */
  idle(): Promise<void> {
    if (this.loading.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops loading; answers that arrive later are ignored and no callback is called any more. */
  dispose(): void {
    this.disposed = true;
    this.queue = [];
  }

  // Whether the page lacks a line of the wanted range [start, end).
  private lacksAny(held: Page, page: number, start: number, end: number): boolean {
    const pageStart = page * this.pageSize;
    const from = Math.max(start, pageStart) - pageStart;
    const to = Math.min(end, pageStart + this.pageSize) - pageStart;
    for (let offset = from; offset < to; offset++) {
      if (held.lines[offset] === undefined) return true;
    }
    return false;
  }

  private linesExpected(page: number): number {
    const start = page * this.pageSize;
    return Math.max(0, Math.min(this.pageSize, this.knownTotal - start));
  }

  private store(from: number, lines: readonly string[]): void {
    for (let i = 0; i < lines.length; i++) {
      const index = from + i;
      const pageNumber = Math.floor(index / this.pageSize);
      let page = this.pages.get(pageNumber);
      if (!page) {
        page = { lines: new Array<string | undefined>(this.pageSize), filled: 0, used: this.generation };
        this.pages.set(pageNumber, page);
      }
      const offset = index % this.pageSize;
      if (page.lines[offset] === undefined) page.filled++;
      page.lines[offset] = lines[i];
      page.used = Math.max(page.used, this.generation);
    }
  }

  private pump(): void {
    while (!this.disposed && this.loading.size < this.maxConcurrent && this.queue.length > 0) {
      const page = this.queue.shift()!;
      void this.load(page);
    }
  }

  private async load(page: number): Promise<void> {
    this.loading.add(page);
    try {
      const slice = await this.loader(page * this.pageSize, this.pageSize);
      this.loading.delete(page);
      this.accept(slice);
      // Live lines can run ahead of what the server has made readable by range; asking again at once for
      // lines it just did not have would loop.
      const held = this.pages.get(page);
      if (!held || held.filled < this.linesExpected(page)) {
        this.failedUntil.set(page, this.now() + this.retryDelayMs);
      } else {
        this.failedUntil.delete(page);
      }
    } catch (error) {
      this.loading.delete(page);
      if (!this.disposed) {
        this.failedUntil.set(page, this.now() + this.retryDelayMs);
        this.onError(error);
      }
    }
    this.pump();
    if (this.loading.size === 0) {
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const window = this.window;
    const candidates = [...this.pages.entries()]
      .filter(([number]) => !window || number < window.firstPage || number > window.lastPage)
      .sort(([, a], [, b]) => a.used - b.used);
    for (const [number] of candidates) {
      if (this.pages.size <= this.maxPages) break;
      this.pages.delete(number);
    }
  }
}
