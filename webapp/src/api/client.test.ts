import { describe, expect, it } from 'vitest';
import { ApiError, buildPath, createApiClient, pathSegment, projectPath, type FetchFunction } from './client';

function answering(status: number, body: string, statusText = ''): { fetch: FetchFunction; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${input}`);
      return new Response(body, { status, statusText });
    },
  };
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the call to fail');
}

describe('createApiClient', () => {
  it('turns an API error body into an ApiError with status, code, message and details', async () => {
    const server = answering(
      409,
      JSON.stringify({ code: 'CONFLICT', message: "Plugin 'x' is not started", details: ['state: STOPPED'] }),
    );

    const error = await failureOf(createApiClient(server.fetch).pluginAction('x', 'stop'));

    expect(error.status).toBe(409);
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe("Plugin 'x' is not started");
    expect(error.details).toEqual(['state: STOPPED']);
  });

  it('reports an error response that is not an API error body by its HTTP status and an excerpt', async () => {
    const server = answering(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'Bad Gateway');

    const error = await failureOf(createApiClient(server.fetch).listPlugins());

    expect(error.code).toBe('HTTP_502');
    expect(error.message).toBe('The server answered 502 Bad Gateway');
    expect(error.details).toEqual(['<html><body><h1>502 Bad Gateway</h1></body></html>']);
  });

  it('reports a server that cannot be reached as UNREACHABLE with status 0', async () => {
    const fetch: FetchFunction = async () => {
      throw new TypeError('Failed to fetch');
    };

    const error = await failureOf(createApiClient(fetch).health());

    expect(error.status).toBe(0);
    expect(error.code).toBe('UNREACHABLE');
    expect(error.message).toContain('GET /api/v1/health');
    expect(error.message).toContain('Failed to fetch');
  });

  it('reads the health body of a 503, which is how a DOWN server answers', async () => {
    const server = answering(503, JSON.stringify({ status: 'DOWN', version: '0.1.0' }), 'Service Unavailable');

    const health = await createApiClient(server.fetch).health();

    expect(health.status).toBe('DOWN');
  });

  it('treats a 503 without a health body as an error', async () => {
    const server = answering(503, 'Service Unavailable', 'Service Unavailable');

    const error = await failureOf(createApiClient(server.fetch).health());

    expect(error.code).toBe('HTTP_503');
  });

  it('rejects a success response whose body is not JSON', async () => {
    const server = answering(200, '<!doctype html><title>Slipway</title>');

    const error = await failureOf(createApiClient(server.fetch).health());

    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('not JSON');
  });

  it('rejects a plugin list without a plugins array', async () => {
    const server = answering(200, JSON.stringify({ items: [] }));

    const error = await failureOf(createApiClient(server.fetch).listPlugins());

    expect(error.code).toBe('INVALID_RESPONSE');
  });

  it('calls the lifecycle endpoints of the contract, with the plugin id encoded', async () => {
    const server = answering(200, JSON.stringify({ id: 'a b', version: '1', state: 'STOPPED' }));
    const api = createApiClient(server.fetch);

    await api.pluginAction('a b', 'stop');
    await api.pluginAction('a b', 'start');
    await api.pluginAction('a b', 'unload');
    await api.pluginAction('a b', 'load');

    expect(server.calls).toEqual([
      'POST /api/v1/plugins/a%20b/stop',
      'POST /api/v1/plugins/a%20b/start',
      'DELETE /api/v1/plugins/a%20b',
      'POST /api/v1/plugins/a%20b/load',
    ]);
  });

  it('returns the plugins of the list response', async () => {
    const server = answering(200, JSON.stringify({ plugins: [{ id: 'p', version: '1', state: 'STARTED' }] }));

    const plugins = await createApiClient(server.fetch).listPlugins();

    expect(plugins.map((plugin) => plugin.id)).toEqual(['p']);
  });
});

describe('ApiError.from', () => {
  it('keeps an ApiError and wraps anything else with its message', () => {
    const original = new ApiError(404, 'NOT_FOUND', 'gone');

    expect(ApiError.from(original)).toBe(original);
    expect(ApiError.from(new Error('broken')).message).toBe('broken');
    expect(ApiError.from('text').message).toBe('text');
  });

  it('builds list URLs with only the filters that are set, and keeps the colon of build ids', async () => {
    const server = answering(200, JSON.stringify({ builds: [], nextCursor: null }));
    const client = createApiClient(server.fetch);

    await client.listBuilds({ project: 'web', status: '', limit: 20, cursor: 'c 1' });
    await client.listBuilds();
    await client.getBuild('web:6f1c').catch(() => undefined);
    await client.logRange('web:6f1c', 1000, 500).catch(() => undefined);
    await client.logTail('web:6f1c', 200).catch(() => undefined);
    await client.stopBuild('web/x:1').catch(() => undefined);

    expect(server.calls).toEqual([
      'GET /api/v1/builds?project=web&limit=20&cursor=c+1',
      'GET /api/v1/builds',
      'GET /api/v1/builds/web:6f1c',
      'GET /api/v1/builds/web:6f1c/logs?from=1000&limit=500',
      'GET /api/v1/builds/web:6f1c/logs/tail?lines=200',
      'POST /api/v1/builds/web%2Fx:1/stop',
    ]);
    expect(client.logDownloadUrl('web:6f1c')).toBe('/api/v1/builds/web:6f1c/logs/download');
  });

  it('sends a build start as JSON', async () => {
    const requests: RequestInit[] = [];
    const client = createApiClient(async (_input, init) => {
      requests.push(init ?? {});
      return new Response(JSON.stringify({ id: 'web:1', number: 1, project: 'web', status: 'IN_PROGRESS' }), { status: 201 });
    });

    const build = await client.startBuild('web', { sourceVersion: 'main' });

    expect(build.id).toBe('web:1');
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.body).toBe('{"sourceVersion":"main"}');
    expect(requests[0]?.headers).toMatchObject({ 'Content-Type': 'application/json' });
  });

  it('rejects a list answer without its array', async () => {
    const error = await failureOf(createApiClient(answering(200, '{"items": []}').fetch).listProjects());

    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('"projects"');
  });

  it('opens the log stream from a line and the build events with their event names', () => {
    const opened: [string, readonly string[]][] = [];
    const client = createApiClient(answering(200, '{}').fetch, (url, types) => {
      opened.push([url, types]);
      return { close: () => {} };
    });

    client.followLog('web:6f1c', 42, { onEvent: () => {} });
    client.followBuildEvents({ onEvent: () => {} });

    expect(opened[0]).toEqual(['/api/v1/builds/web:6f1c/logs/stream?from=42', ['line', 'end']]);
    expect(opened[1]?.[0]).toBe('/api/v1/events');
    expect(opened[1]?.[1]).toContain('codebuild-project-build-state-succeeded');
    expect(opened[1]?.[1]).toContain('codebuild-project-build-phase-failure');
  });
});

describe('paths', () => {
  it('keep colons readable and escape everything else', () => {
    expect(buildPath('web:6f1c')).toBe('/builds/web:6f1c');
    expect(projectPath('my project')).toBe('/projects/my%20project');
    expect(pathSegment('a:b/c?d')).toBe('a:b%2Fc%3Fd');
  });
});
