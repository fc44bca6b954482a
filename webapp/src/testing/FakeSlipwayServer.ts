import type { FetchFunction } from '../api/client';
import type { HealthJson, PluginJson } from '../api/types';

interface CannedResponse {
  status: number;
  body: string;
  contentType?: string;
}

/**
 * A hand-written stand-in for the Slipway REST API behind `fetch`: it keeps a plugin list, applies the
 * lifecycle actions to it as the server does, records every request, and can be told to fail, to answer
 * something odd, or to hold a response until the test releases it.
 */
export class FakeSlipwayServer {
  plugins: PluginJson[];
  health: HealthJson = {
    status: 'UP',
    version: '0.1.0-SNAPSHOT',
    uptimeSeconds: 12,
    database: { status: 'UP', product: 'H2', version: '2.5.252' },
    plugins: { total: 2, started: 2, failed: 0 },
  };
  /** "METHOD /path" of every request, in order. */
  readonly requests: string[] = [];

  private readonly overrides = new Map<string, CannedResponse[]>();
  private readonly holds = new Map<string, Promise<void>>();
  private unreachable = false;

  constructor(plugins: PluginJson[]) {
    this.plugins = structuredClone(plugins);
  }

  /** The next request to `key` ("POST /api/v1/plugins/x/stop") gets this answer instead. */
  answerNext(key: string, status: number, body: unknown, contentType = 'application/json'): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const queue = this.overrides.get(key) ?? [];
    queue.push({ status, body: text, contentType });
    this.overrides.set(key, queue);
  }

  /** Requests to `key` wait until the returned function is called. */
  hold(key: string): () => void {
    let release: () => void = () => {};
    this.holds.set(
      key,
      new Promise<void>((resolve) => {
        release = () => {
          this.holds.delete(key);
          resolve();
        };
      }),
    );
    return release;
  }

  /** From now on every request fails as if the server were down. */
  goAway(): void {
    this.unreachable = true;
  }

  count(key: string): number {
    return this.requests.filter((request) => request === key).length;
  }

  readonly fetch: FetchFunction = async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    const key = `${method} ${input}`;
    this.requests.push(key);
    if (this.unreachable) {
      throw new TypeError('Failed to fetch');
    }
    const hold = this.holds.get(key);
    if (hold) {
      await hold;
    }
    const override = this.overrides.get(key)?.shift();
    if (override) {
      return new Response(override.body, {
        status: override.status,
        headers: override.contentType ? { 'Content-Type': override.contentType } : {},
      });
    }
    return this.route(method, input);
  };

  private route(method: string, path: string): Response {
    if (method === 'GET' && path === '/api/v1/health') {
      return json(200, this.health);
    }
    if (method === 'GET' && path === '/api/v1/plugins') {
      return json(200, { plugins: this.plugins });
    }
    const match = /^\/api\/v1\/plugins\/([^/]+)(?:\/(stop|start|load))?$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1]!);
      const action = match[2];
      const plugin = this.plugins.find((candidate) => candidate.id === id);
      if (!plugin) {
        return json(404, { code: 'NOT_FOUND', message: `Plugin '${id}' does not exist`, details: [] });
      }
      if (method === 'POST' && action === 'stop') plugin.state = 'STOPPED';
      else if (method === 'POST' && (action === 'start' || action === 'load')) plugin.state = 'STARTED';
      else if (method === 'DELETE' && action === undefined) plugin.state = 'UNLOADED';
      else return json(405, { code: 'NOT_SUPPORTED', message: `${method} ${path} is not allowed`, details: [] });
      return json(200, plugin);
    }
    return json(404, { code: 'NOT_FOUND', message: `No resource at ${path}`, details: [] });
  }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Plugins as the bundled ones look, plus a failed one. */
export function samplePlugins(): PluginJson[] {
  return [
    {
      id: 'filesystem-artifacts',
      version: '0.1.0-SNAPSHOT',
      state: 'STARTED',
      description: 'Keeps artifacts as files under the data directory',
      provider: 'Slipway',
      requires: '>=0.1.0 & <1.0.0',
      path: 'filesystem-artifacts-0.1.0-SNAPSHOT.zip',
      error: null,
      extensions: [
        {
          kind: 'artifact-store',
          id: 'filesystem',
          displayName: 'Filesystem',
          description: 'Stores artifacts in a directory',
          configSchema: {
            type: 'object',
            properties: {
              'root-directory': {
                type: 'string',
                title: 'Root directory',
                description: 'Where artifacts are kept',
                'x-slipway-type': 'STRING',
              },
            },
            required: [],
            additionalProperties: false,
          },
        },
      ],
    },
    {
      id: 'local-executor',
      version: '0.1.0-SNAPSHOT',
      state: 'STARTED',
      description: 'Runs build commands as child processes of the server',
      provider: 'Slipway',
      requires: '>=0.1.0 & <1.0.0',
      path: 'local-executor-0.1.0-SNAPSHOT.zip',
      error: null,
      extensions: [
        {
          kind: 'executor',
          id: 'local',
          displayName: 'Local',
          description: 'Runs commands on the server machine',
          configSchema: {
            type: 'object',
            properties: {
              slots: {
                type: 'integer',
                title: 'Slots',
                description: 'Builds that may run at once',
                minimum: 1,
                maximum: 64,
                default: 2,
                'x-slipway-type': 'INTEGER',
              },
              'api-token': {
                type: 'string',
                format: 'password',
                writeOnly: true,
                title: 'API token',
                description: 'Token for the agent',
                'x-slipway-type': 'SECRET',
              },
            },
            required: ['slots'],
          },
        },
      ],
    },
    {
      id: 'broken-notifier',
      version: '1.2.3',
      state: 'FAILED',
      description: 'Throws at start',
      provider: 'Example Corp',
      requires: '>=0.1.0',
      path: 'broken-notifier-1.2.3.zip',
      error: {
        message: 'Plugin broken-notifier failed to start: boom',
        details: ['java.lang.IllegalStateException: boom', 'at dev.example.BrokenPlugin.start'],
      },
      extensions: [],
    },
  ];
}
