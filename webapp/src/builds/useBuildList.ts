import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { BuildEventJson, BuildJson } from '../api/types';
import { useMounted } from '../components/hooks';
import { applyEvent } from './status';
import { useBuildEvents, type EventsConnection } from './useBuildEvents';

export interface BuildListFilter {
  project?: string;
  status?: string;
}

export interface BuildListState {
  /** Undefined until the first page arrived. */
  builds: BuildJson[] | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Whether there are older builds to load. */
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  connection: EventsConnection;
}

/**
 * A live list of builds, newest first, for the filter: pages of `pageSize` loaded on demand ("load more"), kept
 * up to date from the build events. An event about a listed build changes its row at once and fetches the
 * build again (for its times); an event about another build of the filter reloads the first page, which brings
 * new builds to the top. Fetches caused by events are batched over `refreshDelayMs`.
 */
export function useBuildList(
  api: ApiClient,
  filter: BuildListFilter,
  pageSize: number,
  refreshDelayMs = 250,
): BuildListState {
  const [builds, setBuilds] = useState<BuildJson[] | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const mounted = useMounted();
  const generation = useRef(0);
  const buildsRef = useRef<BuildJson[] | undefined>(undefined);
  buildsRef.current = builds;
  const pendingIds = useRef(new Set<string>());
  const pendingFirstPage = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const { project, status } = filter;

  const firstPage = useCallback(async () => {
    const request = ++generation.current;
    setLoading(true);
    try {
      const page = await api.listBuilds({ project, status, limit: pageSize });
      if (!mounted.current || request !== generation.current) return;
      setBuilds(page.builds);
      setCursor(page.nextCursor ?? null);
      setError(undefined);
    } catch (failure) {
      if (mounted.current && request === generation.current) setError(ApiError.from(failure));
    } finally {
      if (mounted.current && request === generation.current) setLoading(false);
    }
  }, [api, project, status, pageSize, mounted]);

  useEffect(() => {
    setBuilds(undefined);
    setCursor(undefined);
    void firstPage();
  }, [firstPage]);

  const loadMore = useCallback(async () => {
    if (!cursor) return;
    const request = ++generation.current;
    setLoading(true);
    try {
      const page = await api.listBuilds({ project, status, limit: pageSize, cursor });
      if (!mounted.current || request !== generation.current) return;
      setBuilds((current) => mergeOlder(current ?? [], page.builds));
      setCursor(page.nextCursor ?? null);
      setError(undefined);
    } catch (failure) {
      if (mounted.current && request === generation.current) setError(ApiError.from(failure));
    } finally {
      if (mounted.current && request === generation.current) setLoading(false);
    }
  }, [api, project, status, pageSize, cursor, mounted]);

  // Fetches what events asked for, once per batch.
  const flush = useCallback(async () => {
    timer.current = undefined;
    const ids = [...pendingIds.current];
    pendingIds.current.clear();
    const reloadFirst = pendingFirstPage.current;
    pendingFirstPage.current = false;
    if (reloadFirst) {
      try {
        const page = await api.listBuilds({ project, status, limit: pageSize });
        if (mounted.current) setBuilds((current) => mergeNewer(current ?? [], page.builds));
      } catch {
        // The next event or a manual reload tries again; the rows stay as the events left them.
      }
    }
    await Promise.all(
      ids.map(async (id) => {
        try {
          const fresh = await api.getBuild(id);
          if (mounted.current) {
            setBuilds((current) => current?.map((build) => (build.id === fresh.id ? fresh : build)));
          }
        } catch {
          // As above.
        }
      }),
    );
  }, [api, project, status, pageSize, mounted]);

  const schedule = useCallback(() => {
    if (timer.current === undefined) {
      timer.current = window.setTimeout(() => void flush(), refreshDelayMs);
    }
  }, [flush, refreshDelayMs]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const onEvent = useCallback(
    (event: BuildEventJson) => {
      if (project && event.project !== project) return;
      const listed = buildsRef.current?.some((build) => build.id === event.buildId);
      if (listed) {
        setBuilds((current) => current?.map((build) => (build.id === event.buildId ? applyEvent(build, event) : build)));
        pendingIds.current.add(event.buildId);
      } else if (!status || event.buildStatus === status) {
        pendingFirstPage.current = true;
      } else {
        return;
      }
      schedule();
    },
    [project, status, schedule],
  );

  const connection = useBuildEvents(api, onEvent, () => {
    pendingFirstPage.current = true;
    schedule();
  });

  return {
    builds,
    error,
    loading,
    hasMore: Boolean(cursor),
    loadMore: () => void loadMore(),
    reload: () => void firstPage(),
    connection,
  };
}

// A fresh first page on top; rows it does not have (older ones, loaded with "more") stay below.
function mergeNewer(current: BuildJson[], first: BuildJson[]): BuildJson[] {
  const fresh = new Set(first.map((build) => build.id));
  return [...first, ...current.filter((build) => !fresh.has(build.id))];
}

// An older page below; a build already listed (moved between pages by new builds) is not listed twice.
function mergeOlder(current: BuildJson[], older: BuildJson[]): BuildJson[] {
  const listed = new Set(current.map((build) => build.id));
  return [...current, ...older.filter((build) => !listed.has(build.id))];
}
