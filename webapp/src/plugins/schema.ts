import type { ExtensionJson, JsonSchema } from '../api/types';

/** One configuration property as the schema table shows it. */
export interface ConfigRow {
  key: string;
  title?: string;
  /** A readable type: string, integer, boolean, duration, enum, list of string, … */
  type: string;
  /** Limits in words: pattern, range, allowed values. */
  constraints: string[];
  required: boolean;
  /** The default as text; absent when the property has none. */
  defaultValue?: string;
  description?: string;
  /** Write-only: the server never returns the value. */
  secret: boolean;
}

// x-slipway-type carries dev.slipway.api.config.PropertyType; it is more precise than the JSON Schema type.
const SLIPWAY_TYPE_LABELS: Record<string, string> = {
  STRING: 'string',
  // Secrets are strings; the table flags them with a badge of their own.
  SECRET: 'string',
  INTEGER: 'integer',
  BOOLEAN: 'boolean',
  DURATION: 'duration',
  ENUM: 'enum',
  STRING_LIST: 'list of string',
};

export function configRows(schema: JsonSchema | null | undefined): ConfigRow[] {
  const properties = schema?.properties ?? {};
  const required = new Set(schema?.required ?? []);
  return Object.entries(properties).map(([key, property]) => {
    const secret = isSecret(property);
    const row: ConfigRow = {
      key,
      type: typeLabel(property),
      constraints: constraints(property),
      required: required.has(key),
      secret,
    };
    if (property.title && property.title !== key) row.title = property.title;
    if (property.description) row.description = property.description;
    if (property.default !== undefined) row.defaultValue = secret ? 'hidden' : formatValue(property.default);
    return row;
  });
}

function isSecret(property: JsonSchema): boolean {
  return property['x-slipway-type'] === 'SECRET' || property.format === 'password' || property.writeOnly === true;
}

function isDuration(property: JsonSchema): boolean {
  return property['x-slipway-type'] === 'DURATION' || property.format === 'duration';
}

function typeLabel(property: JsonSchema): string {
  const slipwayType = property['x-slipway-type'];
  if (slipwayType) {
    return SLIPWAY_TYPE_LABELS[slipwayType] ?? slipwayType.toLowerCase().replace(/_/g, ' ');
  }
  if (property.enum) return 'enum';
  const type = Array.isArray(property.type) ? property.type.join(' | ') : property.type;
  if (type === 'array') {
    return property.items ? `list of ${typeLabel(property.items)}` : 'list';
  }
  if (isDuration(property)) return 'duration';
  return type ?? 'any';
}

function constraints(property: JsonSchema): string[] {
  const result: string[] = [];
  if (property.enum) {
    result.push(`one of ${property.enum.map(formatValue).join(', ')}`);
  }
  if (property.pattern) {
    result.push(`matches ${property.pattern}`);
  }
  // Bounds of a duration are in seconds (dev.slipway.api.config.ConfigProperty).
  const duration = isDuration(property);
  const unit = duration ? ' s' : '';
  const { minimum, maximum } = property;
  if (minimum !== undefined && maximum !== undefined) {
    result.push(`${minimum}${unit} to ${maximum}${unit}`);
  } else if (minimum !== undefined) {
    result.push(`at least ${minimum}${unit}`);
  } else if (maximum !== undefined) {
    result.push(`at most ${maximum}${unit}`);
  }
  if (duration) {
    result.push('e.g. 30s, 5m or PT30S');
  }
  return result;
}

export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : value.map(formatValue).join(', ');
  return JSON.stringify(value);
}

export interface ExtensionGroup {
  kind: string;
  label: string;
  extensions: ExtensionJson[];
}

// dev.slipway.api.ExtensionKind ids, in the order the API declares them.
const KIND_LABELS: Record<string, string> = {
  'source-provider': 'Source providers',
  executor: 'Executors',
  'artifact-store': 'Artifact stores',
  notifier: 'Notifiers',
  'approval-gate': 'Approval gates',
};
const KIND_ORDER = Object.keys(KIND_LABELS);

/** Groups extensions by kind: known kinds in API order, then kinds this console does not know, by name. */
export function groupByKind(extensions: readonly ExtensionJson[]): ExtensionGroup[] {
  const byKind = new Map<string, ExtensionJson[]>();
  for (const extension of extensions) {
    const group = byKind.get(extension.kind);
    if (group) {
      group.push(extension);
    } else {
      byKind.set(extension.kind, [extension]);
    }
  }
  const rank = (kind: string) => {
    const index = KIND_ORDER.indexOf(kind);
    return index === -1 ? KIND_ORDER.length : index;
  };
  return [...byKind.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([kind, group]) => ({ kind, label: KIND_LABELS[kind] ?? kind, extensions: group }));
}
