import { act } from 'preact/test-utils';
import type { EventStreamHandlers, EventStreamSubscription } from '../api/eventStream';

/** One SSE connection the console opened; the test sends its events. */
export class FakeEventStream implements EventStreamSubscription {
  closed = false;
  private lastEventId = '';

  constructor(
    readonly url: string,
    readonly eventTypes: readonly string[],
    private readonly handlers: EventStreamHandlers,
  ) {}

  close(): void {
    this.closed = true;
  }

  /** The connection opened. */
  open(): void {
    this.deliver(() => this.handlers.onOpen?.());
  }

  /** Sends an event, as the server would with `event: type`, `id: id` and `data: data`. */
  emit(type: string, data: string, id?: string | number): void {
    if (id !== undefined) this.lastEventId = String(id);
    if (!this.eventTypes.includes(type)) return;
    this.deliver(() => this.handlers.onEvent({ type, data, lastEventId: this.lastEventId }));
  }

  /** The connection failed; `closed` as a browser that gave up reconnecting reports it. */
  fail(closed: boolean): void {
    this.deliver(() => this.handlers.onError?.(closed));
  }

  private deliver(send: () => void): void {
    if (this.closed) throw new Error(`The console closed the stream ${this.url}; nothing can be sent on it`);
    act(send);
  }
}

/** Every stream opened, in order. */
export class FakeEventStreams {
  readonly all: FakeEventStream[] = [];

  open(url: string, eventTypes: readonly string[], handlers: EventStreamHandlers): FakeEventStream {
    const stream = new FakeEventStream(url, eventTypes, handlers);
    this.all.push(stream);
    return stream;
  }

  /** The streams still open whose URL starts with `prefix`. */
  openOnes(prefix: string): FakeEventStream[] {
    return this.all.filter((stream) => !stream.closed && stream.url.startsWith(prefix));
  }

  /** The one open stream whose URL starts with `prefix`; fails when there is none or more than one. */
  only(prefix: string): FakeEventStream {
    const open = this.openOnes(prefix);
    if (open.length !== 1) {
      throw new Error(`Expected one open stream at ${prefix}, found ${open.length}: ${this.all.map((s) => s.url).join(', ')}`);
    }
    return open[0]!;
  }
}
