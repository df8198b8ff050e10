/**
 * The official verdicts of the regression cases (support/diff/regressions.ts) are the
 * reference's own: run en16931-reference on them. Needs Java and Saxon-HE (the einvoice-tools
 * tier); without them the test is skipped on a developer's machine and fails under CI=true.
 */
import { describe, expect, it } from 'vitest';
import { judgeOfficial, referenceMissing } from '../../support/diff/judges.js';
import { regressionCases } from '../../support/diff/regressions.js';

const missing = referenceMissing();

describe.runIf(missing === null || process.env.CI === 'true')('regression cases', () => {
  it('carry the verdicts the official reference gives', () => {
    expect(missing).toBeNull();
    const cases = regressionCases();
    const official = judgeOfficial(cases.map((c) => c.text));
    const got = cases.map((c, i) => {
      const o = official[i]!;
      return { name: c.name, fatal: [...o.fatal].sort(), warning: o.warning, xsdValid: o.xsdValid };
    });
    expect(got).toEqual(cases.map((c) => ({ name: c.name, ...c.official })));
  }, 120_000);
});
