import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { FakeSlipwayServer, generatedLog, logOf } from '../testing/FakeSlipwayServer';
import { mount, one, texts, unmountAll } from '../testing/mount';
import { runningBuild } from '../testing/samples';
import { LogViewer } from './LogViewer';

const ESC = '\u001b';
const BUILD = 'web:7a2b0000-0000-0000-0000-000000000013';
const LOGS = `/api/v1/builds/${BUILD}/logs`;

function serverWith(log: ReturnType<typeof generatedLog>): FakeSlipwayServer {
  const server = new FakeSlipwayServer();
  server.builds = [runningBuild(Date.now())];
  server.logs.set(BUILD, log);
  return server;
}

function render(server: FakeSlipwayServer, live = true, props: Record<string, number> = {}) {
  return mount(
    <LogViewer
      api={server.client()}
      buildId={BUILD}
      live={live}
      lineHeight={20}
      defaultViewportHeight={400}
      tailLines={100}
      pageSize={100}
      retryDelayMs={5}
      {...props}
    />,
  ).container;
}

function viewer(container: HTMLElement): HTMLElement {
  return one(container, '[data-testid=log-viewer]');
}

function renderedLines(container: HTMLElement): number[] {
  return [...container.querySelectorAll<HTMLElement>('[data-testid=log-line]')].map((line) => Number(line.dataset['line']));
}

function lineText(container: HTMLElement, number: number): string {
  return one(container, `[data-testid=log-line][data-line="${number}"] .log__text`).textContent ?? '';
}

function scrollBy(container: HTMLElement, top: number) {
  const scroller = one(container, '[data-testid=log-scroller]');
  act(() => {
    scroller.scrollTop = top;
    scroller.dispatchEvent(new Event('scroll'));
  });
}

function click(container: HTMLElement, testId: string) {
  act(() => {
    one<HTMLButtonElement>(container, `[data-testid=${testId}]`).click();
  });
}

