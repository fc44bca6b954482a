import { useEffect, useRef, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { BuildEventJson } from '../api/types';
import { parseBuildEvent } from './status';

export type EventsConnection = 'connecting' | 'live' | 'reconnecting' | 'closed';

/**
 * Subscribes to `GET /api/v1/events` while the component is shown and hands every build event to `onEvent`.
 * `onReconnect` runs when the stream opens again after a failure, since events may have been missed meanwhile.
 * A stream the browser gave up on is opened again after `retryDelayMs`.
 */
export function useBuildEvents(
  api: ApiClient,
  onEvent: (event: BuildEventJson) => void,
  onReconnect: () => void,
  retryDelayMs = 3000,
): EventsConnection {
  const [connection, setConnection] = useState<EventsConnection>('connecting');
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };

  useEffect(() => {
    let stopped = false;
    let failed = false;
    let timer: number | undefined;
    let subscription = open();

    function open() {
      return api.followBuildEvents({
        onEvent(event) {
          const parsed = parseBuildEvent(event.data);
          if (parsed) handlers.current.onEvent(parsed);
        },
        onOpen() {
          setConnection('live');
          if (failed) {
            failed = false;
            handlers.current.onReconnect();
          }
        },
        onError(closed) {
          if (stopped) return;
          failed = true;
          setConnection(closed ? 'closed' : 'reconnecting');
          if (closed) {
            subscription.close();
            timer = window.setTimeout(() => {
              if (!stopped) subscription = open();
            }, retryDelayMs);
          }
        },
      });
    }

    return () => {
      stopped = true;
      window.clearTimeout(timer);
      subscription.close();
    };
  }, [api, retryDelayMs]);

  return connection;
}
