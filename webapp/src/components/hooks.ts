import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** The current time in ms, renewed every `intervalMs` while `active` (for durations of running builds). */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

/**
 * A function that runs `callback` once in the next animation frame however often it is called before that, so
 * that thousands of live log lines a second cost one render a frame.
 */
export function useFrameBatch(callback: () => void): () => void {
  const latest = useRef(callback);
  latest.current = callback;
  const frame = useRef<number | undefined>(undefined);
  useEffect(
    () => () => {
      if (frame.current !== undefined) window.cancelAnimationFrame(frame.current);
      frame.current = undefined;
    },
    [],
  );
  return useCallback(() => {
    if (frame.current !== undefined) return;
    frame.current = window.requestAnimationFrame(() => {
      frame.current = undefined;
      latest.current();
    });
  }, []);
}

/** False once the component is unmounted, for answers that arrive late. */
export function useMounted(): { readonly current: boolean } {
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  return mounted;
}
