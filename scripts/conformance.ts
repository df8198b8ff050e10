// Runs the official EN 16931 unit cases and examples (../shared/conformance) through our
// validator and prints where we disagree. Development aid; the same checks run in npm test.
//   npx tsx scripts/conformance.ts [--only PREFIX] [--verbose] [--examples]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '../packages/einvoice/src/validate.js';

const root = join(import.meta.dirname, '../../shared/conformance/en16931');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const verbose = args.includes('--verbose');

interface UnitCase {
  file: string;
  scope: string[];
  success: string[];
  error: string[];
  warning: string[];
  description: string;
}

if (!existsSync(root)) {
  console.error(`No conformance material at ${root}`);
  process.exit(2);
}

let agree = 0;
let disagree = 0;
const perRule = new Map<string, { ok: number; bad: number }>();
for (const line of readFileSync(join(root, 'unit/expected.jsonl'), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const c = JSON.parse(line) as UnitCase;
  if (only && !c.scope.some((id) => id.startsWith(only))) continue;
  let report;
  try {
    report = validate(readFileSync(join(root, 'unit', c.file)));
  } catch (e) {
    console.log(`CRASH ${c.file}: ${(e as Error).stack}`);
    disagree++;
    continue;
  }
  const problems: string[] = [];
  for (const id of c.success) {
    if (report.fatal.includes(id) || report.warning.includes(id))
      problems.push(`${id} fired but must not`);
  }
  for (const id of c.error)
    if (!report.fatal.includes(id)) problems.push(`${id} must fire as fatal`);
  for (const id of c.warning)
    if (!report.warning.includes(id)) problems.push(`${id} must fire as warning`);
  for (const id of c.scope) {
    const s = perRule.get(id) ?? { ok: 0, bad: 0 };
    if (problems.some((p) => p.startsWith(id + ' '))) s.bad++;
    else s.ok++;
    perRule.set(id, s);
  }
  if (problems.length === 0) agree++;
  else {
    disagree++;
    console.log(
      `DIFF ${c.file} (${c.description}): ${problems.join('; ')}${report.error ? ` [error ${report.error.code}: ${report.error.message}]` : ''}`,
    );
    if (verbose)
      for (const f of report.findings) console.log(`    ${f.flag} ${f.id} ${f.path}:${f.line}`);
  }
}
console.log(`\nunit cases: ${agree} agree, ${disagree} disagree`);

if (!only || args.includes('--examples')) {
  let exOk = 0;
  let exBad = 0;
  for (const line of readFileSync(join(root, 'examples/expected.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as { file: string; fatal: string[]; warning: string[] };
    const report = validate(readFileSync(join(root, 'examples', e.file)));
    const same = (a: string[], b: string[]) =>
      a.length === b.length && a.every((x, i) => x === b[i]);
    const expFatal = [...e.fatal].sort();
    const expWarning = [...e.warning].sort();
    if (same(report.fatal, expFatal) && same(report.warning, expWarning)) exOk++;
    else {
      exBad++;
      const extra = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
      console.log(
        `EXAMPLE ${e.file}: fatal +[${extra(report.fatal, expFatal)}] -[${extra(expFatal, report.fatal)}] warning +[${extra(report.warning, expWarning)}] -[${extra(expWarning, report.warning)}]${report.error ? ` error ${report.error.code}` : ''}`,
      );
    }
  }
  console.log(`examples: ${exOk} agree, ${exBad} disagree`);
}
