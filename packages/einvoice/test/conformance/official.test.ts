/**
 * The official EN 16931 conformance material (release 1.3.16, in ../shared/conformance):
 * - every unit case must agree on every rule in its scope (success: must not fire; error:
 *   must fire as fatal; warning: must fire as warning);
 * - every example must give exactly the expected fatal and warning sets;
 * - every Factur-X XML sample must give the official verdict (the EN 16931 rule sets fired,
 *   or "not an invoice" for ZUGFeRD 1.0 and Order-X).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate.js';
import { ruleFlags } from '../../src/rules/catalogue.js';
import { sharedMaterial } from '../support/shared-material.js';

const shared = join(import.meta.dirname, '../../../../../shared/conformance');
const root = join(shared, 'en16931');

interface UnitCase {
  file: string;
  scope: string[];
  success: string[];
  error: string[];
  warning: string[];
  description: string;
}

interface Verdict {
  file: string;
  fatal: string[];
  warning: string[];
  valid?: boolean | null;
  status?: string;
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** What is wrong with our verdict on a unit case ([] when we agree). */
function unitProblems(c: UnitCase): string[] {
  const report = validate(readFileSync(join(root, 'unit', c.file)));
  const fired = new Set([...report.fatal, ...report.warning]);
  const problems: string[] = [];
  for (const id of c.success) if (fired.has(id)) problems.push(`${id} fired but must not`);
  for (const id of c.error)
    if (!report.fatal.includes(id)) problems.push(`${id} must fire as fatal`);
  for (const id of c.warning)
    if (!report.warning.includes(id)) problems.push(`${id} must fire as warning`);
  return problems;
}

/** Our verdict on a whole file, official ids only (our structural ids are not in the expectation). */
function verdictProblem(file: string, expected: Verdict): string | null {
  const official = ruleFlags();
  const report = validate(readFileSync(file));
  if (expected.status === 'not-an-invoice') {
    return report.valid === null && report.error?.code === 'NOT_AN_INVOICE'
      ? null
      : `expected "not an invoice", got valid=${report.valid}`;
  }
  const fatal = report.fatal.filter((id) => official.has(id));
  const warning = report.warning.filter((id) => official.has(id));
  const want = { fatal: [...expected.fatal].sort(), warning: [...expected.warning].sort() };
  if (report.valid !== null && JSON.stringify({ fatal, warning }) === JSON.stringify(want))
    return null;
  return `got ${JSON.stringify({ fatal, warning })}, expected ${JSON.stringify(want)}`;
}

describe.runIf(sharedMaterial(root))('official EN 16931 conformance material', () => {
  const units = existsSync(root) ? readJsonl<UnitCase>(join(root, 'unit/expected.jsonl')) : [];
  const examples = existsSync(root)
    ? readJsonl<Verdict>(join(root, 'examples/expected.jsonl'))
    : [];
  const facturx = existsSync(shared)
    ? readJsonl<Verdict>(join(shared, 'factur-x/expected.jsonl')).filter((v) =>
        v.file.startsWith('xml/'),
      )
    : [];

  it('has the 1,140 unit cases and 63 examples', () => {
    expect(units).toHaveLength(1140);
    expect(examples).toHaveLength(63);
  });

  it('agrees on every rule in scope of every unit case', () => {
    const disagreements = units.flatMap((c) => {
      const problems = unitProblems(c);
      return problems.length ? [`${c.file} (${c.description}): ${problems.join('; ')}`] : [];
    });
    console.log(
      `official unit cases: ${units.length - disagreements.length} of ${units.length} agree`,
    );
    expect(disagreements).toEqual([]);
  });

  it('gives exactly the expected fatal and warning sets on every example', () => {
    const disagreements = examples.flatMap((e) => {
      const p = verdictProblem(join(root, 'examples', e.file), e);
      return p ? [`${e.file}: ${p}`] : [];
    });
    console.log(
      `official examples: ${examples.length - disagreements.length} of ${examples.length} agree`,
    );
    expect(disagreements).toEqual([]);
  });

  it('gives the official verdict on every Factur-X XML sample', () => {
    expect(facturx.length).toBeGreaterThanOrEqual(12);
    const disagreements = facturx.flatMap((v) => {
      const p = verdictProblem(join(shared, 'factur-x', v.file), v);
      return p ? [`${v.file}: ${p}`] : [];
    });
    expect(disagreements).toEqual([]);
  });
});
