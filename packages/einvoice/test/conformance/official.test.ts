/**
 * The official EN 16931 conformance material (release 1.3.16, in ../shared/conformance):
 * - every unit case must agree on every rule in its scope (success: must not fire; error:
 *   must fire as fatal; warning: must fire as warning);
 * - every example must give exactly the expected fatal and warning sets.
 * Cases we do not agree with yet are listed in known-disagreements.txt, so the suite says
 * exactly where we stand: a listed case that starts agreeing fails too (remove it from the
 * list), so the list can only shrink.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate.js';
import { ruleFlags } from '../../src/rules/catalogue.js';

const root = join(import.meta.dirname, '../../../../../shared/conformance/en16931');
const known = new Set(
  readFileSync(join(import.meta.dirname, 'known-disagreements.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#')),
);

interface UnitCase {
  file: string;
  scope: string[];
  success: string[];
  error: string[];
  warning: string[];
  description: string;
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

describe.runIf(existsSync(root))('official EN 16931 conformance material', () => {
  const units = existsSync(root) ? readJsonl<UnitCase>(join(root, 'unit/expected.jsonl')) : [];
  const examples = existsSync(root)
    ? readJsonl<{ file: string; fatal: string[]; warning: string[] }>(
        join(root, 'examples/expected.jsonl'),
      )
    : [];

  it('has the 1,140 unit cases and 63 examples', () => {
    expect(units).toHaveLength(1140);
    expect(examples).toHaveLength(63);
  });

  it('agrees on every unit case outside the known list, and on none inside it', () => {
    const unexpected: string[] = [];
    const nowAgreeing: string[] = [];
    let agreeing = 0;
    for (const c of units) {
      const problems = unitProblems(c);
      if (problems.length === 0) agreeing++;
      if (problems.length > 0 && !known.has(`unit/${c.file}`)) {
        unexpected.push(`${c.file} (${c.description}): ${problems.join('; ')}`);
      }
      if (problems.length === 0 && known.has(`unit/${c.file}`)) nowAgreeing.push(c.file);
    }
    console.log(`official unit cases: ${agreeing} of ${units.length} agree`);
    expect(unexpected).toEqual([]);
    expect(nowAgreeing, 'these now agree: remove them from known-disagreements.txt').toEqual([]);
  });

  it('gives exactly the expected fatal and warning sets on every example', () => {
    const official = ruleFlags();
    const unexpected: string[] = [];
    const nowAgreeing: string[] = [];
    for (const e of examples) {
      const report = validate(readFileSync(join(root, 'examples', e.file)));
      // Only official rule ids are compared: our own structural ids are not in the expectation.
      const fatal = report.fatal.filter((id) => official.has(id));
      const warning = report.warning.filter((id) => official.has(id));
      const ok =
        report.valid !== null &&
        JSON.stringify(fatal) === JSON.stringify([...e.fatal].sort()) &&
        JSON.stringify(warning) === JSON.stringify([...e.warning].sort());
      if (!ok && !known.has(`examples/${e.file}`)) {
        unexpected.push(
          `${e.file}: fatal ${JSON.stringify(fatal)} warning ${JSON.stringify(warning)}, expected ${JSON.stringify(e.fatal)} ${JSON.stringify(e.warning)}`,
        );
      }
      if (ok && known.has(`examples/${e.file}`)) nowAgreeing.push(e.file);
    }
    expect(unexpected).toEqual([]);
    expect(nowAgreeing, 'these now agree: remove them from known-disagreements.txt').toEqual([]);
  });
});
