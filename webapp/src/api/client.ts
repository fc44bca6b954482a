import { browserEventStream, type EventStreamHandlers, type EventStreamOpener, type EventStreamSubscription } from './eventStream';
import {
  BUILD_EVENT_TYPES,
  type BatchJson,
  type BuildJson,
  type BuildListJson,
  type ErrorJson,
  type HealthJson,
  type LogSliceJson,
  type PluginJson,
  type PluginListJson,
  type ProjectJson,
  type ProjectListJson,
  type StartBuildJson,
} from './types';

export const API_BASE = '/api/v1';

/**
 * A failed API call, shaped like the server's `{"code","message","details"}` error body. Failures that never
 * reached the server or did not come back as such a body get a client-side code: `UNREACHABLE` (no
 * response), `HTTP_<status>` (an error response that is not an API error body, e.g. from a proxy) and
 * `INVALID_RESPONSE` (a success response that is not the expected JSON).
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, or 0 when no response arrived. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }

  /** Any thrown value as an ApiError, so that every failure can be shown the same way. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) {
      return error;
    }
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError(0, 'INTERNAL', message);
  }
}

/** The fetch function the client uses: the browser's in the app, a hand-written fake in tests. */
export type FetchFunction = (input: string, init?: RequestInit) => Promise<Response>;

export type PluginAction = 'stop' | 'start' | 'unload' | 'load';

/** One page of a cursor-paginated list. */
export interface Page {
  limit?: number;
  /** The `nextCursor` of the page before; absent for the first page. */
  cursor?: string | null;
}

/** Filters of `GET /api/v1/builds`; absent or empty values do not filter. */
export interface BuildFilter extends Page {
  project?: string;
  status?: string;
  initiator?: string;
  since?: string;
  until?: string;
}

/** The REST calls the console makes. Every method rejects with an {@link ApiError}, never anything else. */
export interface ApiClient {
  health(): Promise<HealthJson>;
  listPlugins(): Promise<PluginJson[]>;
  /** Runs a lifecycle action and resolves with the plugin as the server reports it afterwards. */
  pluginAction(id: string, action: PluginAction): Promise<PluginJson>;

  listProjects(page?: Page): Promise<ProjectListJson>;
  getProject(name: string): Promise<ProjectJson>;
  /** Newest first. */
  listBuilds(filter?: BuildFilter): Promise<BuildListJson>;
  getBuild(id: string): Promise<BuildJson>;
  /** Resolves with the new (queued) build. */
  startBuild(project: string, request: StartBuildJson): Promise<BuildJson>;
  stopBuild(id: string): Promise<BuildJson>;
  /** Resolves with the new build, whose `retryOf` is `id`. */
  retryBuild(id: string): Promise<BuildJson>;
  getBatch(id: string): Promise<BatchJson>;

  /** Lines `from` (0-based) to `from + limit` of a build's log, fewer at its end. */
  logRange(id: string, from: number, limit: number): Promise<LogSliceJson>;
  /** The last `lines` lines of a build's log. */
  logTail(id: string, lines: number): Promise<LogSliceJson>;
  /** Where the browser downloads the whole log as a text file. */
  logDownloadUrl(id: string): string;
  /** Live lines from line `from` on: `line` events (id = line number), then one `end` event (`{"lines": N}`). */
  followLog(id: string, from: number, handlers: EventStreamHandlers): EventStreamSubscription;
  /** Build state and phase changes of every build, as `GET /api/v1/events` sends them. */
  followBuildEvents(handlers: EventStreamHandlers): EventStreamSubscription;
}

/** Build ids contain a colon (`web:6f1c…`), which is legal in a path segment and easier to read unescaped. */
export function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':');
}

/** The console page of a build. */
export function buildPath(id: string): string {
  return `/builds/${pathSegment(id)}`;
}

/** The console page of a batch build. */
export function batchPath(id: string): string {
  return `/build-batches/${pathSegment(id)}`;
}

/** The console page of a project. */
export function projectPath(name: string): string {
  return `/projects/${pathSegment(name)}`;
}

