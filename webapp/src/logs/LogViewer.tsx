import { Component, type ComponentChild } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { EventStreamSubscription } from '../api/eventStream';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatCount } from '../components/format';
import { useFrameBatch } from '../components/hooks';
import { parseAnsi, presentation } from './ansi';
import { LogRangeCache } from './LogRangeCache';
import { findMatches, markMatches } from './search';
import { DEFAULT_MAX_SCROLL_HEIGHT, maxScrollTop, scrollTopForLine, windowAt, type LogGeometry } from './virtualWindow';

interface LogViewerProps {
  api: ApiClient;
  buildId: string;
  /** The build has not ended: a log that does not exist yet is waited for. */
  live: boolean;
  /** Pixel height of one line; the CSS of `.log__line` follows it. */
  lineHeight?: number;
  /** Lines asked for first, from the end of the log. */
  tailLines?: number;
  pageSize?: number;
  maxPages?: number;
  maxScrollHeight?: number;
  /** Used until the scroller can be measured (a test environment has no layout). */
  defaultViewportHeight?: number;
  /** How long to wait before asking again for a log that does not exist yet, or for a closed stream, in ms. */
  retryDelayMs?: number;
}

type Phase = 'loading' | 'waiting' | 'ready' | 'failed';
type StreamState = 'none' | 'connecting' | 'live' | 'reconnecting' | 'ended';

const OVERSCAN = 40;

/**
 * A build's log, however large: only the lines in view (and some overscan) are in the DOM, and only pages of
 * lines near the view are loaded, so a 100 MB log opens as fast as a small one. It opens at the tail, then
 * appends live lines from the log stream while the build runs and follows them while "Follow" is on; scrolling
 * up turns following off, jumping to the bottom turns it on again. Search looks through the lines loaded so far.
 */
