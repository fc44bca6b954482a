// JSON shapes of the REST API (see the contracts between server and console). Optional fields may be absent
// or null, so every optional is typed as both.

/** `GET /api/v1/health` */
export interface HealthJson {
  status: string;
  version: string;
  startedAt?: string | null;
  uptimeSeconds?: number | null;
  database?: { status: string; product?: string | null; version?: string | null } | null;
  plugins?: { total: number; started: number; failed: number; states?: Record<string, string> } | null;
}

/**
 * The plugin states of the contract. `PluginJson.state` stays a string: a newer server may send a state this
 * console does not know yet, and the page must still show it.
 */
export const PLUGIN_STATES = [
  'CREATED',
  'DISABLED',
  'RESOLVED',
  'STARTED',
  'STOPPED',
  'FAILED',
  'UNLOADED',
] as const;

export interface PluginErrorJson {
  message: string;
  details?: string[] | null;
}

/** The subset of JSON Schema that the server emits for an extension's configuration. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  items?: JsonSchema;
  default?: unknown;
  writeOnly?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  'x-slipway-type'?: string;
}

export interface ExtensionJson {
  kind: string;
  id: string;
  displayName?: string | null;
  description?: string | null;
  configSchema?: JsonSchema | null;
}

export interface PluginJson {
  id: string;
  version: string;
  state: string;
  description?: string | null;
  provider?: string | null;
  requires?: string | null;
  path?: string | null;
  error?: PluginErrorJson | null;
  extensions?: ExtensionJson[] | null;
}

/** `GET /api/v1/plugins` */
export interface PluginListJson {
  plugins: PluginJson[];
}

/** The body of every error response. */
export interface ErrorJson {
  code: string;
  message: string;
  details?: string[] | null;
}

// Build service (issue #4): projects, builds, logs and build events.

export interface SourceJson {
  /** A source provider factory id (`directory`, later `git`), or `none` for an inline buildspec only. */
  type: string;
  config?: Record<string, unknown> | null;
}

/** Where the buildspec comes from: a path in the source, or inline YAML. */
export interface BuildspecLocationJson {
  path?: string | null;
  inline?: string | null;
}

export interface EnvironmentVariableJson {
  name: string;
  value: string;
  /** PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER; for the last two `value` is a reference, not the secret. */
  type: string;
}

export interface ProjectEnvironmentJson {
  executor: string;
  image?: string | null;
  computeType?: string | null;
  privilegedMode?: boolean | null;
  variables?: EnvironmentVariableJson[] | null;
}

export interface ProjectArtifactsJson {
  store?: string | null;
  packaging?: string | null;
  overrideArtifactName?: boolean | null;
  secondary?: { identifier: string; packaging?: string | null }[] | null;
}

export interface ProjectCacheJson {
  /** NO_CACHE or STORE */
  type: string;
  store?: string | null;
}

/** `GET /api/v1/projects/{name}` */
export interface ProjectJson {
  name: string;
  description?: string | null;
  source: SourceJson;
  buildspec?: BuildspecLocationJson | null;
  environment: ProjectEnvironmentJson;
  artifacts?: ProjectArtifactsJson | null;
  cache?: ProjectCacheJson | null;
  timeoutInMinutes?: number | null;
  queuedTimeoutInMinutes?: number | null;
  concurrentBuildLimit?: number | null;
  serviceRole?: string | null;
  badgeEnabled?: boolean | null;
  createdAt?: string | null;
  updatedAt?: string | null;
  version?: number | null;
}

/** `GET /api/v1/projects` */
export interface ProjectListJson {
  projects: ProjectJson[];
  nextCursor?: string | null;
}

