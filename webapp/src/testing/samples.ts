import type { BuildJson, ProjectJson } from '../api/types';

/** A project with every section filled, as the contract shows it. */
export function sampleProject(name = 'web', fields: Partial<ProjectJson> = {}): ProjectJson {
  return {
    name,
    description: 'Front end',
    source: { type: 'directory', config: { path: '/srv/web' } },
    buildspec: { path: 'buildspec.yml' },
    environment: {
      executor: 'local',
      image: null,
      computeType: 'BUILD_GENERAL1_SMALL',
      privilegedMode: false,
      variables: [
        { name: 'STAGE', value: 'prod', type: 'PLAINTEXT' },
        { name: 'DB_PASSWORD', value: '/prod/db/password', type: 'PARAMETER_STORE' },
      ],
    },
    artifacts: { store: 'default', packaging: 'ZIP', overrideArtifactName: false, secondary: [{ identifier: 'docs', packaging: 'ZIP' }] },
    cache: { type: 'NO_CACHE' },
    timeoutInMinutes: 60,
    queuedTimeoutInMinutes: 480,
    concurrentBuildLimit: null,
    serviceRole: null,
    badgeEnabled: false,
    createdAt: '2026-11-26T10:00:00Z',
    updatedAt: '2026-11-26T11:00:00Z',
    version: 3,
    ...fields,
  };
}

/** A build that failed in BUILD after 2 min 5 s, with artifacts, a report, a cache hit and exported variables. */
export function failedBuild(fields: Partial<BuildJson> = {}): BuildJson {
  return {
    id: 'web:6f1c0000-0000-0000-0000-000000000012',
    arn: 'arn:aws:codebuild:local:000000000000:build/web:6f1c0000-0000-0000-0000-000000000012',
    number: 12,
    project: 'web',
    status: 'FAILED',
    currentPhase: 'COMPLETED',
    initiator: 'alice',
    retryOf: null,
    priority: 0,
    sourceVersion: 'main',
    resolvedSourceVersion: '9fceb02d0ae598e95dc970b74767f19372d61af8',
    queuedAt: '2026-11-26T12:00:00Z',
    startTime: '2026-11-26T12:00:01Z',
    endTime: '2026-11-26T12:02:06Z',
    waitReason: null,
    phases: [
      phase('SUBMITTED', '2026-11-26T12:00:00.000Z', '2026-11-26T12:00:00.003Z'),
      phase('QUEUED', '2026-11-26T12:00:00.003Z', '2026-11-26T12:00:01.000Z'),
      {
        ...phase('PROVISIONING', '2026-11-26T12:00:01.000Z', '2026-11-26T12:00:01.050Z'),
        contexts: [{ statusCode: 'EXECUTOR', message: "environment provisioned by executor 'local'" }],
      },
      phase('DOWNLOAD_SOURCE', '2026-11-26T12:00:01.050Z', '2026-11-26T12:00:03.000Z'),
      phase('INSTALL', '2026-11-26T12:00:03.000Z', '2026-11-26T12:00:33.000Z'),
      phase('PRE_BUILD', '2026-11-26T12:00:33.000Z', '2026-11-26T12:00:35.000Z'),
      {
        ...phase('BUILD', '2026-11-26T12:00:35.000Z', '2026-11-26T12:02:00.000Z'),
        status: 'FAILED',
        contexts: [
          {
            statusCode: 'COMMAND_EXECUTION_ERROR',
            message: 'Error while executing command: make. Reason: exit status 2',
          },
        ],
      },
      phase('POST_BUILD', '2026-11-26T12:02:00.000Z', '2026-11-26T12:02:01.000Z'),
      phase('UPLOAD_ARTIFACTS', '2026-11-26T12:02:01.000Z', '2026-11-26T12:02:05.000Z'),
      phase('FINALIZING', '2026-11-26T12:02:05.000Z', '2026-11-26T12:02:06.000Z'),
      { type: 'COMPLETED', status: null, startTime: '2026-11-26T12:02:06.000Z', endTime: null, durationMillis: null, contexts: [] },
    ],
    environment: { executor: 'local', image: null, computeType: 'BUILD_GENERAL1_SMALL', privilegedMode: false },
    exportedVariables: [{ name: 'VERSION', value: '1.2.3' }],
    artifacts: {
      primary: { identifier: null, location: 'file:///srv/slipway/artifacts/web/12/web.zip', sha256: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12', size: 1_572_864, name: 'web' },
      secondary: [{ identifier: 'docs', location: 'file:///srv/slipway/artifacts/web/12/docs.zip', sha256: 'ff00', size: 99, name: 'docs' }],
    },
    reports: [
      { group: 'web-unit', type: 'TEST', status: 'FAILED', total: 10, passed: 9, failed: 1, skipped: 0 },
      { group: 'web-coverage', type: 'CODE_COVERAGE', status: 'SUCCEEDED', lineCoverage: 85.24, branchCoverage: null },
    ],
    cache: { key: 'npm-abc', hit: true, matchedKey: 'npm-abc', sizeBytes: 12_345 },
    logs: { lines: 120, bytes: 4567, href: '/api/v1/builds/web:6f1c0000-0000-0000-0000-000000000012/logs' },
    timeoutInMinutes: 60,
    queuedTimeoutInMinutes: 480,
    ...fields,
  };
}

/** A build in its BUILD phase, started `startedSecondsAgo` before `now`. */
export function runningBuild(now: number, fields: Partial<BuildJson> = {}, startedSecondsAgo = 30): BuildJson {
  const start = new Date(now - startedSecondsAgo * 1000).toISOString();
  const queued = new Date(now - (startedSecondsAgo + 1) * 1000).toISOString();
  const buildStart = new Date(now - 10_000).toISOString();
  return {
    id: 'web:7a2b0000-0000-0000-0000-000000000013',
    number: 13,
    project: 'web',
    status: 'IN_PROGRESS',
    currentPhase: 'BUILD',
    initiator: 'bob',
    sourceVersion: 'feature/x',
    resolvedSourceVersion: null,
    queuedAt: queued,
    startTime: start,
    endTime: null,
    phases: [
      phase('SUBMITTED', queued, queued),
      phase('QUEUED', queued, start),
      phase('PROVISIONING', start, start),
      phase('INSTALL', start, buildStart),
      { type: 'BUILD', status: null, startTime: buildStart, endTime: null, durationMillis: null, contexts: [] },
    ],
    environment: { executor: 'local', computeType: 'BUILD_GENERAL1_SMALL' },
    exportedVariables: [],
    artifacts: null,
    reports: [],
    cache: null,
    logs: { lines: 3, bytes: 30 },
    ...fields,
  };
}

function phase(type: string, start: string, end: string) {
  return {
    type,
    status: 'SUCCEEDED',
    startTime: start,
    endTime: end,
    durationMillis: Date.parse(end) - Date.parse(start),
    contexts: [],
  };
}
