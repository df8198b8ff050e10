/**
 * One corpus of bench:validate measured in a process of its own: parse alone and validate end
 * to end, in alternating rounds after a warm-up on that corpus only. Corpora are kept apart
 * because what V8 compiles for one shapes its speed on the next (measured: the generated
 * invoices parsed 2× slower after a warm-up on the official examples, whose 3 MiB attachment
 * leaves the parser compiled for it). Prints one JSON line: the rates of every round.
 *
 *   node --import tsx bench/support/validate-rate.ts <folder> <max bytes> <seconds> <rounds> <warm-up ms>
 */
import { readFileSync } from 'node:fs';
import { parseXml } from '../../packages/einvoice/src/xml/parse.js';
import { validate } from '../../packages/einvoice/src/validate.js';
import { xmlFiles } from './corpus.js';

const [dir, maxBytes, seconds, rounds, warmUpMs] = process.argv.slice(2);
const set = xmlFiles(dir!)
  .sort()
  .map((f) => new Uint8Array(readFileSync(f)))
  .filter((b) => b.length <= Number(maxBytes));

/** CPU time of this process (all threads), in ms. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Whole passes over the set for about `ms` of CPU: documents per wall and per CPU second. */
function rate(fn: (b: Uint8Array) => unknown, ms: number): { wall: number; cpu: number } {
  let n = 0;
  const start = performance.now();
  const cpu0 = cpuNow();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const b of set) fn(b);
    n += set.length;
    elapsed = cpuNow() - cpu0;
  }
  return { wall: (n * 1000) / (performance.now() - start), cpu: (n * 1000) / elapsed };
}

// V8 compiles the validator's few hundred functions to optimised code over the first ~2 s of
// use, which one pass over the set does not cover: the rounds measure the steady state.
// Counted in CPU time: on a loaded machine, wall time would leave it short.
for (const fn of [parseXml, validate]) {
  const start = cpuNow();
  while (cpuNow() - start < Number(warmUpMs)) for (const b of set) fn(b);
}
const parse = [];
const full = [];
// Alternating short rounds: parse and validate see the same load.
for (let round = 0; round < Number(rounds); round++) {
  parse.push(rate((b) => parseXml(b), (Number(seconds) * 1000) / Number(rounds)));
  full.push(rate((b) => validate(b), (Number(seconds) * 1000) / Number(rounds)));
}
const bytes = set.reduce((s, b) => s + b.length, 0);
console.log(JSON.stringify({ files: set.length, kib: bytes / set.length / 1024, parse, full }));
