// Server-Sent Events behind a small interface, so pages can be tested with a hand-written fake stream and the
// browser's EventSource stays in one place.

/** One event as it arrived: its name (`message` for unnamed events), its data and its `id:` field. */
export interface ServerEvent {
  type: string;
  data: string;
  /** The `id:` of this event, or of the last event that had one; empty when none had. */
  lastEventId: string;
}

export interface EventStreamHandlers {
  onEvent(event: ServerEvent): void;
  /** The connection is open (again, after a reconnect). */
  onOpen?(): void;
  /**
   * The connection failed or dropped. `closed` is false while the browser reconnects by itself (sending
   * `Last-Event-ID`); true when it gave up (the server answered with an error status), so the caller decides
   * whether to open a new stream.
   */
  onError?(closed: boolean): void;
}

export interface EventStreamSubscription {
  /** Closes the connection; no handler is called afterwards. Idempotent. */
  close(): void;
}

/**
 * Opens an SSE stream at `url` and delivers the events named in `eventTypes` (EventSource only dispatches named
 * events to listeners registered for their name).
 */
export type EventStreamOpener = (
  url: string,
  eventTypes: readonly string[],
  handlers: EventStreamHandlers,
) => EventStreamSubscription;

/** The browser's EventSource. Without one (an old browser, a test environment) the stream reports it is closed. */
export const browserEventStream: EventStreamOpener = (url, eventTypes, handlers) => {
  if (typeof EventSource === 'undefined') {
    queueMicrotask(() => handlers.onError?.(true));
    return { close: () => {} };
  }
  const source = new EventSource(url);
  let closed = false;
  const deliver = (event: MessageEvent) => {
    if (!closed) {
      handlers.onEvent({ type: event.type, data: String(event.data), lastEventId: event.lastEventId });
    }
  };
  for (const type of eventTypes) {
    source.addEventListener(type, deliver as EventListener);
  }
  source.onopen = () => {
    if (!closed) handlers.onOpen?.();
  };
  source.onerror = () => {
    if (!closed) handlers.onError?.(source.readyState === EventSource.CLOSED);
  };
  return {
    close() {
      closed = true;
      source.close();
    },
  };
};
