/**
 * Our Factur-X profile verdicts side by side with the official ones (support of
 * facturx-reference.test.ts, also runnable by hand: `npx tsx
 * packages/einvoice/test/profiles/facturx-agreement.ts` prints every disagreement).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateFacturX } from '../../src/profiles/validate-facturx.js';
import {
  judgeByProfile,
  SHARED,
  type ReferenceProfile,
  type ReferenceVerdict,
} from '../support/facturx-reference.js';
import { generatedExtended, generatedMinimum, mutationsOf } from './facturx-mutations.js';

export const SAMPLES: Record<ReferenceProfile, string> = {
  MINIMUM: 'factur-x-minimum.xml',
  'BASIC WL': 'factur-x-basicwl.xml',
  BASIC: 'factur-x-basic.xml',
  'EN 16931': 'factur-x-en16931.xml',
  EXTENDED: 'factur-x-extended.xml',
};

export const sampleXml = (profile: ReferenceProfile): string =>
  readFileSync(join(SHARED, 'conformance/factur-x/xml', SAMPLES[profile]), 'utf8');

export interface Compared {
  profile: ReferenceProfile;
  name: string;
  xml: string;
  official: ReferenceVerdict;
  ours: { valid: boolean | null; fatal: string[]; rules: string };
}

/** Ids that name rules (what the official stylesheets report by name), not our own XSD-/FX-. */
export const isRuleId = (id: string): boolean => !id.startsWith('XSD-') && !id.startsWith('FX-');

/**
 * Where we and the reference disagree: the verdict, or a rule the official set fired by name
 * that we did not report as fatal. (We may report more rules than the profile Schematron names:
 * a code out of its list is BR-CL-… for us and a nameless code list assert there.)
 */
export function disagreement(c: Compared): string | null {
  if (c.official.valid === null) return null; // the official stylesheet could not judge it
  if (c.ours.valid !== c.official.valid)
    return `verdict: ours ${String(c.ours.valid)}, official ${String(c.official.valid)}`;
  const ours = new Set(c.ours.fatal.filter(isRuleId));
  const missing = c.official.rules.filter((id) => !ours.has(id));
  return missing.length ? `official rules we did not fire: ${missing.join(' ')}` : null;
}

/** Judges every (profile, name, xml) with the reference (one JVM per profile) and with us. */
export function compare(
  cases: readonly { profile: ReferenceProfile; name: string; xml: string }[],
): Compared[] {
  const out: Compared[] = [];
  const profiles = [...new Set(cases.map((c) => c.profile))];
  for (const profile of profiles) {
    const mine = cases.filter((c) => c.profile === profile);
    const official = judgeByProfile(
      mine.map((c) => c.xml),
      profile,
    );
    mine.forEach((c, i) => {
      const r = validateFacturX(c.xml, { profile });
      out.push({
        ...c,
        official: official[i]!,
        ours: { valid: r.valid, fatal: r.fatal, rules: r.rules },
      });
    });
  }
  return out;
}

/** Every sample of the five profiles and its mutations. */
export function sampleCases(): { profile: ReferenceProfile; name: string; xml: string }[] {
  const cases: { profile: ReferenceProfile; name: string; xml: string }[] = [];
  for (const profile of Object.keys(SAMPLES) as ReferenceProfile[]) {
    const xml = sampleXml(profile);
    cases.push({ profile, name: SAMPLES[profile], xml });
    for (const m of mutationsOf(xml)) cases.push({ profile, name: m.name, xml: m.xml });
    const generated =
      profile === 'MINIMUM'
        ? generatedMinimum(xml)
        : profile === 'EXTENDED'
          ? generatedExtended(xml)
          : [];
    for (const m of generated) cases.push({ profile, name: m.name, xml: m.xml });
  }
  return cases;
}

if (process.argv[1]?.endsWith('facturx-agreement.ts')) {
  const results = compare(sampleCases());
  let n = 0;
  for (const c of results) {
    const d = disagreement(c);
    if (!d) continue;
    n++;
    console.log(`${c.profile} | ${c.name} | ${d}`);
    console.log(`   ours ${c.ours.fatal.join(' ')}`);
    console.log(
      `   official ${c.official.ids.join(' ')} ${c.official.xsdErrors.join(' | ').slice(0, 300)}`,
    );
  }
  for (const c of results.filter((x) => x.name.startsWith('generated')))
    console.log(
      `   ${c.name}: official ${String(c.official.valid)} ${c.official.ids.join(' ')} | ours ${String(c.ours.valid)}`,
    );
  const unjudged = results.filter((c) => c.official.valid === null).length;
  console.log(
    `${results.length} cases (${unjudged} the reference could not judge), ${n} disagreements`,
  );
}
