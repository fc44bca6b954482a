import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { FakeSlipwayServer, logOf, samplePlugins } from '../testing/FakeSlipwayServer';
import { mount, one, texts, unmountAll } from '../testing/mount';
import { failedBuild, sampleProject } from '../testing/samples';
import { App } from './App';

function renderApp(server: FakeSlipwayServer, path: string) {
  window.history.replaceState(null, '', path);
  return mount(<App api={server.client()} healthIntervalMs={60_000} />).container;
}

describe('App', () => {
  afterEach(() => {
    unmountAll();
    window.history.replaceState(null, '', '/');
  });

  it('shows the server version and health in the header', async () => {
    const container = renderApp(new FakeSlipwayServer(samplePlugins()), '/plugins');

    await vi.waitFor(() => expect(one(container, '[data-testid=server-version]').textContent).toBe('0.1.0-SNAPSHOT'));
    const health = one(container, '[data-testid=health]');
    expect(health.dataset['level']).toBe('up');
    expect(health.getAttribute('role')).toBe('status');
    expect(health.textContent).toContain('Healthy');
  });

  it('shows the server as unreachable when the health check fails', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    server.goAway();

    const container = renderApp(server, '/plugins');

    await vi.waitFor(() => expect(one(container, '[data-testid=health]').dataset['level']).toBe('unreachable'));
    expect(container.querySelector('[data-testid=server-version]')).toBeNull();
  });

  it('opens the builds page at the start path and replaces / in the address bar', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    server.builds = [failedBuild()];
    const container = renderApp(server, '/');

    await vi.waitFor(() => one(container, '[data-testid=build-table]'));
    expect(window.location.pathname).toBe('/builds');
    expect(document.title).toBe('Builds · Slipway');
    expect(one(container, 'nav a[href="/builds"]').getAttribute('aria-current')).toBe('page');
  });

  it('has Builds, Projects and Plugins in the navigation', () => {
    const container = renderApp(new FakeSlipwayServer(samplePlugins()), '/plugins');

    expect(texts(container, 'nav a')).toEqual(['Builds', 'Projects', 'Plugins']);
    expect(one(container, 'nav a[href="/plugins"]').getAttribute('aria-current')).toBe('page');
  });

  it('routes a build page by its id, colon and all, and names the tab after it', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    const build = failedBuild();
    server.builds = [build];
    server.logs.set(build.id, logOf(['hello']));
    const container = renderApp(server, `/builds/${build.id}`);

    await vi.waitFor(() => expect(one(container, '[data-testid=build-number]').textContent).toBe('#12'));
    expect(document.title).toBe(`Build ${build.id} · Slipway`);
  });

  it('routes a project page by its name', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    server.projects = [sampleProject('web')];
    const container = renderApp(server, '/projects/web');

    await vi.waitFor(() => expect(one(container, '#project-title').textContent).toBe('web'));
    expect(document.title).toBe('Project web · Slipway');
  });

  it('routes a deep link the server answered with index.html', async () => {
    const container = renderApp(new FakeSlipwayServer(samplePlugins()), '/plugins/');

    await vi.waitFor(() => one(container, '[data-testid=plugin-list]'));
  });

  it('shows a not-found page for an unknown path, with a link back', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    const container = renderApp(server, '/nowhere');

    const notFound = one(container, '[data-testid=not-found]');
    expect(notFound.textContent).toContain('/nowhere');
    expect(document.title).toBe('Page not found · Slipway');

    act(() => {
      one<HTMLAnchorElement>(notFound, 'a[href="/builds"]').click();
    });

    expect(window.location.pathname).toBe('/builds');
    await vi.waitFor(() => one(container, '[data-testid=builds-page]'));
  });

  it('checks health again after a plugin action, so the header counts follow', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    const container = renderApp(server, '/plugins');
    await vi.waitFor(() => one(container, '[data-testid=plugin-list]'));
    await vi.waitFor(() => expect(server.count('GET /api/v1/health')).toBe(1));
    server.health = { ...server.health, plugins: { total: 2, started: 1, failed: 1 } };

    one<HTMLButtonElement>(container, '[data-plugin-id=local-executor] [data-testid=plugin-action-stop]').click();

    await vi.waitFor(() => expect(server.count('GET /api/v1/health')).toBe(2));
    await vi.waitFor(() => expect(one(container, '[data-testid=health]').dataset['level']).toBe('degraded'));
  });
});
