import { describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.js';

describe('newId', () => {
  it('gives prefixed, time-ordered ids, all different across refills of its random pool', () => {
    const seen = new Set<string>();
    // 4 KiB of random bytes serve 256 ids: this crosses several refills.
    for (let i = 0; i < 2000; i++) {
      const id = newId('invoice', 1_700_000_000_000 + i);
      expect(id).toMatch(/^inv_[0-9a-hjkmnp-tv-z]{26}$/);
      seen.add(id.slice(14));
    }
    // The random parts alone (80 bits each) never repeat.
    expect(seen.size).toBe(2000);
    expect(newId('invoice', 1) < newId('invoice', 2)).toBe(true);
  });
});
