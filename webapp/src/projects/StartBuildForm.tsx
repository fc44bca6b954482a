import { useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api/client';
import type { BuildJson, EnvironmentVariableJson, StartBuildJson } from '../api/types';
import { ErrorPanel } from '../components/ErrorPanel';

const VARIABLE_TYPES = [
  { value: 'PLAINTEXT', label: 'Plain text' },
  { value: 'PARAMETER_STORE', label: 'Parameter' },
  { value: 'SECRETS_MANAGER', label: 'Secret' },
];

interface VariableRow {
  key: number;
  name: string;
  value: string;
  type: string;
}

/** The start request from the form: empty fields are left out, so the project's settings apply. */
export function startRequest(sourceVersion: string, variables: readonly Omit<VariableRow, 'key'>[]): StartBuildJson {
  const request: StartBuildJson = {};
  if (sourceVersion.trim()) request.sourceVersion = sourceVersion.trim();
  const overrides: EnvironmentVariableJson[] = variables
    .filter((variable) => variable.name.trim())
    .map((variable) => ({ name: variable.name.trim(), value: variable.value, type: variable.type }));
  if (overrides.length > 0) request.environmentVariablesOverride = overrides;
  return request;
}

interface StartBuildFormProps {
  api: ApiClient;
  project: string;
  onStarted: (build: BuildJson) => void;
}

/**
 * Starts a build of the project, optionally with a source version and environment variable overrides (as
 * CodeBuild's StartBuild). Starting without opening the options uses the project's settings.
 */
export function StartBuildForm({ api, project, onStarted }: StartBuildFormProps) {
  const [open, setOpen] = useState(false);
  const [sourceVersion, setSourceVersion] = useState('');
  const [variables, setVariables] = useState<VariableRow[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  const start = async () => {
    setStarting(true);
    setError(undefined);
    try {
      const build = await api.startBuild(project, startRequest(sourceVersion, variables));
      onStarted(build);
    } catch (failure) {
      setError(ApiError.from(failure));
      setStarting(false);
    }
  };

  const update = (key: number, field: 'name' | 'value' | 'type', value: string) =>
    setVariables((current) => current.map((row) => (row.key === key ? { ...row, [field]: value } : row)));

  return (
    <form
      class="start-build"
      aria-label={`Start a build of ${project}`}
      data-testid="start-build-form"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <div class="start-build__actions">
        <button type="submit" class="button" data-testid="start-build" disabled={starting}>
          {starting ? 'Starting…' : 'Start build'}
        </button>
        <button
          type="button"
          class="button button--quiet"
          aria-expanded={open}
          aria-controls="start-build-options"
          data-testid="start-build-options-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide options' : 'Options…'}
        </button>
      </div>
      {open && (
        <fieldset class="start-build__options" id="start-build-options" data-testid="start-build-options">
          <legend class="visually-hidden">Build options</legend>
          <label class="field">
            <span class="field__label">Source version</span>
            <input
              class="input"
              type="text"
              name="sourceVersion"
              placeholder="the project's default"
              data-testid="start-source-version"
              value={sourceVersion}
              onInput={(event) => setSourceVersion(event.currentTarget.value)}
            />
            <span class="field__hint">A branch, tag or commit, as the project's source understands it.</span>
          </label>
          <div class="field">
            <span class="field__label" id="overrides-label">
              Environment variable overrides
            </span>
            {variables.length > 0 && (
              <table class="table table--compact" aria-labelledby="overrides-label">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Value</th>
                    <th scope="col">Type</th>
                    <th scope="col">
                      <span class="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {variables.map((row, index) => (
                    <tr key={row.key} data-testid="override-row">
                      <td>
                        <input
                          class="input"
                          aria-label={`Name of variable ${index + 1}`}
                          data-testid="override-name"
                          value={row.name}
                          onInput={(event) => update(row.key, 'name', event.currentTarget.value)}
                        />
                      </td>
                      <td>
                        <input
                          class="input"
                          aria-label={`Value of variable ${index + 1}`}
                          data-testid="override-value"
                          value={row.value}
                          onInput={(event) => update(row.key, 'value', event.currentTarget.value)}
                        />
                      </td>
                      <td>
                        <select
                          class="input"
                          aria-label={`Type of variable ${index + 1}`}
                          data-testid="override-type"
                          value={row.type}
                          onChange={(event) => update(row.key, 'type', event.currentTarget.value)}
                        >
                          {VARIABLE_TYPES.map((type) => (
                            <option key={type.value} value={type.value}>
                              {type.label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <button
                          type="button"
                          class="button button--quiet"
                          aria-label={`Remove variable ${index + 1}`}
                          onClick={() => setVariables((current) => current.filter((other) => other.key !== row.key))}
                        >
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div>
              <button
                type="button"
                class="button button--quiet"
                data-testid="override-add"
                onClick={() => {
                  setVariables((current) => [...current, { key: nextKey, name: '', value: '', type: 'PLAINTEXT' }]);
                  setNextKey(nextKey + 1);
                }}
              >
                Add variable
              </button>
            </div>
          </div>
        </fieldset>
      )}
      {error && <ErrorPanel title={`Could not start a build of ${project}`} error={error} onDismiss={() => setError(undefined)} />}
    </form>
  );
}
