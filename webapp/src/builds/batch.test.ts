import { describe, expect, it } from 'vitest';
import { batchRows } from './batch';

describe('batchRows', () => {
  it('gives each task its build status, or why it did not run once the batch has ended', () => {
    const rows = batchRows({
      status: 'FAILED',
      buildGroups: [
        { identifier: 'compile', buildId: 'web:1', buildStatus: 'FAILED' },
        { identifier: 'lint', ignoreFailure: true, buildId: 'web:2', buildStatus: 'FAILED' },
        { identifier: 'deploy', notRunReason: 'its dependency compile did not succeed' },
      ],
    });

    expect(rows).toEqual([
      { identifier: 'compile', status: 'FAILED', buildId: 'web:1' },
      { identifier: 'lint', status: 'FAILED', buildId: 'web:2', note: 'ignore-failure' },
      { identifier: 'deploy', status: 'NOT_RUN', note: 'not run: its dependency compile did not succeed' },
    ]);
  });

  it('shows a task without a build as pending while the batch runs, and a build without a status as in progress', () => {
    const rows = batchRows({
      status: 'IN_PROGRESS',
      buildGroups: [{ identifier: 'later' }, { identifier: 'now', buildId: 'web:3' }],
    });

    expect(rows.map((row) => row.status)).toEqual(['PENDING', 'IN_PROGRESS']);
  });

  it('has no rows before the batchspec was read', () => {
    expect(batchRows({ status: 'IN_PROGRESS', buildGroups: null })).toEqual([]);
  });
});
