import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { FakeSlipwayServer } from '../testing/FakeSlipwayServer';
import { mount, one, texts, unmountAll } from '../testing/mount';
import { failedBuild, runningBuild, sampleProject } from '../testing/samples';
import { ProjectPage } from './ProjectPage';
import { startRequest } from './StartBuildForm';

function type(input: HTMLInputElement, value: string) {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  });
}

function click(container: HTMLElement, testId: string) {
  act(() => one<HTMLButtonElement>(container, `[data-testid=${testId}]`).click());
}

async function renderPage(server: FakeSlipwayServer) {
  const { container } = mount(<ProjectPage api={server.client()} name="web" />);
  await vi.waitFor(() => one(container, '[data-testid=project-settings]'));
  return container;
}

function serverWithProject(): FakeSlipwayServer {
  const server = new FakeSlipwayServer();
  server.projects = [sampleProject('web')];
  server.builds = [runningBuild(Date.now()), failedBuild()];
  return server;
}

describe('ProjectPage', () => {
  afterEach(() => {
    unmountAll();
    window.history.replaceState(null, '', '/');
  });

  it('summarises the settings: source, buildspec, executor, timeouts, artifacts, cache and variables', async () => {
    const container = await renderPage(serverWithProject());

    expect(one(container, '#project-title').textContent).toBe('web');
    expect(one(container, '[data-testid=setting-source]').textContent).toBe('directorypath: /srv/web');
    expect(one(container, '[data-testid=setting-buildspec]').textContent).toBe('buildspec.yml');
    expect(one(container, '[data-testid=setting-executor]').textContent).toBe('localBUILD_GENERAL1_SMALL');
    expect(one(container, '[data-testid=setting-timeouts]').textContent).toBe('60 min build · 480 min queued');
    expect(one(container, '[data-testid=setting-concurrency]').textContent).toBe('no limit');
    expect(one(container, '[data-testid=setting-artifacts]').textContent).toContain('secondary: docs');
    expect(one(container, '[data-testid=setting-cache]').textContent).toBe('no cache');
    expect(texts(container, '[data-testid=project-variable]')).toEqual([
      'STAGEPlaintextprod',
      'DB_PASSWORDParameter store/prod/db/password',
    ]);
  });

  it('shows an inline buildspec and the badge when enabled', async () => {
    const server = new FakeSlipwayServer();
    server.projects = [
      sampleProject('web', { source: { type: 'none' }, buildspec: { inline: 'version: 0.2\nphases: {}' }, badgeEnabled: true }),
    ];
    const container = await renderPage(server);

    expect(one(container, '[data-testid=setting-buildspec] pre').textContent).toBe('version: 0.2\nphases: {}');
    expect(one(container, '[data-testid=setting-badge] img').getAttribute('src')).toBe('/api/v1/projects/web/badge.svg');
  });

  it('lists the recent builds of the project', async () => {
    const container = await renderPage(serverWithProject());

    await vi.waitFor(() => expect(texts(container, '[data-testid=build-link]')).toEqual(['#13', '#12']));
    expect(container.querySelector('[data-testid=build-table] thead')?.textContent).not.toContain('Project');
  });

  it('starts a build with the project settings and opens it', async () => {
    const server = serverWithProject();
    const container = await renderPage(server);

    click(container, 'start-build');

    await vi.waitFor(() => expect(window.location.pathname).toBe('/builds/web:new-1'));
    expect(server.bodies.get('POST /api/v1/projects/web/builds')).toEqual({});
  });

  it('starts a build with a source version and environment variable overrides', async () => {
    const server = serverWithProject();
    const container = await renderPage(server);

    click(container, 'start-build-options-toggle');
    type(one(container, '[data-testid=start-source-version]'), ' release/2.0 ');
    click(container, 'override-add');
    click(container, 'override-add');
    const names = container.querySelectorAll<HTMLInputElement>('[data-testid=override-name]');
    const values = container.querySelectorAll<HTMLInputElement>('[data-testid=override-value]');
    type(names[0]!, 'STAGE');
    type(values[0]!, 'staging');
    type(names[1]!, 'TOKEN');
    type(values[1]!, 'deploy-token:token');
    const types = container.querySelectorAll<HTMLSelectElement>('[data-testid=override-type]');
    act(() => {
      types[1]!.value = 'SECRETS_MANAGER';
      types[1]!.dispatchEvent(new Event('change'));
    });
    click(container, 'start-build');

    await vi.waitFor(() => expect(server.bodies.has('POST /api/v1/projects/web/builds')).toBe(true));
    expect(server.bodies.get('POST /api/v1/projects/web/builds')).toEqual({
      sourceVersion: 'release/2.0',
      environmentVariablesOverride: [
        { name: 'STAGE', value: 'staging', type: 'PLAINTEXT' },
        { name: 'TOKEN', value: 'deploy-token:token', type: 'SECRETS_MANAGER' },
      ],
    });
  });

  it('shows the validation errors of a refused start', async () => {
    const server = serverWithProject();
    const container = await renderPage(server);
    server.answerNext('POST /api/v1/projects/web/builds', 400, {
      code: 'INVALID_ARGUMENT',
      message: 'The start request is invalid',
      details: ['environmentVariablesOverride[0].name: must not be empty'],
    });

    click(container, 'start-build');

    const panel = await vi.waitFor(() => one(container, '[data-testid=error-panel]'));
    expect(panel.textContent).toContain('Could not start a build of web');
    expect(texts(panel, '[data-testid=error-details] li')).toEqual(['environmentVariablesOverride[0].name: must not be empty']);
    expect(one<HTMLButtonElement>(container, '[data-testid=start-build]').disabled).toBe(false);
  });

  it('says when the project does not exist', async () => {
    const { container } = mount(<ProjectPage api={new FakeSlipwayServer().client()} name="ghost" />);

    const panel = await vi.waitFor(() => one(container, '[data-testid=error-panel]'));
    expect(panel.textContent).toContain("Project 'ghost' does not exist");
  });
});

describe('startRequest', () => {
  it('leaves out empty fields and variables without a name', () => {
    expect(startRequest('  ', [{ name: ' ', value: 'x', type: 'PLAINTEXT' }])).toEqual({});
    expect(startRequest('main', [])).toEqual({ sourceVersion: 'main' });
  });
});
