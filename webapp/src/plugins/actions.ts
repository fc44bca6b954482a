import type { PluginAction } from '../api/client';

export interface ActionLabels {
  /** The button's text. */
  label: string;
  /** Shown on the button while the call runs. */
  running: string;
  /** Announced when the call succeeded. */
  done: string;
}

export const ACTION_LABELS: Record<PluginAction, ActionLabels> = {
  stop: { label: 'Stop', running: 'Stopping…', done: 'stopped' },
  start: { label: 'Start', running: 'Starting…', done: 'started' },
  unload: { label: 'Unload', running: 'Unloading…', done: 'unloaded' },
  load: { label: 'Load', running: 'Loading…', done: 'loaded' },
};

/**
 * The lifecycle actions that make sense in a state. Unloading is offered in every loaded state (the server
 * stops a started plugin first); an unloaded plugin can only be loaded again. Starting a FAILED plugin retries
 * it; starting a DISABLED one enables it, as PF4J does on a manual start. A state this console does not know
 * offers every action and lets the server decide.
 */
export function availableActions(state: string): PluginAction[] {
  switch (state) {
    case 'STARTED':
      return ['stop', 'unload'];
    case 'CREATED':
    case 'DISABLED':
    case 'RESOLVED':
    case 'STOPPED':
    case 'FAILED':
      return ['start', 'unload'];
    case 'UNLOADED':
      return ['load'];
    default:
      return ['stop', 'start', 'unload', 'load'];
  }
}