export function LogViewer({
  api,
  buildId,
  live,
  lineHeight = 18,
  tailLines = 500,
  pageSize = 500,
  maxPages = 200,
  maxScrollHeight = DEFAULT_MAX_SCROLL_HEIGHT,
  defaultViewportHeight = 480,
  retryDelayMs = 2000,
}: LogViewerProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [, setRenderCount] = useState(0);
  const rerender = useFrameBatch(() => setRenderCount((count) => count + 1));
  const [phase, setPhase] = useState<Phase>('loading');
  const [stream, setStream] = useState<StreamState>('none');
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [rangeError, setRangeError] = useState<ApiError | undefined>(undefined);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(defaultViewportHeight);
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<{ query: string; matches: number[]; current: number } | undefined>(undefined);
  const [tailMillis, setTailMillis] = useState<number | undefined>(undefined);
  const expectedScrollTop = useRef<number | undefined>(undefined);
  const mountedAt = useRef(performance.now());
  const liveRef = useRef(live);
  liveRef.current = live;

  const cache = useMemo(
    () =>
      new LogRangeCache((from, limit) => api.logRange(buildId, from, limit), {
        pageSize,
        maxPages,
        retryDelayMs,
        onChange: rerender,
        onError: (failure) => setRangeError(ApiError.from(failure)),
      }),
    [api, buildId, pageSize, maxPages, retryDelayMs, rerender],
  );
  useEffect(() => () => cache.dispose(), [cache]);

  // The tail first, then the live stream from where the tail ended, until its `end` event.
  useEffect(() => {
    let stopped = false;
    let subscription: EventStreamSubscription | undefined;
    let timer: number | undefined;
    setPhase('loading');
    setStream('none');
    setError(undefined);
    mountedAt.current = performance.now();

    const openStream = (from: number) => {
      setStream((state) => (state === 'none' ? 'connecting' : state));
      subscription = api.followLog(buildId, from, {
        onEvent(event) {
          if (event.type === 'line') {
            const index = Number(event.lastEventId);
            cache.append(Number.isSafeInteger(index) && index >= 0 ? index : cache.total, event.data);
          } else if (event.type === 'end') {
            cache.markComplete(linesOfEnd(event.data) ?? cache.total);
            subscription?.close();
            subscription = undefined;
            setStream('ended');
          }
        },
        onOpen() {
          setStream('live');
        },
        onError(closed) {
          if (stopped || cache.complete) return;
          setStream('reconnecting');
          if (closed) {
            // The browser gave up (the server answered with an error status): open a new stream later, from
            // the first line not seen yet.
            subscription?.close();
            subscription = undefined;
            timer = window.setTimeout(() => {
              if (!stopped) openStream(cache.total);
            }, retryDelayMs);
          }
        },
      });
    };

    const loadTail = async () => {
      try {
        const slice = await api.logTail(buildId, tailLines);
        if (stopped) return;
        cache.accept(slice);
        setPhase('ready');
        setError(undefined);
        setTailMillis(Math.round(performance.now() - mountedAt.current));
        if (slice.complete) {
          setStream('ended');
        } else {
          openStream(slice.next);
        }
      } catch (failure) {
        if (stopped) return;
        const apiError = ApiError.from(failure);
        if (apiError.status === 404 && liveRef.current) {
          // A queued build has no log yet.
          setPhase('waiting');
          timer = window.setTimeout(() => void loadTail(), retryDelayMs);
        } else {
          setError(apiError);
          setPhase('failed');
        }
      }
    };
    void loadTail();

    return () => {
      stopped = true;
      subscription?.close();
      window.clearTimeout(timer);
    };
  }, [api, buildId, cache, tailLines, retryDelayMs]);

  // The viewport's height, once there is layout to measure.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const measure = () => {
      if (element.clientHeight > 0) setViewportHeight(element.clientHeight);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const total = cache.total;
  const complete = cache.complete;
  const geometry: LogGeometry = { lineHeight, viewportHeight, maxScrollHeight };
  const bottom = maxScrollTop(total, geometry);
  // While following, the view is at the bottom even before the scroll position caught up with new lines.
  const effectiveScrollTop = follow ? bottom : scrollTop;
  const view = windowAt(effectiveScrollTop, total, geometry, OVERSCAN);

  useEffect(() => {
    cache.want(view.start, view.end);
  }, [cache, view.start, view.end, total]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (follow && Math.abs(element.scrollTop - bottom) > 1) {
      expectedScrollTop.current = bottom;
      element.scrollTop = bottom;
    }
  });

  const scrollTo = useCallback((top: number) => {
    const element = scroller.current;
    expectedScrollTop.current = top;
    if (element) element.scrollTop = top;
    setScrollTop(top);
  }, []);

  const onScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const top = element.scrollTop;
    const expected = expectedScrollTop.current;
    expectedScrollTop.current = undefined;
    setScrollTop(top);
    if (expected !== undefined && Math.abs(top - expected) <= 1) return;
    // The user scrolled: up means stop following; back to the bottom of a growing log means follow again.
    const atBottom = top >= maxScrollTop(cache.total, { lineHeight, viewportHeight, maxScrollHeight }) - lineHeight;
    if (!atBottom) setFollow(false);
    else if (!cache.complete) setFollow(true);
  }, [cache, lineHeight, viewportHeight, maxScrollHeight]);

  const stopFollowing = useCallback(() => {
    if (!follow) return;
    const element = scroller.current;
    setScrollTop(element ? element.scrollTop : bottom);
    setFollow(false);
  }, [follow, bottom]);

  const jumpToTop = () => {
    setFollow(false);
    scrollTo(0);
  };
  const jumpToBottom = () => {
    scrollTo(bottom);
    setFollow(!complete);
  };
  const toggleFollow = () => {
    if (follow) {
      stopFollowing();
    } else {
      scrollTo(bottom);
      setFollow(true);
    }
  };
  const goToLine = (line: number) => {
    setFollow(false);
    scrollTo(scrollTopForLine(line, cache.total, geometry, 'center'));
  };

  const runSearch = (direction: 1 | -1) => {
    const text = query.trim();
    if (text.length === 0) {
      setSearch(undefined);
      return;
    }
    // Searched again on every step, so that lines loaded meanwhile are found too.
    const matches = findMatches(cache.entries(), text);
    let current = -1;
    if (matches.length > 0) {
      const previousLine = search?.query === text && search.current >= 0 ? search.matches[search.current] : undefined;
      if (previousLine === undefined) {
        current = nearestIndex(matches, Math.floor(view.firstVisible), direction);
      } else {
        const at = matches.indexOf(previousLine);
        current = at >= 0 ? (at + direction + matches.length) % matches.length : nearestIndex(matches, previousLine, direction);
      }
      goToLine(matches[current]!);
    }
    setSearch({ query: text, matches, current });
  };

  const highlighted = search && search.current >= 0 ? search.matches[search.current] : undefined;
  const rows: ComponentChild[] = [];
  for (let index = view.start; index < view.end; index++) {
    rows.push(
      <LogLine
        key={index}
        number={index + 1}
        text={cache.line(index)}
        query={search?.query ?? ''}
        current={index === highlighted}
      />,
    );
  }
  const lastVisible = Math.min(total, Math.ceil(view.firstVisible + viewportHeight / lineHeight));
  const gutterDigits = Math.max(3, String(total).length);

  return (
    <section
      class="log"
      aria-label="Build log"
      data-testid="log-viewer"
      data-phase={phase}
      data-stream={stream}
      data-total={total}
      data-complete={complete}
      data-follow={follow}
      data-tail-ms={tailMillis}
    >
      <div class="log__toolbar">
        {!complete && (
          <button
            type="button"
            class="button button--quiet button--toggle"
            aria-pressed={follow}
            data-testid="log-follow"
            onClick={toggleFollow}
            title="Keep the newest lines in view"
          >
            Follow
          </button>
        )}
        <button type="button" class="button button--quiet" data-testid="log-top" onClick={jumpToTop}>
          Top
        </button>
        <button type="button" class="button button--quiet" data-testid="log-bottom" onClick={jumpToBottom}>
          Bottom
        </button>
        <form
          class="log__search"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            runSearch(1);
          }}
        >
          <input
            type="search"
            class="input"
            placeholder="Search loaded lines"
            aria-label="Search loaded lines"
            data-testid="log-search"
            value={query}
            onInput={(event) => setQuery(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && event.shiftKey) {
                event.preventDefault();
                runSearch(-1);
              }
            }}
          />
          <button type="button" class="button button--quiet" data-testid="log-search-previous" onClick={() => runSearch(-1)} aria-label="Previous match">
            ↑
          </button>
          <button type="submit" class="button button--quiet" data-testid="log-search-next" aria-label="Next match">
            ↓
          </button>
          {search && (
            <span class="log__search-count" role="status" data-testid="log-search-count">
              {search.matches.length === 0
                ? 'No match'
                : `${search.current + 1} of ${formatCount(search.matches.length)}${search.matches.length >= 10_000 ? '+' : ''}`}
              <span class="muted"> in {formatCount(cache.loadedLines)} loaded lines</span>
            </span>
          )}
        </form>
        <a class="button button--quiet log__download" href={api.logDownloadUrl(buildId)} download data-testid="log-download">
          Download
        </a>
      </div>

      {error && <ErrorPanel title="Could not load the log" error={error} />}
      {rangeError && (
        <ErrorPanel title="Could not load some log lines" error={rangeError} onDismiss={() => setRangeError(undefined)} />
      )}

      <div
        class="log__scroller"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label={`Log lines, ${formatCount(total)} in all`}
        data-testid="log-scroller"
        onScroll={onScroll}
        onWheel={(event) => {
          if (event.deltaY < 0) stopFollowing();
        }}
        onKeyDown={(event) => {
          if (['ArrowUp', 'PageUp', 'Home'].includes(event.key)) stopFollowing();
        }}
        style={{ '--log-line-height': `${lineHeight}px`, '--log-gutter': `${gutterDigits + 2}ch` }}
      >
        <div class="log__content" style={{ height: `${view.scrollHeight}px` }}>
          <div class="log__lines" style={{ top: `${view.offsetTop}px` }}>
            {rows}
          </div>
        </div>
        {phase === 'loading' && <p class="log__note">Loading the log…</p>}
        {phase === 'waiting' && (
          <p class="log__note" data-testid="log-waiting">
            Waiting for the build to start writing its log…
          </p>
        )}
        {phase === 'ready' && total === 0 && (
          <p class="log__note" data-testid="log-empty">
            {complete ? 'The log is empty.' : 'No output yet.'}
          </p>
        )}
      </div>

      <p class="log__status" data-testid="log-status">
        <span>
          {total === 0
            ? 'No lines'
            : `Lines ${formatCount(Math.min(total, Math.floor(view.firstVisible) + 1))}–${formatCount(lastVisible)} of ${formatCount(total)}`}
        </span>
        <span data-testid="log-stream-state">{streamLabel(stream, complete)}</span>
      </p>
    </section>
  );
}

