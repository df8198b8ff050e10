/**
 * EN 16931 validation benchmark (one core, one process, unless said):
 * 1. the shared official examples, validated end to end (bytes in, report out) in a loop,
 *    beside the parse-only baseline (XML parsing alone) measured in the same process;
 * 2. distinct generated typical invoices (bench/flow-invoices.ts: 10–15 lines, 15–25 KB, UBL
 *    and CII alternately, each with its own number, amounts and VAT mix), the same two measures;
 *    every pass goes through all of them, so no file is repeated to warm a cache;
 *    each corpus is measured in a process of its own (bench/support/validate-rate.ts), warmed
 *    up on that corpus only;
 * 3. the cold-cache figure: the first N of those invoices validated in a fresh process
 *    (bench/support/validate-cold.ts), before V8 has compiled anything;
 * 4. `chorale validate` (the built command, as installed) over the generated invoices as
 *    files: --jobs 1 (its rate per core, from the CPU time of the whole process, start-up
 *    included), the same with the start-up amortised (the folder given three times, minus one
 *    pass), each against the in-process rate of validate() on the same files measured just
 *    before it (pairs, median ratio: the machine's speed drifts between measures), and
 *    --jobs <cores> (the speed-up, and how many cores it kept busy);
 * 5. generated large UBL invoices of 1,000, 10,000 and 100,000 lines: time to validate, beside
 *    parsing alone, and the peak RSS of the process.
 *
 * Rates are given per CPU second of this process (the machine may be shared: CPU time counts
 * only our work) and per wall second.
 *
 *   npm run bench:validate [-- --seconds 3] [-- --rounds 5] [-- --max-lines 100000]
 *     [-- --warm-up-ms 2000] [-- --generated 4000] [-- --cold 1000] [-- --no-cli]
 *     [-- --cli-pairs 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXml } from '../packages/einvoice/src/xml/parse.js';
import { validate } from '../packages/einvoice/src/validate.js';
import { numberArg } from './support/args.js';
import { buildEinvoice } from './support/server.js';

// The generator writes invoices with the library's build (as the server does): build it first.
buildEinvoice();
const { generatedInvoice } = await import('./flow-invoices.js');

const SECONDS = numberArg('--seconds', 3);
const MAX_LINES = numberArg('--max-lines', 100_000);
const ROUNDS = Math.max(1, numberArg('--rounds', 5));
const GENERATED = numberArg('--generated', 4000);
const COLD = numberArg('--cold', 1000);
/** Warm-up of each measuring process before its rounds (validate-rate.ts). */
const WARM_UP_MS = numberArg('--warm-up-ms', 2000);
const WITH_CLI = !process.argv.includes('--no-cli');
/** Runs of `chorale validate`, each paired with an in-process measure taken just before it. */
const CLI_PAIRS = Math.max(1, numberArg('--cli-pairs', 3));
const examplesDir = join(import.meta.dirname, '../../shared/conformance/en16931/examples');
const root = join(import.meta.dirname, '..');

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
interface Rate {
  wall: number;
  cpu: number;
}

function ublLine(i: number): string {
  return `<cac:InvoiceLine><cbc:ID>${i}</cbc:ID><cbc:InvoicedQuantity unitCode="C62">2</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">20.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Article ${i}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount currencyID="EUR">10.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>\n`;
}

