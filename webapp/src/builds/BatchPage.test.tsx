import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSlipwayServer } from '../testing/FakeSlipwayServer';
import { mount, one, unmountAll } from '../testing/mount';
import type { BatchJson } from '../api/types';
import { BatchPage } from './BatchPage';

function runningBatch(): BatchJson {
  return {
    id: 'web:b1',
    number: 4,
    project: 'web',
    status: 'IN_PROGRESS',
    currentPhase: 'IN_PROGRESS',
    startTime: '2026-11-26T12:00:00Z',
    buildGroups: [{ identifier: 'compile', buildId: 'web:c1', buildStatus: 'IN_PROGRESS' }],
    builds: ['web:c1'],
  };
}

function statuses(container: HTMLElement): Record<string, string> {
  const result: Record<string, string> = {};
  container.querySelectorAll<HTMLElement>('[data-testid=batch-child]').forEach((row) => {
    result[row.dataset['identifier']!] = row.querySelector('[data-testid=batch-child-status]')!.textContent!;
  });
  return result;
}

describe('BatchPage', () => {
  afterEach(() => {
    unmountAll();
    window.history.replaceState(null, '', '/');
  });

  it('lists the children with their statuses and links, and follows the batch until it ends', async () => {
    const server = new FakeSlipwayServer();
    const batch = runningBatch();
    server.batches = [batch];
    const { container } = mount(<BatchPage api={server.client()} id="web:b1" refreshIntervalMs={10} />);
    await vi.waitFor(() => one(container, '[data-testid=batch-number]'));

    expect(one(container, '#batch-title').textContent).toBe('web batch #4');
    expect(one(container, '[data-testid=batch-status]').textContent).toBe('IN_PROGRESS');
    expect(statuses(container)).toEqual({ compile: 'IN_PROGRESS' });
    expect(one(container, '[data-testid=batch-child] a').getAttribute('href')).toBe('/builds/web:c1');

    batch.status = 'FAILED';
    batch.currentPhase = 'FAILED';
    batch.buildGroups = [
      { identifier: 'compile', buildId: 'web:c1', buildStatus: 'FAILED' },
      { identifier: 'deploy', notRunReason: 'its dependency compile did not succeed' },
    ];
    await vi.waitFor(() => expect(one(container, '[data-testid=batch-status]').textContent).toBe('FAILED'));

    expect(statuses(container)).toEqual({ compile: 'FAILED', deploy: 'NOT_RUN' });
    expect(one(container, '[data-identifier=deploy]').textContent).toContain('not run: its dependency compile did not succeed');
  });

  it('says so when the batch does not exist', async () => {
    const server = new FakeSlipwayServer();
    const { container } = mount(<BatchPage api={server.client()} id="web:nope" />);

    await vi.waitFor(() => expect(container.textContent).toContain('Could not load batch web:nope'));
  });
});
