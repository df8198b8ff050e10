import { describe, expect, it } from 'vitest';
import { faultOf } from '../../src/lib/faults.js';

/** An error as the drivers throw them: a message and own properties. */
const error = (message: string, props: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), props);

describe('faultOf: faults of what the server stands on, told from bugs', () => {
  it('names an unreachable database', () => {
    expect(faultOf(error('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }))).toBe(
      'UNAVAILABLE',
    );
    expect(faultOf(error('read ECONNRESET', { code: 'ECONNRESET' }))).toBe('UNAVAILABLE');
    expect(faultOf(error('Connection terminated unexpectedly'))).toBe('UNAVAILABLE');
    expect(faultOf(error('timeout exceeded when trying to connect'))).toBe('UNAVAILABLE');
    // PostgreSQL shutting down or starting: admin_shutdown, cannot_connect_now; class 08.
    expect(
      faultOf(error('terminating connection due to administrator command', { code: '57P01' })),
    ).toBe('UNAVAILABLE');
    expect(faultOf(error('the database system is starting up', { code: '57P03' }))).toBe(
      'UNAVAILABLE',
    );
    expect(faultOf(error('connection failure', { code: '08006' }))).toBe('UNAVAILABLE');
  });

  it('names a full disk, from the database or the file system, also as a cause', () => {
    expect(
      faultOf(
        error('could not extend file "base/5/17343": No space left on device', { code: '53100' }),
      ),
    ).toBe('STORAGE_FULL');
    expect(faultOf(error('ENOSPC: no space left on device, write', { code: 'ENOSPC' }))).toBe(
      'STORAGE_FULL',
    );
    expect(
      faultOf(new Error('storing the flow failed', { cause: error('x', { code: 'EDQUOT' }) })),
    ).toBe('STORAGE_FULL');
  });

  it('leaves everything else alone: bugs and refusals stay what they are', () => {
    expect(faultOf(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      undefined,
    );
    expect(
      faultOf(error('duplicate key value violates unique constraint', { code: '23505' })),
    ).toBe(undefined);
    expect(faultOf(error('canceling statement due to statement timeout', { code: '57014' }))).toBe(
      undefined,
    );
    expect(faultOf(error('out of memory', { code: '53200' }))).toBe(undefined);
    expect(faultOf('a string')).toBe(undefined);
    expect(faultOf(undefined)).toBe(undefined);
    // A cycle of causes ends.
    const a = error('a');
    const b = error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(faultOf(a)).toBe(undefined);
  });
});
