// Differential tester: generated and mutated invoices judged by the official EN 16931
// reference (../shared/tools/en16931-reference, with --xsd) and by validate(); then Factur-X
// profile invoices judged by each profile's official schema and Schematron and by
// validateFacturX(). Prints the counts per kind and each class of disagreement, one EN 16931
// case of each minimised. Exit status 1 when any disagreement is found. The modules are in
// packages/einvoice/test/support/diff/.
//   npm run conformance:diff -- --count N [--seed S] [--jobs J] [--keep DIR] [--batch B]
//     [--minimise K] [--facturx-count M (default N; 0: none)]
import { formatSummary, runDiff } from '../packages/einvoice/test/support/diff/run.js';
import { referenceMissing } from '../packages/einvoice/test/support/diff/judges.js';
import {
  formatFacturXSummary,
  runFacturXDiff,
} from '../packages/einvoice/test/support/diff/facturx.js';

const args = process.argv.slice(2);
function arg(name: string): string | undefined {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
}
function intArg(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${v}`);
  return n;
}

const missing = referenceMissing();
if (missing) {
  console.error(`conformance:diff: ${missing}`);
  process.exit(2);
}
const seed = intArg('--seed', Math.floor(Math.random() * 2 ** 31));
const count = intArg('--count', 1000);
console.log(`conformance:diff --count ${count} --seed ${seed}`);
const started = performance.now();
const summary = runDiff({
  count,
  seed,
  jobs: intArg('--jobs', 1),
  keep: arg('--keep'),
  batch: intArg('--batch', 1000),
  minimise: intArg('--minimise', 40),
  log: (line) => console.error(`  ${line}`),
});
console.log(formatSummary(summary));
const fxCount = intArg('--facturx-count', count);
let fxDisagreeing = 0;
if (fxCount > 0) {
  const fx = runFacturXDiff({
    count: fxCount,
    seed,
    keep: arg('--keep'),
    log: (line) => console.error(`  ${line}`),
  });
  fxDisagreeing = fx.disagreeing;
  console.log(`\n${formatFacturXSummary(fx)}`);
}
console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(summary.disagreeing === 0 && fxDisagreeing === 0 ? 0 : 1);
