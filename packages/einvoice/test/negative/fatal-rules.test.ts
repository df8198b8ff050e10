/**
 * Coverage of the fatal rules: every rule flagged fatal in a syntax by the official inventory
 * (asserts.tsv, see test/support/official-rules.ts) has, in that syntax, a negative case of ours — an official example with one small
 * mutation — that makes validate() report it as fatal, and a near miss (the closest mutation on
 * the right side of the rule, or the valid base) that must not. Rules whose official assert can
 * never fail are listed with the reason and must stay silent. The last test checks that the
 * tables leave no fatal id out and prints the counts.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate.js';
import { officialRules, officialRulesRequired } from '../support/official-rules.js';
import { mutated, type Mut } from './mutate.js';
import type { Row } from './categories.js';
import { UBL_MAX } from './ubl-base.js';
import { UBL_ROWS, UBL_UNREACHABLE, UBL_UNREACHABLE_PROBES } from './ubl-cases.js';
import { CII_BASE } from './cii-base.js';
import { CII_ROWS, CII_UNREACHABLE, CII_UNREACHABLE_PROBES } from './cii-cases.js';

type Syntax = 'UBL' | 'CII';

function fatalOf(base: string, mut: Mut): string[] {
  const r = validate(mutated(base, mut));
  expect(r.valid, r.error?.message).not.toBeNull();
  return r.fatal;
}

/** The official fatal rules of a syntax (not our catalogue, which is what is under test). */
function fatalIds(syntax: Syntax): string[] {
  const out: string[] = [];
  for (const [id, flag] of officialRules(syntax)) if (flag === 'fatal') out.push(id);
  return out;
}

type Probe = [id: string, mut: Mut, gap?: string];

const SYNTAXES: [Syntax, Row[], Record<string, string>, Probe[], string][] = [
  ['UBL', UBL_ROWS, UBL_UNREACHABLE, UBL_UNREACHABLE_PROBES, UBL_MAX],
  ['CII', CII_ROWS, CII_UNREACHABLE, CII_UNREACHABLE_PROBES, CII_BASE],
];

describe.each(SYNTAXES)('fatal %s rules', (syntax, rows, unreachable, probes, base) => {
  const named = rows.map((r) => ({ ...r, on: r.base.slice(r.base.lastIndexOf('/') + 1) }));
  const working = named.filter((r) => r.gap === undefined);
  const broken = named.filter((r) => r.gap !== undefined);

  it.each(working)('$id fires on its mutation of $on', ({ id, base: b, fire }) => {
    expect(fatalOf(b, fire)).toContain(id);
  });

  // Our rule does not fire where the official assert would. Once the rule is fixed, vitest
  // reports the case as passing unexpectedly: then drop its `gap` note in the table.
  it.fails.each(broken)('$id fires on its mutation of $on (known gap)', ({ id, base: b, fire }) => {
    expect(fatalOf(b, fire)).toContain(id);
  });

  it.each(named.filter((r) => r.nearGap === undefined))(
    '$id stays silent on its near miss of $on',
    ({ id, base: b, near }) => {
      expect(fatalOf(b, near)).not.toContain(id);
    },
  );

  // Ours fires on the near miss where the official assert does not.
  it.fails.each(named.filter((r) => r.nearGap !== undefined))(
    '$id stays silent on its near miss of $on (known gap)',
    ({ id, base: b, near }) => {
      expect(fatalOf(b, near)).not.toContain(id);
    },
  );

  const silent = probes.filter((p) => p[2] === undefined);
  const noisy = probes.filter((p) => p[2] !== undefined);

  it.each(silent)('%s can never fire (unreachable in the official assert)', (id, mut) => {
    expect(unreachable[id]).toBeTruthy();
    expect(fatalOf(base, mut)).not.toContain(id);
  });

  // Ours fires where the official assert never can (same life cycle as the gaps above).
  it.fails.each(noisy)('%s can never fire (known gap: ours fires)', (id, mut) => {
    expect(fatalOf(base, mut)).not.toContain(id);
  });

  it('lists every unreachable rule with a probe and no firing case', () => {
    expect(probes.map((p) => p[0]).sort()).toEqual(Object.keys(unreachable).sort());
    expect(rows.filter((r) => r.id in unreachable).map((r) => r.id)).toEqual([]);
  });
});

describe.runIf(officialRulesRequired)('coverage of the fatal rules', () => {
  it('every fatal id of each syntax is covered by a firing case or listed as unreachable', () => {
    const parts: string[] = [];
    const gapParts: string[] = [];
    for (const [syntax, rows, unreachable, probes] of SYNTAXES) {
      const fatal = fatalIds(syntax);
      const firing = new Set(rows.filter((r) => r.gap === undefined).map((r) => r.id));
      const listed = new Set(Object.keys(unreachable));
      const covered = fatal.filter((id) => firing.has(id)).length;
      const out = fatal.filter((id) => listed.has(id)).length;
      const gaps = [
        ...new Set([
          ...rows.filter((r) => r.gap !== undefined || r.nearGap !== undefined).map((r) => r.id),
          ...probes.filter((p) => p[2] !== undefined).map((p) => p[0]),
        ]),
      ];
      const missing = fatal.filter((id) => !firing.has(id) && !listed.has(id));
      expect(missing, `${syntax} fatal rules without a firing case`).toEqual([]);
      // A case or an unreachable entry for an id that is not fatal in its syntax proves nothing.
      const fatalSet = new Set(fatal);
      expect(rows.filter((r) => !fatalSet.has(r.id)).map((r) => r.id)).toEqual([]);
      expect([...listed].filter((id) => !fatalSet.has(id))).toEqual([]);
      parts.push(`${syntax} ${covered}/${fatal.length} (+ ${out} unreachable)`);
      gapParts.push(`${syntax} ${gaps.length}${gaps.length ? ` (${gaps.join(', ')})` : ''}`);
    }
    console.log(`fatal rules covered: ${parts.join(', ')}`);
    console.log(`known disagreements, run as it.fails: ${gapParts.join(', ')}`);
  });
});
