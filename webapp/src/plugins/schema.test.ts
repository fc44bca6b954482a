import { describe, expect, it } from 'vitest';
import type { ExtensionJson, JsonSchema } from '../api/types';
import { configRows, groupByKind } from './schema';

// One property per PropertyType, as the contract maps them to JSON Schema.
const schema: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', description: 'A name', pattern: '^[a-z]+$', 'x-slipway-type': 'STRING' },
    password: {
      type: 'string',
      format: 'password',
      writeOnly: true,
      title: 'Password',
      description: 'Never shown',
      'x-slipway-type': 'SECRET',
    },
    slots: { type: 'integer', title: 'Slots', minimum: 1, maximum: 8, default: 2, 'x-slipway-type': 'INTEGER' },
    verbose: { type: 'boolean', title: 'Verbose', default: false, 'x-slipway-type': 'BOOLEAN' },
    timeout: { type: 'string', format: 'duration', title: 'Timeout', default: 'PT30S', 'x-slipway-type': 'DURATION' },
    mode: { type: 'string', enum: ['fast', 'safe'], title: 'Mode', default: 'safe', 'x-slipway-type': 'ENUM' },
    tags: {
      type: 'array',
      items: { type: 'string' },
      title: 'Tags',
      default: ['a', 'b'],
      'x-slipway-type': 'STRING_LIST',
    },
  },
  required: ['name', 'password'],
};

describe('configRows', () => {
  it('describes every property type readably, in schema order', () => {
    const rows = configRows(schema);

    expect(rows.map((row) => [row.key, row.type])).toEqual([
      ['name', 'string'],
      ['password', 'string'],
      ['slots', 'integer'],
      ['verbose', 'boolean'],
      ['timeout', 'duration'],
      ['mode', 'enum'],
      ['tags', 'list of string'],
    ]);
  });

  it('marks required properties and flags only secrets as secret', () => {
    const rows = configRows(schema);

    expect(rows.filter((row) => row.required).map((row) => row.key)).toEqual(['name', 'password']);
    expect(rows.filter((row) => row.secret).map((row) => row.key)).toEqual(['password']);
  });

  it('shows empty defaults visibly', () => {
    const rows = configRows({
      properties: { list: { type: 'array', default: [] }, text: { type: 'string', default: '' } },
    });

    expect(rows.map((row) => row.defaultValue)).toEqual(['[]', '""']);
  });

  it('shows defaults as text and leaves them out where there is none', () => {
    const byKey = Object.fromEntries(configRows(schema).map((row) => [row.key, row.defaultValue]));

    expect(byKey).toEqual({
      name: undefined,
      password: undefined,
      slots: '2',
      verbose: 'false',
      timeout: 'PT30S',
      mode: 'safe',
      tags: 'a, b',
    });
  });

  it('never shows the default of a secret', () => {
    const rows = configRows({
      properties: { token: { type: 'string', format: 'password', default: 'hunter2' } },
    });

    expect(rows[0]?.defaultValue).toBe('hidden');
    expect(rows[0]?.secret).toBe(true);
  });

  it('states pattern, range, allowed values and duration syntax as constraints', () => {
    const byKey = Object.fromEntries(configRows(schema).map((row) => [row.key, row.constraints]));

    expect(byKey['name']).toEqual(['matches ^[a-z]+$']);
    expect(byKey['slots']).toEqual(['1 to 8']);
    expect(byKey['mode']).toEqual(['one of fast, safe']);
    expect(byKey['timeout']).toEqual(['e.g. 30s, 5m or PT30S']);
  });

  it('keeps title and description, and drops a title that only repeats the key', () => {
    const rows = configRows({ properties: { url: { type: 'string', title: 'url', description: 'Where' } } });

    expect(rows[0]?.title).toBeUndefined();
    expect(rows[0]?.description).toBe('Where');
  });

  it('falls back to the JSON Schema type when x-slipway-type is absent', () => {
    const rows = configRows({
      properties: {
        hosts: { type: 'array', items: { type: 'string' } },
        wait: { type: 'string', format: 'duration' },
        port: { type: 'integer', minimum: 1 },
        anything: {},
      },
    });

    expect(rows.map((row) => row.type)).toEqual(['list of string', 'duration', 'integer', 'any']);
    expect(rows[2]?.constraints).toEqual(['at least 1']);
  });

  it('has no rows for a missing or empty schema', () => {
    expect(configRows(undefined)).toEqual([]);
    expect(configRows(null)).toEqual([]);
    expect(configRows({ type: 'object', properties: {} })).toEqual([]);
  });
});

describe('groupByKind', () => {
  const extension = (kind: string, id: string): ExtensionJson => ({ kind, id });

  it('groups extensions by kind, known kinds in API order and unknown kinds last', () => {
    const groups = groupByKind([
      extension('notifier', 'slack'),
      extension('zz-custom', 'thing'),
      extension('executor', 'local'),
      extension('notifier', 'email'),
      extension('source-provider', 'git'),
    ]);

    expect(groups.map((group) => [group.label, group.extensions.map((e) => e.id)])).toEqual([
      ['Source providers', ['git']],
      ['Executors', ['local']],
      ['Notifiers', ['slack', 'email']],
      ['zz-custom', ['thing']],
    ]);
  });
});
