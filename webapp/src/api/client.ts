import type { ErrorJson, HealthJson, PluginJson, PluginListJson } from './types';

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

/** The REST calls the console makes. Every method rejects with an {@link ApiError}, never anything else. */
export interface ApiClient {
  health(): Promise<HealthJson>;
  listPlugins(): Promise<PluginJson[]>;
  /** Runs a lifecycle action and resolves with the plugin as the server reports it afterwards. */
  pluginAction(id: string, action: PluginAction): Promise<PluginJson>;
}

export function createApiClient(fetchFunction: FetchFunction): ApiClient {
  // `alsoOk` lists error statuses whose body is still the expected JSON (a health check answers 503 with
  // the health body when the server is DOWN).
  async function call<T>(method: string, path: string, alsoOk: readonly number[] = []): Promise<T> {
    const url = API_BASE + path;
    let response: Response;
    try {
      response = await fetchFunction(url, { method, headers: { Accept: 'application/json' } });
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

  return {
    health: () => call<HealthJson>('GET', '/health', [503]),
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
