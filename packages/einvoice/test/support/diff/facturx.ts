/**
 * The differential tester's Factur-X part: invoices of the five Factur-X 1.09 profiles judged by
 * that profile's official XML Schema and Schematron (and EN 16931's for BASIC and EN 16931:
 * support/facturx-reference.ts) and by validateFacturX() with the same profile; a disagreement
 * is another verdict, or a rule the official set names that we do not report as fatal
 * (profiles/facturx-agreement.ts's `disagreement`).
 *
 * Cases, drawn from the run's seed (their own stream, apart from the EN 16931 cases):
 * - mutations (the EN 16931 part's kinds: drop, duplicate, reorder, value, code, amount, date,
 *   scheme, white space, namespace) of the profile's official sample;
 * - for BASIC, EN 16931 and EXTENDED, distinct generated CII invoices (10–15 lines, every VAT
 *   category) declaring the profile, as they are and mutated;
 * - for MINIMUM and EXTENDED, the profile's own variants (facturx-mutations.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_SPECIFICATION_IDS } from '../../../src/profiles/profile-rules.js';
import { compare, isRuleId, sampleXml, type Compared } from '../../profiles/facturx-agreement.js';
import { generatedExtended, generatedMinimum } from '../../profiles/facturx-mutations.js';
import type { ReferenceProfile } from '../facturx-reference.js';
import { generateInvoice } from './generate.js';
import { mutate, MUTATION_KINDS } from './mutations.js';
import { caseSeed, seededRng } from './random.js';

export const FX_PROFILES: readonly ReferenceProfile[] = [
  'MINIMUM',
  'BASIC WL',
  'BASIC',
  'EN 16931',
  'EXTENDED',
];

export interface FacturXCase {
  index: number;
  profile: ReferenceProfile;
  /** `sample`, `generated`, `variant` or a mutation kind. */
  kind: string;
  origin: string;
  xml: string;
}

/** The guideline each generated invoice declares for a profile (BT-24). */
const GUIDELINE: Partial<Record<ReferenceProfile, string>> = {
  BASIC: PROFILE_SPECIFICATION_IDS.BASIC[0],
  'EN 16931': PROFILE_SPECIFICATION_IDS['EN 16931'][0],
  EXTENDED: PROFILE_SPECIFICATION_IDS.EXTENDED[0],
};

const samples = new Map<ReferenceProfile, string>();
const variants = new Map<ReferenceProfile, { name: string; xml: string }[]>();

function variantsOf(profile: ReferenceProfile): { name: string; xml: string }[] {
  let v = variants.get(profile);
  if (!v) {
    const sample = sampleOf(profile);
    v =
      profile === 'MINIMUM'
        ? generatedMinimum(sample, 12, 7)
        : profile === 'EXTENDED'
          ? generatedExtended(sample)
          : [];
    variants.set(profile, v);
  }
  return v;
}

function sampleOf(profile: ReferenceProfile): string {
  let s = samples.get(profile);
  if (s === undefined) samples.set(profile, (s = sampleXml(profile)));
  return s;
}

function generatedFor(profile: ReferenceProfile, rng: ReturnType<typeof seededRng>, i: number) {
  const text = generateInvoice(rng, 'CII', i);
  const id = GUIDELINE[profile]!;
  // The writer declares bare EN 16931: the profile's id instead, in the same element.
  return text.replace(
    /(<ram:GuidelineSpecifiedDocumentContextParameter>\s*<ram:ID>)[^<]*(<\/ram:ID>)/,
    `$1${id}$2`,
  );
}

/** Factur-X case `index` of the run seeded `seed`: the same pair always gives the same case. */
export function makeFacturXCase(seed: number, index: number): FacturXCase {
  // Another stream than the EN 16931 cases of the same seed and index.
  const rng = seededRng(caseSeed(seed ^ 0x5fac7a1, index));
  const profile = FX_PROFILES[index % FX_PROFILES.length]!;
  const canGenerate = GUIDELINE[profile] !== undefined;
  const own = variantsOf(profile);
  if (index < FX_PROFILES.length)
    return { index, profile, kind: 'sample', origin: 'official sample', xml: sampleOf(profile) };
  if (canGenerate && rng.chance(0.15)) {
    return {
      index,
      profile,
      kind: 'generated',
      origin: 'generated CII',
      xml: generatedFor(profile, rng, index),
    };
  }
  if (own.length > 0 && rng.chance(0.1)) {
    const v = rng.pick(own);
    return { index, profile, kind: 'variant', origin: v.name, xml: v.xml };
  }
  for (;;) {
    const kind = rng.pick(MUTATION_KINDS);
    const fromGenerated = canGenerate && rng.chance(0.3);
    const base = fromGenerated ? generatedFor(profile, rng, index) : sampleOf(profile);
    const m = mutate(base, kind, rng);
    if (m)
      return {
        index,
        profile,
        kind,
        origin: `${fromGenerated ? 'generated CII' : 'official sample'}: ${m.detail}`,
        xml: m.text,
      };
  }
}

