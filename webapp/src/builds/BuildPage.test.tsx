import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { FakeSlipwayServer, logOf } from '../testing/FakeSlipwayServer';
import { mount, one, texts, unmountAll } from '../testing/mount';
import { failedBuild, runningBuild } from '../testing/samples';
import { BuildPage } from './BuildPage';

async function renderPage(server: FakeSlipwayServer, id: string) {
  const { container } = mount(<BuildPage api={server.client()} id={id} refreshDelayMs={10} />);
  await vi.waitFor(() => one(container, '[data-testid=build-number]'));
  return container;
}

function click(container: HTMLElement, testId: string) {
  act(() => one<HTMLButtonElement>(container, `[data-testid=${testId}]`).click());
}

describe('BuildPage', () => {
  afterEach(() => {
    unmountAll();
    window.history.replaceState(null, '', '/');
  });

  it('shows status, number, initiator, source version, times and durations in its header', async () => {
    const server = new FakeSlipwayServer();
    const build = failedBuild();
    server.builds = [build];
    server.logs.set(build.id, logOf(['done']));
    const container = await renderPage(server, build.id);

    expect(one(container, '#build-title').textContent).toBe('web #12');
    expect(one(container, '#build-title a').getAttribute('href')).toBe('/projects/web');
    expect(one(container, '[data-testid=build-status]').textContent).toBe('FAILED');
    expect(one(container, '[data-testid=fact-initiator]').textContent).toBe('alice');
    expect(one(container, '[data-testid=fact-source-version]').textContent).toBe('main → 9fceb02d0a');
    expect(one(container, '[data-testid=fact-duration]').textContent).toBe('2 min 05 s');
    expect(one(container, '[data-testid=fact-queued]').textContent).toContain('waited 997 ms');
    expect(one(container, '[data-testid=fact-ended] time').getAttribute('datetime')).toBe('2026-11-26T12:02:06Z');
    expect(one(container, '[data-testid=fact-environment]').textContent).toBe('local · BUILD_GENERAL1_SMALL');
  });

  it('says which batch a child build is part of, with a link to the batch', async () => {
    const server = new FakeSlipwayServer();
    const build = { ...failedBuild(), batchId: 'web:b1', batchBuildIdentifier: 'compile' };
    server.builds = [build];
    server.logs.set(build.id, logOf([]));
    const container = await renderPage(server, build.id);

    expect(one(container, '[data-testid=build-batch]').textContent).toBe('Part of batch web:b1 as compile');
    expect(one(container, '[data-testid=build-batch] a').getAttribute('href')).toBe('/build-batches/web:b1');
  });

  it('shows no batch for a build started on its own', async () => {
    const server = new FakeSlipwayServer();
    const build = failedBuild();
    server.builds = [build];
    server.logs.set(build.id, logOf([]));
    const container = await renderPage(server, build.id);

    expect(container.querySelector('[data-testid=build-batch]')).toBeNull();
  });

  it('shows the phase timeline with durations and the context of the failed phase', async () => {
    const server = new FakeSlipwayServer();
    const build = failedBuild();
    server.builds = [build];
    server.logs.set(build.id, logOf([]));
    const container = await renderPage(server, build.id);

    const phases = [...container.querySelectorAll<HTMLElement>('[data-testid=phase]')];
    expect(phases.map((phase) => phase.dataset['phase'])).toEqual([
      'SUBMITTED',
      'QUEUED',
      'PROVISIONING',
      'DOWNLOAD_SOURCE',
      'INSTALL',
      'PRE_BUILD',
      'BUILD',
      'POST_BUILD',
      'UPLOAD_ARTIFACTS',
      'FINALIZING',
      'COMPLETED',
    ]);
    const buildPhase = one(container, '[data-phase=BUILD]');
    expect(buildPhase.dataset['status']).toBe('FAILED');
    expect(one(buildPhase, '[data-testid=phase-duration]').textContent).toBe('1 min 25 s');
    expect(texts(buildPhase, '[data-testid=phase-contexts] li')).toEqual([
      'COMMAND_EXECUTION_ERROR Error while executing command: make. Reason: exit status 2',
    ]);
    expect(one(buildPhase, '[data-testid=phase-contexts]').dataset['problem']).toBe('true');
    expect(one(container, '[data-phase=INSTALL]').querySelector('[data-testid=phase-contexts]')).toBeNull();
    const provisioning = one(container, '[data-phase=PROVISIONING] [data-testid=phase-contexts]');
    expect(provisioning.textContent).toBe("EXECUTOR environment provisioned by executor 'local'");
    expect(provisioning.dataset['problem']).toBe('false');
    expect(one(container, '[data-phase=COMPLETED]').querySelector('[data-testid=phase-bar]')).toBeNull();
  });

  it('lists exported variables, artifacts with sizes and locations, reports and the cache outcome', async () => {
    const server = new FakeSlipwayServer();
    const build = failedBuild();
    server.builds = [build];
    server.logs.set(build.id, logOf([]));
    const container = await renderPage(server, build.id);

    expect(texts(container, '[data-testid=exported-variable]')).toEqual(['VERSION1.2.3']);
    const artifacts = [...container.querySelectorAll<HTMLElement>('[data-testid=artifact]')];
    expect(artifacts.map((artifact) => artifact.dataset['kind'])).toEqual(['primary', 'secondary']);
    expect(texts(container, '[data-testid=artifact-size]')).toEqual(['1.5 MiB', '99 B']);
    expect(texts(container, '[data-testid=artifact-location]')).toEqual([
      'file:///srv/slipway/artifacts/web/12/web.zip',
      'file:///srv/slipway/artifacts/web/12/docs.zip',
    ]);
    const report = one(container, '[data-testid=report][data-group=web-unit]');
    expect(texts(report, 'td')).toEqual(['web-unit Test', 'FAILED', '9', '1', '0', '10']);
    expect(one(container, '[data-group=web-coverage] [data-testid=report-coverage]').textContent).toBe(
      'lines 85.2 % · branches —',
    );
    expect(one(container, '[data-testid=cache-outcome]').dataset['hit']).toBe('true');
    expect(one(container, '[data-testid=build-cache]').textContent).toContain('npm-abc');
    expect(one(container, '[data-testid=build-cache]').textContent).toContain('12.1 KiB');
  });

  it('stops a running build from the page', async () => {
    const server = new FakeSlipwayServer();
    const build = runningBuild(Date.now());
    server.builds = [build];
    server.logs.set(build.id, logOf(['working'], false));
    const container = await renderPage(server, build.id);
    expect(one(container, '[data-testid=build-current-phase]').textContent).toBe('Build');
    expect(container.querySelector('[data-testid=build-retry]')).toBeNull();

    click(container, 'build-stop');

    await vi.waitFor(() => expect(one(container, '[data-testid=build-status]').textContent).toBe('STOPPED'));
    expect(server.count(`POST /api/v1/builds/${build.id}/stop`)).toBe(1);
    expect(one(container, '[data-testid=build-retry]').textContent).toBe('Retry build');
  });

  it('shows why a stop was refused', async () => {
    const server = new FakeSlipwayServer();
    const build = runningBuild(Date.now());
    server.builds = [build];
    server.logs.set(build.id, logOf([], false));
    const container = await renderPage(server, build.id);
    server.answerNext(`POST /api/v1/builds/${build.id}/stop`, 409, {
      code: 'CONFLICT',
      message: `Build '${build.id}' has already finished (SUCCEEDED)`,
      details: [],
    });

    click(container, 'build-stop');

    const panel = await vi.waitFor(() => one(container, '[data-testid=error-panel]'));
    expect(panel.textContent).toContain('Could not stop the build');
    expect(one(panel, '[data-testid=error-code]').textContent).toBe('CONFLICT · HTTP 409');
  });

  it('retries a finished build and opens the new one', async () => {
    const server = new FakeSlipwayServer();
    const build = failedBuild();
    server.builds = [build];
    server.logs.set(build.id, logOf([]));
    const container = await renderPage(server, build.id);

    click(container, 'build-retry');

    await vi.waitFor(() => expect(window.location.pathname).toBe('/builds/web:new-1'));
    expect(server.build('web:new-1').retryOf).toBe(build.id);
  });

  it('follows the build events: status and phase change at once, then the build is fetched again', async () => {
    const server = new FakeSlipwayServer();
    const build = runningBuild(Date.now());
    server.builds = [build];
    server.logs.set(build.id, logOf([], false));
    const container = await renderPage(server, build.id);
    const events = server.streams.only('/api/v1/events');

    server.build(build.id).status = 'SUCCEEDED';
    server.build(build.id).currentPhase = 'COMPLETED';
    server.build(build.id).endTime = new Date().toISOString();
    events.emit(
      'codebuild-project-build-state-succeeded',
      JSON.stringify({ buildId: build.id, project: 'web', buildStatus: 'SUCCEEDED', currentPhase: 'COMPLETED' }),
    );
    events.emit(
      'codebuild-project-build-state-succeeded',
      JSON.stringify({ buildId: 'web:other', project: 'web', buildStatus: 'FAILED', currentPhase: 'COMPLETED' }),
    );

    expect(one(container, '[data-testid=build-status]').textContent).toBe('SUCCEEDED');
    await vi.waitFor(() => expect(server.count(`GET /api/v1/builds/${build.id}`)).toBe(2));
    await vi.waitFor(() => one(container, '[data-testid=fact-ended]'));
  });

  it('shows a queued build as queued, with the reason it waits', async () => {
    const server = new FakeSlipwayServer();
    const build = runningBuild(Date.now(), {
      currentPhase: 'QUEUED',
      startTime: null,
      phases: [],
      waitReason: "waiting for a free slot on executor 'local' (2 of 2 busy)",
    });
    server.builds = [build];
    const container = await renderPage(server, build.id);

    expect(one(container, '[data-testid=build-status]').textContent).toBe('QUEUED');
    expect(one(container, '[data-testid=build-wait-reason]').textContent).toContain('2 of 2 busy');
    await vi.waitFor(() => one(container, '[data-testid=log-waiting]'));
  });

  it('says when the build does not exist', async () => {
    const server = new FakeSlipwayServer();
    const { container } = mount(<BuildPage api={server.client()} id="web:nope" />);

    const panel = await vi.waitFor(() => one(container, '[data-testid=error-panel]'));

    expect(panel.textContent).toContain('Could not load build web:nope');
    expect(panel.dataset['code']).toBe('NOT_FOUND');
  });
});
