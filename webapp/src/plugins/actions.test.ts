import { describe, expect, it } from 'vitest';
import { PLUGIN_STATES } from '../api/types';
import { availableActions } from './actions';

describe('availableActions', () => {
  it('offers stop and unload for a started plugin', () => {
    expect(availableActions('STARTED')).toEqual(['stop', 'unload']);
  });

  it('offers start and unload for a plugin that is loaded but not running', () => {
    for (const state of ['CREATED', 'DISABLED', 'RESOLVED', 'STOPPED', 'FAILED']) {
      expect(availableActions(state), state).toEqual(['start', 'unload']);
    }
  });

  it('offers only load for an unloaded plugin', () => {
    expect(availableActions('UNLOADED')).toEqual(['load']);
  });

  it('offers at least one action in every state of the contract', () => {
    for (const state of PLUGIN_STATES) {
      expect(availableActions(state).length, state).toBeGreaterThan(0);
    }
  });

  it('lets the server decide for a state it does not know', () => {
    expect(availableActions('UPGRADING')).toEqual(['stop', 'start', 'unload', 'load']);
  });
});