/** The build statuses of the contract; `BuildJson.status` stays a string for the same reason as plugin states. */
export const BUILD_STATUSES = ['IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'FAULT', 'TIMED_OUT', 'STOPPED'] as const;

export interface PhaseContextJson {
  statusCode?: string | null;
  message?: string | null;
}

export interface PhaseJson {
  /** SUBMITTED, QUEUED, PROVISIONING, DOWNLOAD_SOURCE, INSTALL, PRE_BUILD, BUILD, POST_BUILD, UPLOAD_ARTIFACTS, FINALIZING, COMPLETED */
  type: string;
  /** Absent while the phase runs. */
  status?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  durationMillis?: number | null;
  contexts?: PhaseContextJson[] | null;
}

export interface BuildArtifactJson {
  identifier?: string | null;
  location?: string | null;
  sha256?: string | null;
  size?: number | null;
  name?: string | null;
}

/** A report group's summary: test reports count test cases, coverage reports give percentages. */
export interface ReportSummaryJson {
  group: string;
  /** TEST or CODE_COVERAGE */
  type?: string | null;
  format?: string | null;
  status?: string | null;
  total?: number | null;
  passed?: number | null;
  failed?: number | null;
  skipped?: number | null;
  lineCoverage?: number | null;
  branchCoverage?: number | null;
}

export interface BuildCacheJson {
  key?: string | null;
  hit?: boolean | null;
  matchedKey?: string | null;
  sizeBytes?: number | null;
}

/** `GET /api/v1/builds/{id}` */
export interface BuildJson {
  /** `<project>:<uuid>` */
  id: string;
  arn?: string | null;
  number: number;
  project: string;
  status: string;
  currentPhase?: string | null;
  initiator?: string | null;
  retryOf?: string | null;
  priority?: number | null;
  sourceVersion?: string | null;
  resolvedSourceVersion?: string | null;
  queuedAt?: string | null;
  startTime?: string | null;
  endTime?: string | null;
  waitReason?: string | null;
  phases?: PhaseJson[] | null;
  environment?: Omit<ProjectEnvironmentJson, 'variables'> | null;
  exportedVariables?: { name: string; value: string }[] | null;
  artifacts?: { primary?: BuildArtifactJson | null; secondary?: BuildArtifactJson[] | null } | null;
  reports?: ReportSummaryJson[] | null;
  cache?: BuildCacheJson | null;
  logs?: { lines?: number | null; bytes?: number | null; href?: string | null } | null;
  timeoutInMinutes?: number | null;
  queuedTimeoutInMinutes?: number | null;
  /** The batch this build is a child of; null for a build started on its own. */
  batchId?: string | null;
  /** Its task's identifier in the batch (`CODEBUILD_BATCH_BUILD_IDENTIFIER`). */
  batchBuildIdentifier?: string | null;
}

/** One task of a batch build and the child build that ran it. */
export interface BuildGroupJson {
  identifier: string;
  ignoreFailure?: boolean | null;
  /** Null while the task has not started, or if it did not run (see notRunReason). */
  buildId?: string | null;
  buildStatus?: string | null;
  notRunReason?: string | null;
}

/** `GET /api/v1/build-batches/{id}` */
export interface BatchJson {
  id: string;
  number: number;
  project: string;
  /** IN_PROGRESS, SUCCEEDED, FAILED or STOPPED */
  status: string;
  currentPhase?: string | null;
  initiator?: string | null;
  retryCount?: number | null;
  startTime?: string | null;
  endTime?: string | null;
  buildGroups?: BuildGroupJson[] | null;
  builds?: string[] | null;
}

/** `GET /api/v1/builds` and `GET /api/v1/projects/{name}/builds` */
export interface BuildListJson {
  builds: BuildJson[];
  nextCursor?: string | null;
}

/** The body of `POST /api/v1/projects/{name}/builds`; every field is optional. */
export interface StartBuildJson {
  sourceVersion?: string;
  environmentVariablesOverride?: EnvironmentVariableJson[];
  buildspecOverride?: string;
  timeoutInMinutesOverride?: number;
  queuedTimeoutInMinutesOverride?: number;
  priority?: number;
  idempotencyToken?: string;
}

/** `GET /api/v1/builds/{id}/logs?from=&limit=` and `…/logs/tail?lines=`; line numbers are 0-based. */
export interface LogSliceJson {
  from: number;
  lines: string[];
  /** The line after the last one returned. */
  next: number;
  /** Lines in the log now. */
  total: number;
  /** True once the build has ended and nothing more will be written. */
  complete: boolean;
}

/** The data of every event of `GET /api/v1/events`. */
export interface BuildEventJson {
  id?: string | null;
  type: string;
  time?: string | null;
  buildId: string;
  project: string;
  buildStatus?: string | null;
  currentPhase?: string | null;
  phase?: string | null;
  phaseStatus?: string | null;
}

/** The event names of `GET /api/v1/events` (CodeStar notification event type ids). */
export const BUILD_EVENT_TYPES = [
  'codebuild-project-build-state-in-progress',
  'codebuild-project-build-state-succeeded',
  'codebuild-project-build-state-failed',
  'codebuild-project-build-state-stopped',
  'codebuild-project-build-phase-success',
  'codebuild-project-build-phase-failure',
] as const;
