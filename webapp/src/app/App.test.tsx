import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { createApiClient } from '../api/client';
import { FakeSlipwayServer, samplePlugins } from '../testing/FakeSlipwayServer';
import { mount, one, unmountAll } from '../testing/mount';
import { App } from './App';

function renderApp(server: FakeSlipwayServer, path: string) {
  window.history.replaceState(null, '', path);
  return mount(<App api={createApiClient(server.fetch)} healthIntervalMs={60_000} />).container;
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

  it('opens the plugins page at the start path and replaces / in the address bar', async () => {
    const container = renderApp(new FakeSlipwayServer(samplePlugins()), '/');

    await vi.waitFor(() => one(container, '[data-testid=plugin-list]'));
    expect(window.location.pathname).toBe('/plugins');
    expect(document.title).toBe('Plugins · Slipway');
    expect(one(container, 'nav a[href="/plugins"]').getAttribute('aria-current')).toBe('page');
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
      one<HTMLAnchorElement>(notFound, 'a[href="/plugins"]').click();
    });

    expect(window.location.pathname).toBe('/plugins');
    await vi.waitFor(() => one(container, '[data-testid=plugin-list]'));
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
