/**
 * The differential tester's run: cases drawn from a seed (a quarter generated invoices, the
 * rest mutations of the official examples or of generated invoices), judged in batches by the
 * official reference and by validate(), disagreements grouped into classes (one line of
 * differences(), e.g. `+fatal BR-49`) and one case per class minimised.
 * `npm run conformance:diff` (scripts/conformance-diff.ts) and the CI test drive it.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateInvoice } from './generate.js';
import { differences, EXAMPLES_DIR, judgeOfficial, judgeOurs } from './judges.js';
import { minimiseAll } from './minimise.js';
import { mutate, MUTATION_KINDS, type MutationKind } from './mutations.js';
import { caseSeed, seededRng } from './random.js';

export type CaseKind = MutationKind | 'generated';

export interface DiffCase {
  index: number;
  kind: CaseKind;
  /** Where it comes from and what changed. */
  origin: string;
  text: string;
}

/** Official examples small enough to mutate by the thousand (the large ones carry attachments). */
function exampleBases(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.xml') && statSync(p).size <= 100_000)
        out.push({ name: relative(EXAMPLES_DIR, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(EXAMPLES_DIR);
  if (out.length === 0) throw new Error(`no official examples under ${EXAMPLES_DIR}`);
  return out;
}

let bases: { name: string; text: string }[] | undefined;

/** Case `index` of the run seeded `seed`: the same pair always gives the same case. */
export function makeCase(seed: number, index: number): DiffCase {
  bases ??= exampleBases();
  const rng = seededRng(caseSeed(seed, index));
  const syntax = rng.chance(0.5) ? 'UBL' : 'CII';
  if (index % 4 === 0) {
    return {
      index,
      kind: 'generated',
      origin: `generated ${syntax}`,
      text: generateInvoice(rng, syntax, index),
    };
  }
  for (;;) {
    const kind = rng.pick(MUTATION_KINDS);
    const base = rng.chance(0.6)
      ? rng.pick(bases)
      : { name: `generated ${syntax}`, text: generateInvoice(rng, syntax, index) };
    const m = mutate(base.text, kind, rng);
    if (m) return { index, kind, origin: `${base.name}: ${m.detail}`, text: m.text };
  }
}

export interface DiffClass {
  item: string;
  count: number;
  /** The first case showing it, and that case minimised. */
  example: DiffCase;
  minimised?: string;
}

export interface DiffSummary {
  seed: number;
  count: number;
  perKind: Record<string, { cases: number; disagreeing: number }>;
  disagreeing: number;
  referenceErrors: number;
  classes: DiffClass[];
}

export interface DiffOptions {
  count: number;
  seed: number;
  /** Worker threads of the reference's JVM. */
  jobs?: number;
  /** Folder to keep disagreeing cases and their minimised forms in. */
  keep?: string;
  /** Cases per reference batch (one JVM start each). */
  batch?: number;
  /** How many classes to minimise (the most frequent first); 0: none. */
  minimise?: number;
  log?: (line: string) => void;
}

export function runDiff(options: DiffOptions): DiffSummary {
  const { count, seed, jobs = 1, keep, batch = 1000, minimise = 40 } = options;
  const log = options.log ?? (() => undefined);
  const perKind: DiffSummary['perKind'] = {};
  for (const k of ['generated', ...MUTATION_KINDS]) perKind[k] = { cases: 0, disagreeing: 0 };
  const classes = new Map<string, DiffClass>();
  let disagreeing = 0;
  let referenceErrors = 0;
  if (keep) mkdirSync(keep, { recursive: true });
  for (let start = 0; start < count; start += batch) {
    const cases: DiffCase[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) cases.push(makeCase(seed, i));
    const official = judgeOfficial(
      cases.map((c) => c.text),
      jobs,
    );
    cases.forEach((c, i) => {
      const theirs = official[i]!;
      perKind[c.kind]!.cases++;
      if (theirs.status === 'error') referenceErrors++;
      const diff = differences(judgeOurs(c.text), theirs);
      if (diff.length === 0) return;
      disagreeing++;
      perKind[c.kind]!.disagreeing++;
      for (const item of diff) {
        const cls = classes.get(item);
        if (cls) cls.count++;
        else classes.set(item, { item, count: 1, example: c });
      }
      if (keep) {
        writeFileSync(join(keep, `case-${c.index}.xml`), c.text);
        writeFileSync(
          join(keep, `case-${c.index}.txt`),
          `${c.kind}: ${c.origin}\n${diff.join('\n')}\n`,
        );
      }
    });
    const judged = Math.min(count, start + batch);
    log(`${judged} of ${count} cases judged, ${disagreeing} disagreeing, ${classes.size} classes`);
    // The counts so far, for a long run watched (or cut short) by hand.
    if (keep)
      writeFileSync(
        join(keep, 'progress.json'),
        JSON.stringify({ judged, disagreeing, referenceErrors, perKind }, null, 2),
      );
  }
  const sorted = [...classes.values()].sort(
    (a, b) => b.count - a.count || (a.item < b.item ? -1 : 1),
  );
  const toMinimise = sorted.slice(0, minimise);
  if (toMinimise.length) {
    log(`minimising ${toMinimise.length} classes…`);
    const small = minimiseAll(
      toMinimise.map((c) => ({ text: c.example.text, item: c.item })),
      { ours: judgeOurs, official: (texts) => judgeOfficial(texts, jobs) },
    );
    toMinimise.forEach((c, i) => {
      c.minimised = small[i];
      if (keep) {
        const name = c.item.replace(/[^A-Za-z0-9-]+/g, '_');
        writeFileSync(join(keep, `min${name}.xml`), c.minimised!);
      }
    });
  }
  const summary: DiffSummary = {
    seed,
    count,
    perKind,
    disagreeing,
    referenceErrors,
    classes: sorted,
  };
  if (keep) {
    const brief = {
      ...summary,
      classes: sorted.map((c) => ({
        item: c.item,
        count: c.count,
        case: c.example.index,
        origin: c.example.origin,
      })),
    };
    writeFileSync(join(keep, 'summary.json'), JSON.stringify(brief, null, 2));
  }
  return summary;
}

/** The summary as the report people read. */
export function formatSummary(s: DiffSummary): string {
  const lines = [`seed ${s.seed}, ${s.count} cases, ${s.disagreeing} disagreeing`];
  lines.push('cases per kind (disagreeing):');
  for (const [k, v] of Object.entries(s.perKind))
    if (v.cases) lines.push(`  ${k.padEnd(11)} ${String(v.cases).padStart(7)} (${v.disagreeing})`);
  if (s.referenceErrors) lines.push(`reference errors (not counted): ${s.referenceErrors}`);
  for (const c of s.classes) {
    lines.push(
      '',
      `${c.item}: ${c.count} cases; first: case ${c.example.index}, ${c.example.kind}, ${c.example.origin}`,
    );
    if (c.minimised) lines.push('minimised:', c.minimised);
  }
  return lines.join('\n');
}
