/**
 * Disagreement classes found by conformance:diff and fixed in the engine, one case each
 * (support/diff/regressions.ts, with the official EN 16931 verdict the reference gave: fatal
 * and warning ids and the schema verdict). Our verdict must be the same.
 * reference/regressions.test.ts checks those verdicts against the reference itself.
 */
import { describe, expect, it } from 'vitest';
import { judgeOurs } from '../support/diff/judges.js';
import { regressionCases } from '../support/diff/regressions.js';

describe('disagreement classes fixed (conformance:diff)', () => {
  it.each(regressionCases().map((c) => [c.name, c] as const))(
    '%s: our verdict is the official one',
    (_, c) => {
      const ours = judgeOurs(c.text);
      expect(ours.status).toBe('ok');
      expect({ fatal: ours.fatal, warning: ours.warning, xsdValid: ours.xsdValid }).toEqual(
        c.official,
      );
    },
  );
});