function streamLabel(stream: StreamState, complete: boolean): string {
  if (complete) return 'Complete';
  switch (stream) {
    case 'none':
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return 'Live';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'ended':
      return 'Complete';
  }
}

function linesOfEnd(data: string): number | undefined {
  try {
    const value: unknown = JSON.parse(data);
    const lines = typeof value === 'object' && value !== null ? (value as { lines?: unknown }).lines : undefined;
    return typeof lines === 'number' && Number.isSafeInteger(lines) ? lines : undefined;
  } catch {
    return undefined;
  }
}

// The index of the first match at or after `line` (direction 1) or the last at or before it (-1), wrapping.
function nearestIndex(matches: number[], line: number, direction: 1 | -1): number {
  if (direction === 1) {
    const at = matches.findIndex((match) => match >= line);
    return at >= 0 ? at : 0;
  }
  for (let i = matches.length - 1; i >= 0; i--) {
    if (matches[i]! <= line) return i;
  }
  return matches.length - 1;
}

interface LogLineProps {
  number: number;
  /** Absent while the line is being loaded. */
  text: string | undefined;
  query: string;
  current: boolean;
}

/** One line; re-rendered only when its text, the search or its being the current match changes. */
class LogLine extends Component<LogLineProps> {
  override shouldComponentUpdate(next: LogLineProps): boolean {
    const props = this.props;
    return (
      next.text !== props.text || next.number !== props.number || next.query !== props.query || next.current !== props.current
    );
  }

  override render({ number, text, query, current }: LogLineProps) {
    if (text === undefined) {
      return (
        <div class="log__line log__line--pending" data-testid="log-line" data-line={number} data-pending="true">
          <span class="log__number">{number}</span>
          <span class="log__text">…</span>
        </div>
      );
    }
    const segments = markMatches(parseAnsi(text), query);
    return (
      <div class={`log__line${current ? ' log__line--current' : ''}`} data-testid="log-line" data-line={number}>
        <span class="log__number">{number}</span>
        <span class="log__text">
          {segments.map((segment, index) => {
            const { className, style } = presentation(segment.style);
            if (segment.mark) {
              return (
                <mark key={index} class={className || undefined} style={style}>
                  {segment.text}
                </mark>
              );
            }
            return className || style ? (
              <span key={index} class={className || undefined} style={style}>
                {segment.text}
              </span>
            ) : (
              segment.text
            );
          })}
        </span>
      </div>
    );
  }
}
