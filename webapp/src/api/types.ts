// JSON shapes of the REST API (see the contracts between server and console). Optional fields may be absent
// or null, so every optional is typed as both.

/** `GET /api/v1/health` */
export interface HealthJson {
  status: string;
  version: string;
  startedAt?: string | null;
  uptimeSeconds?: number | null;
  database?: { status: string; product?: string | null; version?: string | null } | null;
  plugins?: { total: number; started: number; failed: number } | null;
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