/** Why we and the official profile rules differ on `c`, as class lines; [] when we agree. */
export function facturXDifferences(c: Compared): string[] {
  const unjudged = c.official.unjudged;
  // Not an invoice, or not XML, for the tool: nor a judgeable invoice for us.
  if (unjudged)
    return c.ours.valid === null ? [] : [`${c.profile}: reference ${unjudged}, ours judged it`];
  if (c.official.valid === null) return []; // the official stylesheet could not judge it
  const ours = new Set(c.ours.fatal);
  const theirs = new Set(c.official.ids);
  const out: string[] = [];
  for (const id of c.official.rules) if (!ours.has(id)) out.push(`-fatal ${id}`);
  if (c.ours.valid !== c.official.valid) {
    if (c.ours.valid) {
      // We let it through: what refused it there (a nameless assert, the schema).
      const unnamed = c.official.ids.filter((id) => !c.official.rules.includes(id));
      if (unnamed.length) out.push(`-fatal ${unnamed.join(' ')}`);
      if (!c.official.xsd) out.push('-xsd invalid');
    } else {
      const extra = c.ours.fatal.filter((id) => !theirs.has(id));
      out.push(`+fatal ${extra.filter(isRuleId).join(' ') || extra.join(' ')}`);
    }
  }
  return [...new Set(out)].map((line) => `${c.profile}: ${line}`);
}

export interface FacturXSummary {
  count: number;
  perProfile: Record<string, { cases: number; disagreeing: number }>;
  perKind: Record<string, { cases: number; disagreeing: number }>;
  disagreeing: number;
  /** Cases an official stylesheet could not judge (not counted). */
  unjudged: number;
  classes: { item: string; count: number; example: FacturXCase }[];
}

/**
 * `count` Factur-X cases judged in batches of `batch` per profile (one JVM per profile and
 * batch, two for BASIC and EN 16931).
 */
export function runFacturXDiff(options: {
  count: number;
  seed: number;
  batch?: number;
  keep?: string;
  log?: (line: string) => void;
}): FacturXSummary {
  const { count, seed, batch = 2000, keep } = options;
  const log = options.log ?? (() => undefined);
  const perProfile: FacturXSummary['perProfile'] = {};
  const perKind: FacturXSummary['perKind'] = {};
  const classes = new Map<string, FacturXSummary['classes'][number]>();
  let disagreeing = 0;
  let unjudged = 0;
  if (keep) mkdirSync(keep, { recursive: true });
  for (let start = 0; start < count; start += batch) {
    const cases: FacturXCase[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++)
      cases.push(makeFacturXCase(seed, i));
    // compare() judges by profile (one JVM each) and keeps each case's own fields.
    const judged = compare(cases.map((c) => ({ ...c, name: c.origin }))) as (Compared &
      FacturXCase)[];
    for (const c of judged) {
      const p = (perProfile[c.profile] ??= { cases: 0, disagreeing: 0 });
      const k = (perKind[c.kind] ??= { cases: 0, disagreeing: 0 });
      p.cases++;
      k.cases++;
      if (c.official.valid === null && !c.official.unjudged) unjudged++;
      const diff = facturXDifferences(c);
      if (diff.length === 0) continue;
      disagreeing++;
      p.disagreeing++;
      k.disagreeing++;
      for (const item of diff) {
        const cls = classes.get(item);
        if (cls) cls.count++;
        else classes.set(item, { item, count: 1, example: c });
      }
      if (keep) {
        writeFileSync(join(keep, `fx-case-${c.index}.xml`), c.xml);
        writeFileSync(
          join(keep, `fx-case-${c.index}.txt`),
          `${c.profile} ${c.kind}: ${c.origin}\n${diff.join('\n')}\n` +
            `ours ${String(c.ours.valid)} ${c.ours.fatal.join(' ')}\n` +
            `official ${String(c.official.valid)} ${c.official.ids.join(' ')}\n` +
            c.official.xsdErrors.join('\n'),
        );
      }
    }
    log(
      `Factur-X: ${Math.min(count, start + batch)} of ${count} cases judged, ${disagreeing} disagreeing, ${classes.size} classes`,
    );
  }
  const sorted = [...classes.values()].sort(
    (a, b) => b.count - a.count || (a.item < b.item ? -1 : 1),
  );
  return { count, perProfile, perKind, disagreeing, unjudged, classes: sorted };
}

export function formatFacturXSummary(s: FacturXSummary): string {
  const lines = [`Factur-X profiles: ${s.count} cases, ${s.disagreeing} disagreeing`];
  lines.push('cases per profile (disagreeing):');
  for (const [k, v] of Object.entries(s.perProfile))
    lines.push(`  ${k.padEnd(11)} ${String(v.cases).padStart(7)} (${v.disagreeing})`);
  lines.push('cases per kind (disagreeing):');
  for (const [k, v] of Object.entries(s.perKind))
    lines.push(`  ${k.padEnd(11)} ${String(v.cases).padStart(7)} (${v.disagreeing})`);
  if (s.unjudged) lines.push(`not judged by the official stylesheet (not counted): ${s.unjudged}`);
  for (const c of s.classes)
    lines.push(
      `${c.item}: ${c.count} cases; first: Factur-X case ${c.example.index}, ${c.example.kind}, ${c.example.origin}`,
    );
  return lines.join('\n');
}