/** A valid UBL invoice with `lines` lines of 20.00 EUR at 20 % VAT. */
function largeUbl(lines: number): Uint8Array {
  const net = (lines * 20).toFixed(2);
  const vat = (lines * 4).toFixed(2);
  const gross = (lines * 24).toFixed(2);
  const party = (name: string, vatId: string) =>
    `<cac:Party><cac:PostalAddress><cbc:CityName>Lyon</cbc:CityName><cbc:PostalZone>69001</cbc:PostalZone><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:PostalAddress><cac:PartyTaxScheme><cbc:CompanyID>${vatId}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>${name}</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party>`;
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID><cbc:ID>BENCH-${lines}</cbc:ID><cbc:IssueDate>2026-11-02</cbc:IssueDate><cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode><cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:BuyerReference>SERVICE-1</cbc:BuyerReference>
<cac:AccountingSupplierParty>${party('Fournitures Martin SARL', 'FR32123456789')}</cac:AccountingSupplierParty>
<cac:AccountingCustomerParty>${party('Mairie de Valfort', 'FR61987654321')}</cac:AccountingCustomerParty>
<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">${vat}</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">${net}</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">${vat}</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="EUR">${net}</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="EUR">${net}</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="EUR">${gross}</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="EUR">${gross}</cbc:PayableAmount></cac:LegalMonetaryTotal>
`;
  const parts = [head];
  for (let i = 1; i <= lines; i++) parts.push(ublLine(i));
  parts.push('</Invoice>\n');
  return new TextEncoder().encode(parts.join(''));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const range = (xs: number[], digits: number) =>
  `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
const n0 = (x: number) => x.toFixed(0);

/**
 * Parse alone and validate end to end over the files of `dir` (at most `maxBytes` each), in a
 * process of their own (bench/support/validate-rate.ts); prints the medians and the ranges
 * over the rounds, and returns validate's median CPU rate.
 */
interface Measured {
  files: number;
  kib: number;
  parse: Rate[];
  full: Rate[];
}

/** bench/support/validate-rate.ts over `dir` in a process of its own: its rates per round. */
function measure(dir: string, maxBytes: number, seconds: number, rounds: number): Measured {
  const run = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bench/support/validate-rate.ts'),
      dir,
      String(maxBytes),
      String(seconds),
      String(rounds),
      String(WARM_UP_MS),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`measure failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Measured;
}

function compare(label: string, dir: string, maxBytes: number): number {
  const { files, kib, parse: p, full: v } = measure(dir, maxBytes, SECONDS, ROUNDS);
  const pc = p.map((r) => r.cpu);
  const vc = v.map((r) => r.cpu);
  const ratios = p.map((r, i) => r.cpu / v[i]!.cpu);
  const wallRatios = p.map((r, i) => r.wall / v[i]!.wall);
  console.log(
    `  ${label}: ${files} files, ${kib.toFixed(1)} KiB on average (median of ${ROUNDS} rounds, range in brackets):`,
  );
  console.log(
    `    parse only (baseline): ${n0(median(pc))}/s per CPU second [${range(pc, 0)}], ${n0(median(p.map((r) => r.wall)))}/s wall`,
  );
  console.log(
    `    validate end to end:   ${n0(median(vc))}/s per CPU second [${range(vc, 0)}], ${n0(median(v.map((r) => r.wall)))}/s wall`,
  );
  console.log(
    `    validate / parse time: ${median(ratios).toFixed(2)}× [${range(ratios, 2)}] (wall: ${median(wallRatios).toFixed(2)}×); target ≥ 3000/s, ≤ 2×`,
  );
  return median(vc);
}

/** validate()'s steady rate per CPU second over `dir`, one short measure in a fresh process. */
function inProcessRate(dir: string): number {
  return measure(dir, Infinity, Math.min(SECONDS, 2), 1).full[0]!.cpu;
}

// 2. Generated typical invoices, each distinct (its own number, lines, amounts, VAT mix).
const work = mkdtempSync(join(tmpdir(), 'chorale-bench-validate-'));
const generatedDir = join(work, 'invoices');
mkdirSync(generatedDir);
const generated: Uint8Array[] = [];
for (let i = 0; i < GENERATED; i++) {
  const g = generatedInvoice('BENCH', i, i % 2 === 0 ? 'UBL' : 'CII');
  generated.push(g.bytes);
  writeFileSync(join(generatedDir, `${String(i).padStart(6, '0')}-${g.syntax}.xml`), g.bytes);
}
// They must be valid (the generator adds up its amounts): a benchmark of refusals would lie.
for (const b of generated.slice(0, 50)) {
  const r = validate(b);
  if (!r.valid) throw new Error(`a generated invoice is invalid: ${r.fatal.join(' ')}`);
}

// 3. Cold cache: before anything in this process warms V8 up, in a fresh process.
const coldRun = spawnSync(
  process.execPath,
  ['--import', 'tsx', join(root, 'bench/support/validate-cold.ts'), generatedDir, String(COLD)],
  { cwd: root, encoding: 'utf8' },
);
if (coldRun.status !== 0) throw new Error(`cold run failed: ${coldRun.stderr}`);
const cold = JSON.parse(coldRun.stdout) as {
  n: number;
  total: number;
  importMs: number;
  readMs: number;
  firstMs: number;
  firstNCpuMs: number;
  allCpuMs: number;
  allWallMs: number;
};
/** All the generated files validated in a fresh process: import, reading and validation. */
const freshRate = (cold.total * 1000) / (cold.importMs + cold.readMs + cold.allCpuMs);

console.log(
  `Typical invoices, one core, ${SECONDS} s of CPU per measure, each corpus in a process of its own:`,
);
// 1. and 2., each corpus in its own process (see validate-rate.ts).
compare('all official examples', examplesDir, Infinity);
compare('official examples ≤ 1 MiB', examplesDir, 1024 * 1024);
compare(`generated invoices`, generatedDir, Infinity);
console.log(
  `  cold cache (fresh process): first ${cold.n} generated invoices ${n0((cold.n * 1000) / cold.firstNCpuMs)}/s per CPU second; all ${cold.total} ${n0((cold.total * 1000) / cold.allCpuMs)}/s (${n0((cold.total * 1000) / cold.allWallMs)}/s wall), ${n0(freshRate)}/s counting the library's import and reading the files; first report after ${cold.firstMs.toFixed(0)} ms (library import ${cold.importMs.toFixed(0)} ms)`,
);

// 4. chorale validate on the same invoices, as files: the command as installed
// (packages/server/bin/chorale.mjs runs the build, not the sources through tsx, whose
// transpiling and module hooks would be counted against the command, in every worker too).
if (WITH_CLI) {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/einvoice', 'packages/server'],
    { cwd: root, stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('could not build the chorale command');
  /** The CPU time of the whole process (all threads) on stderr at exit. */
  const cpuAtExit =
    'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeSync(2,`cpu-ms ${(u.user+u.system)/1000}\\n`)})';
  /** `chorale validate` over the generated folder given `times` times (each file judged that often). */
  const cli = (jobs: number, times = 1) => {
    const start = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        cpuAtExit,
        join(root, 'packages/server/bin/chorale.mjs'),
        'validate',
        '--format',
        'json',
        '--jobs',
        String(jobs),
        ...Array.from({ length: times }, () => generatedDir),
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    const wall = performance.now() - start;
    const lines = r.stdout.split('\n').filter(Boolean).length;
    if (r.status !== 0 || lines !== generated.length * times)
      throw new Error(`chorale validate: status ${r.status}, ${lines} lines: ${r.stderr}`);
    const cpu = Number(/cpu-ms ([0-9.]+)/.exec(r.stderr)?.[1]);
    return { wall, cpu };
  };
  const cores = availableParallelism();
  // The machine's speed drifts between runs (shared or throttled cores: the same measure seen
  // 40 % apart a minute later), so the command is compared with the in-process rate measured
  // just before it, pair by pair, and the median ratio is reported.
  const pairs: {
    inProcess: number;
    one: { wall: number; cpu: number };
    threeWall: number;
    marginal: number;
  }[] = [];
  for (let p = 0; p < CLI_PAIRS; p++) {
    const inProcess = inProcessRate(generatedDir);
    const one = cli(1);
    // Start-up amortised: the folder given three times costs the start-up and V8's warm-up
    // once; the difference with one pass is the steady rate of the command per CPU second.
    const three = cli(1, 3);
    pairs.push({
      inProcess,
      one,
      threeWall: three.wall,
      marginal: (2 * generated.length * 1000) / (three.cpu - one.cpu),
    });
  }
  const all = cli(cores);
  // The same with the folder given three times: start-up and warm-up weigh a third as much.
  const allThree = cli(cores, 3);
  const one = pairs.map((x) => x.one);
  const perCore = one.map((o) => (generated.length * 1000) / o.cpu);
  const startUpRatios = pairs.map((x, i) => perCore[i]! / x.inProcess);
  const ratios = pairs.map((x) => x.marginal / x.inProcess);
  const pct = (x: number) => `${(100 * x).toFixed(0)} %`;
  const pctRange = (xs: number[]) => `${pct(Math.min(...xs))}–${pct(Math.max(...xs))}`;
  console.log(
    `  chorale validate --format json, ${generated.length} files, ${CLI_PAIRS} pairs (each run beside an in-process measure of the same files, taken just before it):`,
  );
  console.log(
    `    --jobs 1, start-up included: ${n0(median(perCore))}/s per CPU second, ${n0(median(one.map((o) => (generated.length * 1000) / o.wall)))}/s wall: ${pct(median(startUpRatios))} [${pctRange(startUpRatios)}] of the steady in-process rate, ${((100 * median(perCore)) / freshRate).toFixed(0)} % of the fresh process's (cold cache, above)`,
  );
  console.log(
    `    --jobs 1, start-up amortised (the folder given 3 times, minus once): ${n0(median(pairs.map((x) => x.marginal)))}/s per CPU second: ${pct(median(ratios))} [${pctRange(ratios)}] of the steady in-process rate (target ≥ 90 %)`,
  );
  const oneWall = median(one.map((o) => o.wall));
  console.log(
    `    --jobs ${cores}: ${n0((generated.length * 1000) / all.wall)}/s wall (${(oneWall / all.wall).toFixed(2)}× --jobs 1), ${n0((generated.length * 1000) / all.cpu)}/s per CPU second, ${(all.cpu / all.wall).toFixed(2)} cores busy on average`,
  );
  const threeWall = median(pairs.map((x) => x.threeWall));
  console.log(
    `    --jobs ${cores}, the folder given 3 times: ${n0((3 * generated.length * 1000) / allThree.wall)}/s wall (${(threeWall / allThree.wall).toFixed(2)}× --jobs 1 on the same), ${(allThree.cpu / allThree.wall).toFixed(2)} cores busy on average (this thread judges files beside ${cores - 1} worker${cores > 2 ? 's' : ''})`,
  );
}
rmSync(work, { recursive: true, force: true });

/** A full collection when the script runs with --expose-gc (npm run bench:validate does). */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
console.log(`\nLarge generated invoices (UBL):`);
console.log(`  lines     size    parse     validate  ratio  fatal  rss`);
for (const lines of [1_000, 10_000, 100_000].filter((n) => n <= MAX_LINES)) {
  const doc = largeUbl(lines);
  // The tree of the previous measure is garbage by now, but V8 may not have collected it yet:
  // collect it first, so the peak belongs to the measure and not to what came before it.
  collectGarbage();
  const t0 = performance.now();
  parseXml(doc);
  const t1 = performance.now();
  collectGarbage();
  const t1v = performance.now();
  const report = validate(doc);
  const t2 = performance.now();
  console.log(
    `  ${String(lines).padStart(7)} ${mib(doc.length).padStart(7)} ${((t1 - t0) / 1000).toFixed(2).padStart(6)} s ${((t2 - t1v) / 1000).toFixed(2).padStart(7)} s ${((t2 - t1v) / (t1 - t0)).toFixed(2).padStart(5)}× ${String(report.fatal.length).padStart(5)}  ${mib(process.memoryUsage().rss)}`,
  );
  if (report.fatal.length) console.log(`    (fatal rules fired: ${report.fatal.join(' ')})`);
}
clearInterval(sampler);
console.log(
  `\npeak RSS of the process: ${mib(Math.max(peak, process.resourceUsage().maxRSS * 1024))}`,
);
