import type { BatchJson, BuildGroupJson } from '../api/types';

/** One row of a batch's children table. */
export interface BatchRow {
  identifier: string;
  /** The child build's status; NOT_RUN when the task did not run, PENDING when it has not started yet. */
  status: string;
  buildId?: string;
  note?: string;
}

/** The batch's tasks as rows: a task with a build shows the build's status, one without says why. */
export function batchRows(batch: Pick<BatchJson, 'status' | 'buildGroups'>): BatchRow[] {
  return (batch.buildGroups ?? []).map((group: BuildGroupJson) => {
    const notes: string[] = [];
    if (group.ignoreFailure) notes.push('ignore-failure');
    if (group.buildId) {
      return {
        identifier: group.identifier,
        status: group.buildStatus ?? 'IN_PROGRESS',
        buildId: group.buildId,
        ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
      };
    }
    if (group.notRunReason) notes.push(`not run: ${group.notRunReason}`);
    return {
      identifier: group.identifier,
      status: batch.status === 'IN_PROGRESS' ? 'PENDING' : 'NOT_RUN',
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    };
  });
}

/** A batch that has ended no longer changes. */
export function isBatchFinished(status: string): boolean {
  return status !== 'IN_PROGRESS';
}
