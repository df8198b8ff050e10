/**
 * Factur-X / PDF rendering benchmark (one core, one process), on the shared official examples:
 * 1. Factur-X PDFs written per second (bytes of a UBL or CII invoice in, PDF/A-3b out: parse,
 *    read, UBL→CII when needed, layout, fonts, XMP, attachment, save);
 * 2. rendering alone (renderPdf of an already read model) in ms per invoice;
 * 3. baselines measured in the same run: an empty pdf-lib document saved, and a one-page
 *    pdf-lib document with one line of standard-font text, so the figures can be judged
 *    against the PDF library's own floor on this machine;
 * 4. a 1,000-line invoice: time to write its Factur-X and its page count.
 *
 *   npm run bench:pdf [-- --seconds 3]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { parseXml } from '../packages/einvoice/src/xml/parse.js';
import { syntaxOf } from '../packages/einvoice/src/model/syntax.js';
import { readUbl } from '../packages/einvoice/src/ubl/read.js';
import { readCii } from '../packages/einvoice/src/cii/read.js';
import { writeFacturX } from '../packages/einvoice/src/pdf/write-facturx.js';
import { renderPdf } from '../packages/einvoice/src/render/pdf.js';
import type { Invoice } from '../packages/einvoice/src/model/types.js';
import { numberArg } from './support/args.js';
import { xmlFiles } from './support/corpus.js';

const SECONDS = numberArg('--seconds', 3);
const examplesDir = join(import.meta.dirname, '../../shared/conformance/en16931/examples');

/** Runs `fn` over `items` repeatedly for about `seconds` (after one warm-up pass); per second. */
async function rate<T>(
  items: T[],
  fn: (x: T) => Promise<unknown>,
  seconds: number,
): Promise<number> {
  for (const x of items) await fn(x);
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (const x of items) await fn(x);
    n += items.length;
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}

function model(bytes: Uint8Array): Invoice {
  const p = parseXml(bytes);
  if (!p.ok) throw new Error(p.error.message);
  return syntaxOf(p.root) === 'UBL' ? readUbl(p.root) : readCii(p.root);
}

function bigInvoice(lines: number, base: Invoice): Invoice {
  const line = base.lines[0]!;
  return {
    ...base,
    lines: Array.from({ length: lines }, (_, i) => ({ ...line, id: String(i + 1) })),
  };
}

const corpus = xmlFiles(examplesDir).map((f) => new Uint8Array(readFileSync(f)));
const models = corpus.map(model);
let bytesOut = 0;
let written = 0;

const empty = await rate([0], async () => (await PDFDocument.create()).save(), SECONDS);
const oneLine = await rate(
  [0],
  async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage().drawText('Invoice F-1', { font, size: 12, x: 50, y: 700 });
    return doc.save();
  },
  SECONDS,
);
const facturx = await rate(
  corpus,
  async (xml) => {
    const pdf = await writeFacturX({ xml, lang: 'fr' });
    bytesOut += pdf.length;
    written++;
  },
  SECONDS,
);
const render = await rate(models, (m) => renderPdf(m, { lang: 'en' }), SECONDS);

const big = bigInvoice(1000, models[0]!);
let t = performance.now();
const bigPdf = await writeFacturX({ invoice: big, lang: 'fr' });
const bigMs = performance.now() - t;
const pages = (await PDFDocument.load(bigPdf)).getPageCount();

t = performance.now();
const avgSize = bytesOut / written;
console.log(`corpus: ${corpus.length} official examples (UBL and CII), ${SECONDS} s per measure`);
console.log(`baseline  empty pdf-lib document saved      ${empty.toFixed(0)} /s`);
console.log(`baseline  one page, one standard-font line  ${oneLine.toFixed(0)} /s`);
console.log(
  `Factur-X  PDF/A-3b written from XML          ${facturx.toFixed(1)} /s  (${(1000 / facturx).toFixed(1)} ms each, ~${(avgSize / 1024).toFixed(0)} KiB)`,
);
console.log(
  `render    renderPdf of a read model          ${(1000 / render).toFixed(1)} ms each (${render.toFixed(1)} /s)`,
);
console.log(
  `large     1,000-line invoice → Factur-X      ${bigMs.toFixed(0)} ms, ${pages} pages, ${(bigPdf.length / 1024).toFixed(0)} KiB`,
);
