import type { JsonSchema } from '../api/types';
import { configRows } from './schema';

interface ConfigSchemaTableProps {
  schema: JsonSchema | null | undefined;
  /** Names the table for assistive technology, e.g. "Configuration of Filesystem". */
  label: string;
}

export function ConfigSchemaTable({ schema, label }: ConfigSchemaTableProps) {
  const rows = configRows(schema);
  if (rows.length === 0) {
    return (
      <p class="muted" data-testid="config-schema-empty">
        No configuration.
      </p>
    );
  }
  return (
    <table class="schema" aria-label={label} data-testid="config-schema">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
          <th scope="col">Default</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid="config-property" data-key={row.key}>
            <th scope="row" class="schema__key">
              <code>{row.key}</code>
              {row.title && <div class="schema__title">{row.title}</div>}
            </th>
            <td class="schema__type">
              <span>{row.type}</span>
              {row.secret && (
                <span class="badge badge--secret" data-testid="secret" title="Write-only: the value is never shown">
                  secret
                </span>
              )}
              {row.constraints.map((constraint) => (
                <div class="schema__constraint" key={constraint}>
                  {constraint}
                </div>
              ))}
            </td>
            <td class="schema__required">{row.required ? 'yes' : 'no'}</td>
            <td class="schema__default">
              {row.defaultValue === undefined ? <span class="muted">—</span> : <code>{row.defaultValue}</code>}
            </td>
            <td class="schema__description">{row.description ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
