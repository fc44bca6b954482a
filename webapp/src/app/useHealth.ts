import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { HealthJson } from '../api/types';

export interface HealthState {
  health: HealthJson | undefined;
  /** Set when the last check failed; the last good answer stays in `health`. */
  error: ApiError | undefined;
  refresh: () => void;
}

/**
 * Asks `/api/v1/health` now and every `intervalMs` while the tab is visible, and again as soon as a hidden tab
 * becomes visible, so a background tab does not poll the server.
 */
export function useHealth(api: ApiClient, intervalMs: number): HealthState {
  const [health, setHealth] = useState<HealthJson | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const latestRequest = useRef(0);
  const mounted = useRef(true);

  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    api.health().then(
      (answer) => {
        if (mounted.current && request === latestRequest.current) {
          setHealth(answer);
          setError(undefined);
        }
      },
      (failure: unknown) => {
        if (mounted.current && request === latestRequest.current) {
          setError(ApiError.from(failure));
        }
      },
    );
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    refresh();
    const timer = window.setInterval(() => {
      if (!document.hidden) refresh();
    }, intervalMs);
    const onVisibilityChange = () => {
      if (!document.hidden) refresh();
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      mounted.current = false;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [refresh, intervalMs]);

  return { health, error, refresh };
}
