/**
 * The cold-cache figure of bench:validate, in a fresh process: imports the library, reads the
 * files of a folder (distinct generated invoices, never seen by this process), validates them
 * all, and prints one JSON line: import time, reading time, first report's latency, CPU time
 * for the first N and for all, wall time for all. V8 has compiled nothing yet and every
 * lazily built table is still to build: what a CLI run or a freshly started worker pays.
 * The whole run is what `chorale validate --jobs 1` does minus its own work (output, start-up
 * of the command line), so the two compare.
 *
 *   node --import tsx bench/support/validate-cold.ts <folder> <N>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, nText] = process.argv.slice(2);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const { validate } = await import('../../packages/einvoice/src/validate.js');
const c1 = cpu();
const files = readdirSync(dir!)
  .sort()
  .map((f) => new Uint8Array(readFileSync(join(dir!, f))));
const c2 = cpu();
const n = Math.min(Number(nText), files.length);
const w0 = performance.now();
validate(files[0]!);
const first = cpu() - c2;
for (let i = 1; i < n; i++) validate(files[i]!);
const firstN = cpu() - c2;
for (let i = n; i < files.length; i++) validate(files[i]!);
const all = cpu() - c2;
console.log(
  JSON.stringify({
    n,
    total: files.length,
    importMs: c1 - c0,
    readMs: c2 - c1,
    firstMs: first,
    firstNCpuMs: firstN,
    allCpuMs: all,
    allWallMs: performance.now() - w0,
  }),
);
