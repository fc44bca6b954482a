import { createApiClient, type ApiClient, type FetchFunction } from '../api/client';
import type { EventStreamOpener } from '../api/eventStream';
import type { BatchJson, BuildJson, HealthJson, PluginJson, ProjectJson } from '../api/types';
import { FakeEventStreams } from './FakeEventStreams';

interface CannedResponse {
  status: number;
  body: string;
  contentType?: string;
}

/** A build log in the fake: its lines, made on demand so that a test can have a log of millions of lines. */
export interface FakeLog {
  total: number;
  complete: boolean;
  line: (index: number) => string;
}

/** A log of the given lines; `complete` unless told otherwise. */
export function logOf(lines: string[], complete = true): FakeLog {
  return { total: lines.length, complete, line: (index) => lines[index] ?? '' };
}

/** A log of `total` lines reading "line <n>" (1-based, as the viewer numbers them). */
export function generatedLog(total: number, complete = true): FakeLog {
  return { total, complete, line: (index) => `line ${index + 1}` };
}

const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'FAULT', 'TIMED_OUT', 'STOPPED']);

/**
 * A hand-written stand-in for the Slipway REST API behind `fetch`: it keeps plugins, projects, builds and their
 * logs, applies the lifecycle actions, build starts, stops and retries as the server does, records every request,
 * and can be told to fail, to answer something odd, or to hold a response until the test releases it. Its SSE
 * streams ({@link streams}) are driven by the test.
 */
export class FakeSlipwayServer {
  plugins: PluginJson[];
  projects: ProjectJson[] = [];
  /** Newest first, as the API lists them. */
  builds: BuildJson[] = [];
  batches: BatchJson[] = [];
  readonly logs = new Map<string, FakeLog>();
  readonly streams = new FakeEventStreams();
  /** JSON bodies of requests, by "METHOD /path". */
  readonly bodies = new Map<string, unknown>();
  /** Builds created by starts and retries get ids from this counter. */
  private nextBuildId = 1;
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

  constructor(plugins: PluginJson[] = []) {
    this.plugins = structuredClone(plugins);
  }

  /** An API client talking to this fake, streams included. */
  client(): ApiClient {
    return createApiClient(this.fetch, this.openEventStream);
  }

  readonly openEventStream: EventStreamOpener = (url, eventTypes, handlers) => {
    this.requests.push(`SSE ${url}`);
    return this.streams.open(url, eventTypes, handlers);
  };

  build(id: string): BuildJson {
    const build = this.builds.find((candidate) => candidate.id === id);
    if (!build) throw new Error(`The fake has no build ${id}`);
    return build;
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
    if (typeof init?.body === 'string') {
      this.bodies.set(key, JSON.parse(init.body));
    }
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

  private route(method: string, input: string): Response {
    const url = new URL(input, 'http://console.test');
    const path = url.pathname;
    const parameters = url.searchParams;
    const buildRoute = this.routeBuilds(method, path, parameters, input);
    if (buildRoute) {
      return buildRoute;
    }
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

  private routeBuilds(method: string, path: string, parameters: URLSearchParams, input: string): Response | undefined {
    const notFound = (what: string) => json(404, { code: 'NOT_FOUND', message: `${what} does not exist`, details: [] });
    if (method === 'GET' && path === '/api/v1/projects') {
      return json(200, paginate(this.projects, parameters, 'projects'));
    }
    let match = /^\/api\/v1\/projects\/([^/]+)$/.exec(path);
    if (match && method === 'GET') {
      const name = decodeURIComponent(match[1]!);
      const project = this.projects.find((candidate) => candidate.name === name);
      return project ? json(200, project) : notFound(`Project '${name}'`);
    }
    match = /^\/api\/v1\/projects\/([^/]+)\/builds$/.exec(path);
    if (match && method === 'POST') {
      const name = decodeURIComponent(match[1]!);
      if (!this.projects.some((candidate) => candidate.name === name)) return notFound(`Project '${name}'`);
      const request = (this.bodies.get(`POST ${input}`) ?? {}) as { sourceVersion?: string };
      return json(201, this.addBuild(name, { sourceVersion: request.sourceVersion ?? null }));
    }
    if (method === 'GET' && path === '/api/v1/builds') {
      const project = parameters.get('project');
      const status = parameters.get('status');
      const builds = this.builds.filter(
        (build) => (!project || build.project === project) && (!status || build.status === status),
      );
      return json(200, paginate(builds, parameters, 'builds'));
    }
    match = /^\/api\/v1\/build-batches\/([^/]+)$/.exec(path);
    if (match && method === 'GET') {
      const id = decodeURIComponent(match[1]!);
      const batch = this.batches.find((candidate) => candidate.id === id);
      return batch ? json(200, batch) : notFound(`Batch '${id}'`);
    }
    match = /^\/api\/v1\/builds\/([^/]+)(?:\/(stop|retry|logs|logs\/tail))?$/.exec(path);
    if (!match) return undefined;
    const id = decodeURIComponent(match[1]!);
    const build = this.builds.find((candidate) => candidate.id === id);
    if (!build) return notFound(`Build '${id}'`);
    const action = match[2];
    if (method === 'GET' && action === undefined) {
      return json(200, build);
    }
    if (method === 'POST' && action === 'stop') {
      if (FINISHED.has(build.status)) {
        return json(409, { code: 'CONFLICT', message: `Build '${id}' has already finished (${build.status})`, details: [] });
      }
      build.status = 'STOPPED';
      build.endTime = new Date().toISOString();
      return json(200, build);
    }
    if (method === 'POST' && action === 'retry') {
      if (!FINISHED.has(build.status)) {
        return json(409, { code: 'CONFLICT', message: `Build '${id}' is still running`, details: [] });
      }
      return json(201, this.addBuild(build.project, { retryOf: build.id, sourceVersion: build.sourceVersion ?? null }));
    }
    if (method === 'GET' && (action === 'logs' || action === 'logs/tail')) {
      const log = this.logs.get(id);
      if (!log) return notFound(`The log of build '${id}'`);
      let from: number;
      let limit: number;
      if (action === 'logs') {
        from = Number(parameters.get('from') ?? '0');
        limit = Number(parameters.get('limit') ?? '1000');
      } else {
        limit = Number(parameters.get('lines') ?? '1000');
        from = Math.max(0, log.total - limit);
      }
      const end = Math.min(log.total, from + limit);
      const lines: string[] = [];
      for (let index = from; index < end; index++) lines.push(log.line(index));
      return json(200, { from, lines, next: Math.max(from, end), total: log.total, complete: log.complete });
    }
    return json(405, { code: 'NOT_SUPPORTED', message: `${method} ${path} is not allowed`, details: [] });
  }

  private addBuild(project: string, fields: Partial<BuildJson>): BuildJson {
    const number = 1 + Math.max(0, ...this.builds.filter((build) => build.project === project).map((build) => build.number));
    const build: BuildJson = {
      id: `${project}:new-${this.nextBuildId++}`,
      number,
      project,
      status: 'IN_PROGRESS',
      currentPhase: 'QUEUED',
      initiator: 'console',
      queuedAt: new Date().toISOString(),
      phases: [],
      ...fields,
    };
    this.builds.unshift(build);
    return build;
  }
}

function json(status: number, body: unknown): Response {
  if (status === 204) return new Response(null, { status });
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function paginate<T>(items: T[], parameters: URLSearchParams, field: string): Record<string, unknown> {
  const start = Number(parameters.get('cursor') ?? '0');
  const limit = Number(parameters.get('limit') ?? '50');
  const page = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : null;
  return { [field]: page, nextCursor: next };
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
