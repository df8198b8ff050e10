import { describe, expect, it } from 'vitest';
import { LargeBodyGate } from '../../src/http/large-body-gate.js';
import { AppError } from '../../src/lib/errors.js';

describe('the large-body gate', () => {
  it('lets `slots` in at once, queues the next ones in order, refuses beyond the queue', async () => {
    const gate = new LargeBodyGate({ slots: 2, queue: 2, waitMs: 5_000 });
    const a = await gate.enter();
    const b = await gate.enter();
    expect(gate.inUse).toBe(2);
    const order: string[] = [];
    const c = gate.enter().then((release) => (order.push('c'), release));
    const d = gate.enter().then((release) => (order.push('d'), release));
    const e = await gate.enter().catch((error: unknown) => error);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('UNAVAILABLE');
    a();
    a(); // a second call frees nothing more
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect(gate.inUse).toBe(2);
    b();
    const releaseD = await d;
    expect(order).toEqual(['c', 'd']);
    releaseC();
    releaseD();
    expect(gate.inUse).toBe(0);
  });

  it('a caller waiting too long gets a 503 and leaves the queue', async () => {
    const gate = new LargeBodyGate({ slots: 1, queue: 1, waitMs: 50 });
    const a = await gate.enter();
    const late = await gate.enter().catch((error: unknown) => error);
    expect((late as AppError).code).toBe('UNAVAILABLE');
    a();
    expect(gate.inUse).toBe(0);
    const again = await gate.enter();
    expect(gate.inUse).toBe(1);
    again();
  });
});
