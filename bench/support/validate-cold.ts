/**
 * The cold-cache figure of bench:validate, in a fresh process: imports the library, then
 * validates the first N files of a folder (distinct generated invoices, never seen by this
 * process), and prints one JSON line: import time, first report's latency, and the rate over
 * the N (CPU and wall). V8 has compiled nothing yet and every lazily built table is still to
 * build: what a CLI run or a freshly started worker pays.
 *
 *   node --import tsx bench/support/validate-cold.ts <folder> <N>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, nText] = process.argv.slice(2);
const files = readdirSync(dir!)
  .sort()
  .slice(0, Number(nText))
  .map((f) => new Uint8Array(readFileSync(join(dir!, f))));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const { validate } = await import('../../packages/einvoice/src/validate.js');
const c1 = cpu();
const w1 = performance.now();
validate(files[0]!);
const first = cpu() - c1;
for (let i = 1; i < files.length; i++) validate(files[i]!);
const cpuMs = cpu() - c1;
const wallMs = performance.now() - w1;
console.log(JSON.stringify({ n: files.length, importMs: c1 - c0, firstMs: first, cpuMs, wallMs }));