function query(parameters: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface CallOptions {
  /** Sent as JSON. */
  body?: unknown;
  /**
   * Error statuses whose body is still the expected JSON (a health check answers 503 with the health body when
   * the server is DOWN).
   */
  alsoOk?: readonly number[];
}

export function createApiClient(
  fetchFunction: FetchFunction,
  openEventStream: EventStreamOpener = browserEventStream,
): ApiClient {
  async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const url = API_BASE + path;
    const alsoOk = options.alsoOk ?? [];
    const init: RequestInit = { method, headers: { Accept: 'application/json' } };
    if (options.body !== undefined) {
      init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
      init.body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetchFunction(url, init);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError(0, 'UNREACHABLE', `Cannot reach the Slipway server (${method} ${url}): ${reason}`);
    }
    const text = await response.text();
    if (!response.ok && !(alsoOk.includes(response.status) && parseHealthLike(text))) {
      throw errorFromResponse(response, text);
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(
        response.status,
        'INVALID_RESPONSE',
        `${method} ${url} answered ${response.status} with a body that is not JSON`,
        [excerpt(text)],
      );
    }
  }

  async function list<T>(path: string, field: string): Promise<T> {
    const body = await call<Record<string, unknown>>('GET', path);
    if (!body || !Array.isArray(body[field])) {
      throw new ApiError(200, 'INVALID_RESPONSE', `GET ${API_BASE}${path} answered without a "${field}" array`);
    }
    return body as T;
  }

  const build = (id: string) => `/builds/${pathSegment(id)}`;

  return {
    health: () => call<HealthJson>('GET', '/health', { alsoOk: [503] }),
    async listPlugins() {
      const body = await call<PluginListJson>('GET', '/plugins');
      if (!body || !Array.isArray(body.plugins)) {
        throw new ApiError(200, 'INVALID_RESPONSE', 'GET /api/v1/plugins answered without a "plugins" array');
      }
      return body.plugins;
    },
    pluginAction(id, action) {
      const path = `/plugins/${encodeURIComponent(id)}`;
      switch (action) {
        case 'stop':
          return call<PluginJson>('POST', `${path}/stop`);
        case 'start':
          return call<PluginJson>('POST', `${path}/start`);
        case 'load':
          return call<PluginJson>('POST', `${path}/load`);
        case 'unload':
          return call<PluginJson>('DELETE', path);
      }
    },

    listProjects: (page = {}) =>
      list<ProjectListJson>(`/projects${query({ limit: page.limit, cursor: page.cursor })}`, 'projects'),
    getProject: (name) => call<ProjectJson>('GET', `/projects/${pathSegment(name)}`),
    listBuilds: (filter = {}) =>
      list<BuildListJson>(
        `/builds${query({
          project: filter.project,
          status: filter.status,
          initiator: filter.initiator,
          since: filter.since,
          until: filter.until,
          limit: filter.limit,
          cursor: filter.cursor,
        })}`,
        'builds',
      ),
    getBuild: (id) => call<BuildJson>('GET', build(id)),
    startBuild: (project, request) =>
      call<BuildJson>('POST', `/projects/${pathSegment(project)}/builds`, { body: request }),
    stopBuild: (id) => call<BuildJson>('POST', `${build(id)}/stop`),
    retryBuild: (id) => call<BuildJson>('POST', `${build(id)}/retry`),
    getBatch: (id) => call<BatchJson>('GET', `/build-batches/${pathSegment(id)}`),

    logRange: (id, from, limit) => call<LogSliceJson>('GET', `${build(id)}/logs${query({ from, limit })}`),
    logTail: (id, lines) => call<LogSliceJson>('GET', `${build(id)}/logs/tail${query({ lines })}`),
    logDownloadUrl: (id) => `${API_BASE}${build(id)}/logs/download`,
    followLog: (id, from, handlers) =>
      openEventStream(`${API_BASE}${build(id)}/logs/stream${query({ from })}`, ['line', 'end'], handlers),
    followBuildEvents: (handlers) => openEventStream(`${API_BASE}/events`, BUILD_EVENT_TYPES, handlers),
  };
}

function errorFromResponse(response: Response, text: string): ApiError {
  const body = parseErrorBody(text);
  if (body) {
    return new ApiError(response.status, body.code, body.message, body.details ?? []);
  }
  const statusLine = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const details = text.trim() ? [excerpt(text)] : [];
  return new ApiError(response.status, `HTTP_${response.status}`, `The server answered ${statusLine}`, details);
}

function parseHealthLike(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && typeof (value as HealthJson).status === 'string';
  } catch {
    return false;
  }
}

function parseErrorBody(text: string): ErrorJson | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const { code, message, details } = value as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') {
    return undefined;
  }
  const detailList = Array.isArray(details) ? details.map((detail) => String(detail)) : [];
  return { code, message, details: detailList };
}

// Error pages of proxies can be large HTML documents; a short excerpt is enough to tell what answered.
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
