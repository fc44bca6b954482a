import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client';
import type { BuildEventJson } from '../api/types';
import { FakeSlipwayServer } from '../testing/FakeSlipwayServer';
import { mount, one, unmountAll } from '../testing/mount';
import { useBuildEvents } from './useBuildEvents';

function Probe({ api, events, reconnects }: { api: ApiClient; events: BuildEventJson[]; reconnects: () => void }) {
  const connection = useBuildEvents(api, (event) => events.push(event), reconnects, 10);
  return <span data-testid="connection">{connection}</span>;
}

describe('useBuildEvents', () => {
  afterEach(unmountAll);

  it('delivers parsed build events and skips data that is not one', () => {
    const server = new FakeSlipwayServer();
    const events: BuildEventJson[] = [];
    mount(<Probe api={server.client()} events={events} reconnects={() => {}} />);
    const stream = server.streams.only('/api/v1/events');

    stream.emit('codebuild-project-build-phase-failure', JSON.stringify({ buildId: 'web:1', project: 'web', phase: 'BUILD', phaseStatus: 'FAILED' }));
    stream.emit('codebuild-project-build-phase-success', 'not json');
    stream.emit('codebuild-project-build-phase-success', '{"project": "web"}');

    expect(events).toEqual([{ buildId: 'web:1', project: 'web', phase: 'BUILD', phaseStatus: 'FAILED' }]);
  });

  it('opens a new stream when the browser gave up, and says it reconnected once it is open', async () => {
    const server = new FakeSlipwayServer();
    const reconnects = vi.fn();
    const { container } = mount(<Probe api={server.client()} events={[]} reconnects={reconnects} />);
    const first = server.streams.only('/api/v1/events');
    first.open();
    expect(one(container, '[data-testid=connection]').textContent).toBe('live');

    first.fail(true);
    expect(one(container, '[data-testid=connection]').textContent).toBe('closed');
    expect(first.closed).toBe(true);

    await vi.waitFor(() => expect(server.streams.all).toHaveLength(2));
    server.streams.only('/api/v1/events').open();
    expect(reconnects).toHaveBeenCalledOnce();
    expect(one(container, '[data-testid=connection]').textContent).toBe('live');
  });

  it('closes the stream when the page goes away', () => {
    const server = new FakeSlipwayServer();
    const { unmount } = mount(<Probe api={server.client()} events={[]} reconnects={() => {}} />);
    const stream = server.streams.only('/api/v1/events');

    unmount();

    expect(stream.closed).toBe(true);
  });
});