describe('LogViewer', () => {
  afterEach(unmountAll);

  it('opens a huge finished log at its tail, rendering only the lines in view', async () => {
    const server = serverWith(generatedLog(1_200_000));
    const container = render(server, false);

    await vi.waitFor(() => expect(lineText(container, 1_200_000)).toBe('line 1200000'));

    expect(server.requests).toEqual([`GET ${LOGS}/tail?lines=100`]);
    const lines = renderedLines(container);
    expect(lines.length).toBeLessThan(100);
    expect(lines.at(-1)).toBe(1_200_000);
    expect(viewer(container).dataset['total']).toBe('1200000');
    expect(viewer(container).dataset['complete']).toBe('true');
    expect(one(container, '[data-testid=log-status]').textContent).toContain('of 1,200,000');
    expect(one(container, '[data-testid=log-stream-state]').textContent).toBe('Complete');
    expect(server.streams.all).toHaveLength(0);
  });

  it('jumps to the top and loads only the first page there', async () => {
    const server = serverWith(generatedLog(1_200_000));
    const container = render(server, false);
    await vi.waitFor(() => expect(lineText(container, 1_200_000)).toBe('line 1200000'));

    click(container, 'log-top');

    await vi.waitFor(() => expect(lineText(container, 1)).toBe('line 1'));
    expect(server.requests.slice(1)).toEqual([`GET ${LOGS}?from=0&limit=100`]);
    expect(renderedLines(container)[0]).toBe(1);
    expect(viewer(container).dataset['follow']).toBe('false');
  });

  it('loads the lines of wherever the user scrolls to, showing placeholders meanwhile', async () => {
    const server = serverWith(generatedLog(10_000));
    const release = server.hold(`GET ${LOGS}?from=5000&limit=100`);
    const container = render(server, false);
    await vi.waitFor(() => expect(lineText(container, 10_000)).toBe('line 10000'));

    scrollBy(container, 5_020 * 20);

    await vi.waitFor(() => expect(one(container, '[data-line="5021"]').dataset['pending']).toBe('true'));
    release();
    await vi.waitFor(() => expect(lineText(container, 5_021)).toBe('line 5021'));
    expect(viewer(container).dataset['follow']).toBe('false');
  });

  it('streams live lines after the tail and follows them', async () => {
    const server = serverWith(logOf(['one', 'two', 'three'], false));
    const container = render(server);
    await vi.waitFor(() => expect(lineText(container, 3)).toBe('three'));

    const stream = server.streams.only(`${LOGS}/stream`);
    expect(stream.url).toBe(`${LOGS}/stream?from=3`);
    stream.open();
    for (let line = 3; line < 60; line++) stream.emit('line', `live ${line + 1}`, line);

    await vi.waitFor(() => expect(lineText(container, 60)).toBe('live 60'));
    expect(viewer(container).dataset['total']).toBe('60');
    expect(viewer(container).dataset['follow']).toBe('true');
    expect(one(container, '[data-testid=log-scroller]').scrollTop).toBe(60 * 20 - 400);
    expect(one(container, '[data-testid=log-stream-state]').textContent).toBe('Live');
    expect(server.requests.filter((request) => request.startsWith('GET'))).toEqual([`GET ${LOGS}/tail?lines=100`]);
  });

  it('stops following when the user scrolls up and keeps the view where it is', async () => {
    const server = serverWith(logOf(Array.from({ length: 50 }, (_, i) => `old ${i + 1}`), false));
    const container = render(server);
    await vi.waitFor(() => expect(lineText(container, 50)).toBe('old 50'));
    const stream = server.streams.only(`${LOGS}/stream`);

    scrollBy(container, 100);
    stream.emit('line', 'new 51', 50);

    await vi.waitFor(() => expect(viewer(container).dataset['total']).toBe('51'));
    expect(viewer(container).dataset['follow']).toBe('false');
    expect(one(container, '[data-testid=log-scroller]').scrollTop).toBe(100);
    expect(renderedLines(container)[0]).toBe(1);

    click(container, 'log-follow');
    await vi.waitFor(() => expect(viewer(container).dataset['follow']).toBe('true'));
    expect(one(container, '[data-testid=log-scroller]').scrollTop).toBe(51 * 20 - 400);
  });

  it('stops following on a wheel scroll up before the scroll event arrives', async () => {
    const server = serverWith(generatedLog(500, false));
    const container = render(server);
    await vi.waitFor(() => expect(viewer(container).dataset['total']).toBe('500'));

    act(() => {
      one(container, '[data-testid=log-scroller]').dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
    });

    expect(viewer(container).dataset['follow']).toBe('false');
  });

  it('ends the stream at its end event and marks the log complete', async () => {
    const server = serverWith(logOf(['a'], false));
    const container = render(server);
    await vi.waitFor(() => expect(lineText(container, 1)).toBe('a'));
    const stream = server.streams.only(`${LOGS}/stream`);

    stream.emit('line', 'b', 1);
    stream.emit('end', '{"lines": 2}');

    await vi.waitFor(() => expect(viewer(container).dataset['complete']).toBe('true'));
    expect(stream.closed).toBe(true);
    expect(one(container, '[data-testid=log-stream-state]').textContent).toBe('Complete');
    expect(lineText(container, 2)).toBe('b');
    expect(container.querySelector('[data-testid=log-follow]')).toBeNull();
  });

  it('opens a new stream from the first missing line when the browser gives up on the old one', async () => {
    const server = serverWith(logOf(['a', 'b'], false));
    const container = render(server);
    await vi.waitFor(() => expect(lineText(container, 2)).toBe('b'));
    const first = server.streams.only(`${LOGS}/stream`);
    first.emit('line', 'c', 2);

    first.fail(false);
    expect(first.closed).toBe(false);
    expect(one(container, '[data-testid=log-stream-state]').textContent).toBe('Reconnecting…');
    first.fail(true);

    await vi.waitFor(() => expect(server.streams.all).toHaveLength(2));
    expect(first.closed).toBe(true);
    expect(server.streams.only(`${LOGS}/stream`).url).toBe(`${LOGS}/stream?from=3`);
  });

  it('waits for the log of a build that has not written one yet', async () => {
    const server = new FakeSlipwayServer();
    server.builds = [runningBuild(Date.now())];
    const container = render(server);

    await vi.waitFor(() => one(container, '[data-testid=log-waiting]'));
    server.logs.set(BUILD, logOf(['first line'], false));

    await vi.waitFor(() => expect(lineText(container, 1)).toBe('first line'));
    expect(server.count(`GET ${LOGS}/tail?lines=100`)).toBeGreaterThanOrEqual(2);
  });

  it('shows why a log cannot be loaded', async () => {
    const server = new FakeSlipwayServer();
    server.builds = [runningBuild(Date.now())];
    const container = render(server, false);

    const panel = await vi.waitFor(() => one(container, '[data-testid=error-panel]'));

    expect(panel.dataset['code']).toBe('NOT_FOUND');
    expect(panel.textContent).toContain('Could not load the log');
  });

  it('renders ANSI colours and keeps markup in a line as text', async () => {
    const server = serverWith(
      logOf([`${ESC}[1;31mERROR${ESC}[0m <img src=x onerror="window.hacked=1"> ${ESC}[38;5;208mwarn${ESC}[0m`]),
    );
    const container = render(server, false);
    await vi.waitFor(() => expect(lineText(container, 1)).toContain('ERROR'));

    const line = one(container, '[data-line="1"] .log__text');
    expect(line.textContent).toBe('ERROR <img src=x onerror="window.hacked=1"> warn');
    expect(line.querySelector('img')).toBeNull();
    expect(one(line, '.ansi-fg-1').textContent).toBe('ERROR');
    expect(one(line, '.ansi-fg-1').classList.contains('ansi-bold')).toBe(true);
    expect([...line.querySelectorAll<HTMLElement>('span')].find((span) => span.textContent === 'warn')?.style.color).toBe(
      'rgb(255, 135, 0)',
    );
  });

  it('numbers lines from 1 and offers the whole log as a download', async () => {
    const server = serverWith(logOf(['first', 'second']));
    const container = render(server, false);
    await vi.waitFor(() => expect(lineText(container, 2)).toBe('second'));

    expect(texts(container, '.log__number')).toEqual(['1', '2']);
    const download = one<HTMLAnchorElement>(container, '[data-testid=log-download]');
    expect(download.getAttribute('href')).toBe(`${LOGS}/download`);
    expect(download.hasAttribute('download')).toBe(true);
  });

  it('searches the loaded lines, moves between matches and marks them', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => (i % 100 === 7 ? `${ESC}[31mError${ESC}[0m in step ${i}` : `ok ${i}`));
    const server = serverWith(logOf(lines));
    const container = render(server, false, { tailLines: 300 });
    await vi.waitFor(() => expect(viewer(container).dataset['total']).toBe('300'));
    const input = one<HTMLInputElement>(container, '[data-testid=log-search]');

    act(() => {
      input.value = 'error';
      input.dispatchEvent(new Event('input'));
    });
    click(container, 'log-search-next');

    await vi.waitFor(() => expect(one(container, '[data-testid=log-search-count]').textContent).toContain('of 3'));
    expect(one(container, '[data-testid=log-search-count]').textContent).toBe('1 of 3 in 300 loaded lines');
    const current = one(container, '.log__line--current');
    expect(current.dataset['line']).toBe('8');
    expect(one(current, 'mark').textContent).toBe('Error');
    expect(viewer(container).dataset['follow']).toBe('false');

    click(container, 'log-search-next');
    await vi.waitFor(() => expect(one(container, '.log__line--current').dataset['line']).toBe('108'));
    click(container, 'log-search-previous');
    click(container, 'log-search-previous');
    await vi.waitFor(() => expect(one(container, '.log__line--current').dataset['line']).toBe('208'));
    expect(one(container, '[data-testid=log-search-count]').textContent).toContain('3 of 3');
  });

  it('says so when the search finds nothing', async () => {
    const server = serverWith(logOf(['alpha', 'beta']));
    const container = render(server, false);
    await vi.waitFor(() => expect(lineText(container, 2)).toBe('beta'));
    const input = one<HTMLInputElement>(container, '[data-testid=log-search]');

    act(() => {
      input.value = 'gamma';
      input.dispatchEvent(new Event('input'));
    });
    click(container, 'log-search-next');

    expect(one(container, '[data-testid=log-search-count]').textContent).toBe('No match in 2 loaded lines');
  });

  it('closes its stream when it goes away', async () => {
    const server = serverWith(logOf(['a'], false));
    const { unmount, container } = mount(<LogViewer api={server.client()} buildId={BUILD} live />);
    await vi.waitFor(() => expect(lineText(container, 1)).toBe('a'));
    const stream = server.streams.only(`${LOGS}/stream`);

    unmount();

    expect(stream.closed).toBe(true);
  });
});
