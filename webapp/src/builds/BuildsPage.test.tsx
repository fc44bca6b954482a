import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import type { BuildJson } from '../api/types';
import { FakeSlipwayServer } from '../testing/FakeSlipwayServer';
import { mount, one, texts, unmountAll } from '../testing/mount';
import { failedBuild, runningBuild, sampleProject } from '../testing/samples';
import { BuildsPage } from './BuildsPage';

function serverWithBuilds(): FakeSlipwayServer {
  const server = new FakeSlipwayServer();
  server.projects = [sampleProject('web'), sampleProject('api')];
  server.builds = [
    runningBuild(Date.now()),
    failedBuild(),
    failedBuild({ id: 'api:0001', project: 'api', number: 1, status: 'SUCCEEDED', initiator: 'carol' }),
  ];
  return server;
}

function rows(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('[data-testid=build-row]')];
}

function row(container: HTMLElement, id: string): HTMLElement {
  return one(container, `[data-testid=build-row][data-build-id="${id}"]`);
}

async function renderPage(server: FakeSlipwayServer, pageSize = 50) {
  const { container } = mount(<BuildsPage api={server.client()} pageSize={pageSize} />);
  await vi.waitFor(() => one(container, '[data-testid=build-table]'));
  return container;
}

function choose(container: HTMLElement, testId: string, value: string) {
  const select = one<HTMLSelectElement>(container, `[data-testid=${testId}]`);
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change'));
  });
}

function event(type: string, build: Pick<BuildJson, 'id' | 'project'>, buildStatus: string, currentPhase: string) {
  return JSON.stringify({ type, buildId: build.id, project: build.project, buildStatus, currentPhase, time: new Date().toISOString() });
}

describe('BuildsPage', () => {
  beforeEach(() => window.history.replaceState(null, '', '/builds'));
  afterEach(() => {
    unmountAll();
    window.history.replaceState(null, '', '/');
  });

  it('lists builds newest first with status, number, project, source version, initiator and duration', async () => {
    const container = await renderPage(serverWithBuilds());

    expect(texts(container, '[data-testid=build-link]')).toEqual(['web #13', 'web #12', 'api #1']);
    const failed = row(container, failedBuild().id);
    expect(one(failed, '[data-testid=build-status]').textContent).toBe('FAILED');
    expect(one(failed, '[data-testid=build-status]').className).toContain('state-failed');
    expect(one(failed, '[data-testid=build-link]').getAttribute('href')).toBe(`/builds/${failedBuild().id}`);
    expect(one(failed, '[data-testid=build-duration]').textContent).toBe('2 min 05 s');
    expect(failed.textContent).toContain('alice');
    expect(failed.textContent).toContain('main');
    const running = row(container, runningBuild(0).id);
    expect(one(running, '[data-testid=build-status]').textContent).toBe('IN_PROGRESS');
    expect(running.textContent).toContain('Build');
  });

  it('filters by status and project through the URL', async () => {
    const server = serverWithBuilds();
    const container = await renderPage(server);
    await vi.waitFor(() => expect(texts(container, '[data-testid=filter-project] option')).toEqual(['All projects', 'web', 'api']));

    choose(container, 'filter-status', 'SUCCEEDED');
    await vi.waitFor(() => expect(rows(container)).toHaveLength(1));
    expect(window.location.search).toBe('?status=SUCCEEDED');
    expect(server.requests).toContain('GET /api/v1/builds?status=SUCCEEDED&limit=50');

    choose(container, 'filter-status', '');
    choose(container, 'filter-project', 'web');
    await vi.waitFor(() => expect(texts(container, '[data-testid=build-link]')).toEqual(['web #13', 'web #12']));
    expect(window.location.search).toBe('?project=web');
  });

  it('starts from the filters in the URL', async () => {
    window.history.replaceState(null, '', '/builds?project=api');
    const server = serverWithBuilds();
    const container = await renderPage(server);

    expect(texts(container, '[data-testid=build-link]')).toEqual(['api #1']);
    expect(one<HTMLSelectElement>(container, '[data-testid=filter-project]').value).toBe('api');
  });

  it('loads older builds page by page', async () => {
    const server = serverWithBuilds();
    const container = await renderPage(server, 2);
    expect(rows(container)).toHaveLength(2);

    act(() => one<HTMLButtonElement>(container, '[data-testid=builds-more]').click());

    await vi.waitFor(() => expect(rows(container)).toHaveLength(3));
    expect(server.requests).toContain('GET /api/v1/builds?limit=2&cursor=2');
    expect(container.querySelector('[data-testid=builds-more]')).toBeNull();
  });

  it('updates a listed build live from its events, then fetches it again', async () => {
    const server = serverWithBuilds();
    const container = await renderPage(server);
    const running = runningBuild(0);
    const events = server.streams.only('/api/v1/events');
    events.open();
    expect(one(container, '[data-testid=events-connection]').dataset['connection']).toBe('live');

    server.build(running.id).status = 'SUCCEEDED';
    server.build(running.id).endTime = new Date().toISOString();
    events.emit(
      'codebuild-project-build-state-succeeded',
      event('codebuild-project-build-state-succeeded', running, 'SUCCEEDED', 'COMPLETED'),
    );

    expect(row(container, running.id).dataset['status']).toBe('SUCCEEDED');
    await vi.waitFor(() => expect(server.count(`GET /api/v1/builds/${running.id}`)).toBe(1));
  });

  it('brings a new build to the top when its first event arrives', async () => {
    const server = serverWithBuilds();
    const container = await renderPage(server);
    const events = server.streams.only('/api/v1/events');
    const fresh = runningBuild(Date.now(), { id: 'web:fresh', number: 14 });
    server.builds.unshift(fresh);

    events.emit('codebuild-project-build-state-in-progress', event('x', fresh, 'IN_PROGRESS', 'QUEUED'));

    await vi.waitFor(() => expect(texts(container, '[data-testid=build-link]')[0]).toBe('web #14'));
    expect(rows(container)).toHaveLength(4);
  });

  it('ignores events of other projects when filtered by project', async () => {
    window.history.replaceState(null, '', '/builds?project=api');
    const server = serverWithBuilds();
    await renderPage(server);
    const events = server.streams.only('/api/v1/events');

    events.emit('codebuild-project-build-state-in-progress', event('x', runningBuild(0), 'IN_PROGRESS', 'BUILD'));
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(server.count('GET /api/v1/builds?project=api&limit=50')).toBe(1);
  });

  it('reloads the list when the event stream comes back after a drop', async () => {
    const server = serverWithBuilds();
    const container = await renderPage(server);
    const events = server.streams.only('/api/v1/events');
    events.open();

    events.fail(false);
    expect(one(container, '[data-testid=events-connection]').dataset['connection']).toBe('reconnecting');
    events.open();

    await vi.waitFor(() => expect(server.count('GET /api/v1/builds?limit=50')).toBe(2));
  });

  it('shows why the builds could not be loaded, and an empty list as such', async () => {
    const server = serverWithBuilds();
    server.answerNext('GET /api/v1/builds?limit=50', 500, { code: 'INTERNAL', message: 'Database is gone', details: [] });
    const { container } = mount(<BuildsPage api={server.client()} />);

    const panel = await vi.waitFor(() => one(container, '[data-testid=error-panel]'));
    expect(panel.textContent).toContain('Database is gone');

    server.builds = [];
    act(() => one<HTMLButtonElement>(panel, 'button').click());
    await vi.waitFor(() => one(container, '[data-testid=builds-empty]'));
  });
});
