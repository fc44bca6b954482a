import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../api/client';
import { FakeSlipwayServer, samplePlugins } from '../testing/FakeSlipwayServer';
import { mount, one, texts, unmountAll } from '../testing/mount';
import { PluginsPage } from './PluginsPage';

function card(container: HTMLElement, id: string): HTMLElement {
  return one(container, `[data-testid=plugin][data-plugin-id="${id}"]`);
}

function button(root: HTMLElement, action: string): HTMLButtonElement {
  return one<HTMLButtonElement>(root, `[data-testid=plugin-action-${action}]`);
}

async function renderPage(server: FakeSlipwayServer, onPluginsChanged?: () => void) {
  const page = mount(<PluginsPage api={createApiClient(server.fetch)} onPluginsChanged={onPluginsChanged} />);
  await vi.waitFor(() => one(page.container, '[data-testid=plugin-list]'));
  return page.container;
}

describe('PluginsPage', () => {
  afterEach(unmountAll);

  it('lists every plugin with id, version, state, provider and description', async () => {
    const container = await renderPage(new FakeSlipwayServer(samplePlugins()));

    expect(texts(container, '[data-testid=plugin] h2')).toEqual([
      'filesystem-artifacts',
      'local-executor',
      'broken-notifier',
    ]);
    const local = card(container, 'local-executor');
    expect(one(local, '[data-testid=plugin-version]').textContent).toBe('0.1.0-SNAPSHOT');
    expect(one(local, '[data-testid=plugin-state]').textContent).toBe('STARTED');
    expect(one(local, '[data-testid=plugin-state]').className).toContain('state-started');
    expect(one(local, '[data-testid=plugin-provider]').textContent).toBe('Slipway');
    expect(local.textContent).toContain('Runs build commands as child processes of the server');
    expect(one(container, '[data-testid=plugins-summary]').textContent).toBe('3 plugins · 2 started · 1 failed');
  });

  it('names each plugin card by its id for assistive technology', async () => {
    const container = await renderPage(new FakeSlipwayServer(samplePlugins()));

    const local = card(container, 'local-executor');
    const title = document.getElementById(local.getAttribute('aria-labelledby') ?? '');
    expect(local.tagName).toBe('ARTICLE');
    expect(title?.textContent).toBe('local-executor');
  });

  it('shows the error message and details of a failed plugin, in a red badge', async () => {
    const container = await renderPage(new FakeSlipwayServer(samplePlugins()));

    const broken = card(container, 'broken-notifier');
    expect(one(broken, '[data-testid=plugin-state]').className).toContain('state-failed');
    expect(one(broken, '[data-testid=plugin-error-message]').textContent).toBe(
      'Plugin broken-notifier failed to start: boom',
    );
    expect(texts(broken, '[data-testid=plugin-error-details] li')).toEqual([
      'java.lang.IllegalStateException: boom',
      'at dev.example.BrokenPlugin.start',
    ]);
    expect(card(container, 'local-executor').querySelector('[data-testid=plugin-error]')).toBeNull();
  });

  it('groups extensions by kind and shows each configuration schema as a table', async () => {
    const container = await renderPage(new FakeSlipwayServer(samplePlugins()));

    const local = card(container, 'local-executor');
    const group = one(local, '[data-testid=extension-group]');
    expect(group.dataset['kind']).toBe('executor');
    expect(one(group, 'h3').textContent).toBe('Executors');
    expect(one(group, '[data-testid=extension] h4').textContent).toBe('Local local');

    const table = one(local, 'table[data-testid=config-schema]');
    expect(table.getAttribute('aria-label')).toBe('Configuration of Local');
    expect(texts(table, 'thead th')).toEqual(['Key', 'Type', 'Required', 'Default', 'Description']);
    const slots = one(table, 'tr[data-key=slots]');
    expect(texts(slots, 'th, td')).toEqual(['slotsSlots', 'integer1 to 64', 'yes', '2', 'Builds that may run at once']);
    const token = one(table, 'tr[data-key=api-token]');
    expect(one(token, '[data-testid=secret]').textContent).toBe('secret');
    expect(one(token, '.schema__required').textContent).toBe('no');
    expect(slots.querySelector('[data-testid=secret]')).toBeNull();
  });

  it('says so when a plugin contributes no extensions', async () => {
    const container = await renderPage(new FakeSlipwayServer(samplePlugins()));

    expect(card(container, 'broken-notifier').textContent).toContain('This plugin contributes no extensions.');
  });

  it('offers the actions that fit each state as real buttons', async () => {
    const container = await renderPage(new FakeSlipwayServer(samplePlugins()));

    expect(texts(card(container, 'local-executor'), 'button')).toEqual(['Stop', 'Unload']);
    expect(texts(card(container, 'broken-notifier'), 'button')).toEqual(['Start', 'Unload']);
    expect(button(card(container, 'local-executor'), 'stop').getAttribute('aria-label')).toBe('Stop local-executor');
  });

  it('stops a plugin, refreshes the list and tells the shell that plugins changed', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    const changed = vi.fn();
    const container = await renderPage(server, changed);

    button(card(container, 'local-executor'), 'stop').click();

    await vi.waitFor(() =>
      expect(one(card(container, 'local-executor'), '[data-testid=plugin-state]').textContent).toBe('STOPPED'),
    );
    expect(server.requests).toEqual([
      'GET /api/v1/plugins',
      'POST /api/v1/plugins/local-executor/stop',
      'GET /api/v1/plugins',
    ]);
    expect(texts(card(container, 'local-executor'), 'button')).toEqual(['Start', 'Unload']);
    await vi.waitFor(() => expect(changed).toHaveBeenCalledOnce());
    expect(one(container, '[data-testid=plugins-announcement]').textContent).toBe('Plugin local-executor stopped.');
  });

  it('unloads a plugin and loads it again; the unloaded plugin stays listed', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    const container = await renderPage(server);

    button(card(container, 'filesystem-artifacts'), 'unload').click();
    await vi.waitFor(() => expect(card(container, 'filesystem-artifacts').dataset['state']).toBe('UNLOADED'));
    expect(texts(card(container, 'filesystem-artifacts'), 'button')).toEqual(['Load']);

    button(card(container, 'filesystem-artifacts'), 'load').click();
    await vi.waitFor(() => expect(card(container, 'filesystem-artifacts').dataset['state']).toBe('STARTED'));

    expect(server.count('DELETE /api/v1/plugins/filesystem-artifacts')).toBe(1);
    expect(server.count('POST /api/v1/plugins/filesystem-artifacts/load')).toBe(1);
  });

  it('disables the plugin buttons and shows progress while an action runs', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    const container = await renderPage(server);
    const release = server.hold('POST /api/v1/plugins/broken-notifier/start');

    button(card(container, 'broken-notifier'), 'start').click();

    await vi.waitFor(() => expect(button(card(container, 'broken-notifier'), 'start').textContent).toBe('Starting…'));
    const broken = card(container, 'broken-notifier');
    expect(broken.getAttribute('aria-busy')).toBe('true');
    expect([...broken.querySelectorAll('button')].every((element) => element.disabled)).toBe(true);
    expect(button(card(container, 'local-executor'), 'stop').disabled).toBe(false);

    release();
    await vi.waitFor(() => expect(card(container, 'broken-notifier').dataset['state']).toBe('STARTED'));
    expect(button(card(container, 'broken-notifier'), 'stop').disabled).toBe(false);
  });

  it('shows the error body of a failed action on the plugin and still refreshes the list', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    const container = await renderPage(server);
    server.answerNext('POST /api/v1/plugins/broken-notifier/start', 500, {
      code: 'PLUGIN_FAILURE',
      message: 'Plugin broken-notifier threw at start',
      details: ['java.lang.IllegalStateException: boom'],
    });

    button(card(container, 'broken-notifier'), 'start').click();

    const panel = await vi.waitFor(() => one(card(container, 'broken-notifier'), '[data-testid=error-panel]'));
    expect(panel.getAttribute('role')).toBe('alert');
    expect(panel.textContent).toContain('Could not start broken-notifier');
    expect(one(panel, '[data-testid=error-code]').textContent).toBe('PLUGIN_FAILURE · HTTP 500');
    expect(one(panel, '[data-testid=error-message]').textContent).toBe('Plugin broken-notifier threw at start');
    expect(texts(panel, '[data-testid=error-details] li')).toEqual(['java.lang.IllegalStateException: boom']);
    await vi.waitFor(() => expect(server.count('GET /api/v1/plugins')).toBe(2));

    one<HTMLButtonElement>(panel, 'button').click();
    await vi.waitFor(() =>
      expect(card(container, 'broken-notifier').querySelector('[data-testid=error-panel]')).toBeNull(),
    );
  });

  it('shows why the list could not be loaded and loads it on retry', async () => {
    const server = new FakeSlipwayServer(samplePlugins());
    server.answerNext('GET /api/v1/plugins', 500, {
      code: 'INTERNAL',
      message: 'Unexpected failure',
      details: [],
    });
    const { container } = mount(<PluginsPage api={createApiClient(server.fetch)} />);

    const panel = await vi.waitFor(() => one(container, '[data-testid=error-panel]'));
    expect(panel.textContent).toContain('Could not load the plugins');
    expect(panel.dataset['code']).toBe('INTERNAL');
    expect(container.querySelector('[data-testid=plugin-list]')).toBeNull();

    one<HTMLButtonElement>(panel, 'button').click();

    await vi.waitFor(() => one(container, '[data-testid=plugin-list]'));
    expect(container.querySelector('[data-testid=error-panel]')).toBeNull();
  });

  it('says when no plugin is installed', async () => {
    const { container } = mount(<PluginsPage api={createApiClient(new FakeSlipwayServer([]).fetch)} />);

    const empty = await vi.waitFor(() => one(container, '[data-testid=plugins-empty]'));
    expect(empty.textContent).toContain('No plugins are installed');
  });
});
