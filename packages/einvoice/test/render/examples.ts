/**
 * The invoices every rendering test runs on: the official EN 16931 examples and the Factur-X
 * samples at EN 16931 level or above (their expected verdict names the EN 16931 spec).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validate, type ValidationReport } from '../../src/validate.js';
import type { Invoice } from '../../src/model/types.js';

export const CONFORMANCE = join(import.meta.dirname, '../../../../../shared/conformance');

export interface Example {
  name: string;
  invoice: Invoice;
  report: ValidationReport;
}

function xmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...xmlFiles(p));
    else if (e.endsWith('.xml')) out.push(p);
  }
  return out;
}

export function exampleFiles(): string[] {
  const files = xmlFiles(join(CONFORMANCE, 'en16931/examples'));
  const fx = join(CONFORMANCE, 'factur-x');
  for (const line of readFileSync(join(fx, 'expected.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const e = JSON.parse(line) as { file: string; spec?: string };
    if (e.file.startsWith('xml/') && e.spec?.startsWith('urn:cen.eu:en16931:2017')) {
      files.push(join(fx, e.file));
    }
  }
  return files;
}

/** Every example read; throws if one cannot be read (a rendering test must not skip it). */
export function loadExamples(): Example[] {
  return exampleFiles().map((file) => {
    const report = validate(readFileSync(file));
    if (!report.invoice) throw new Error(`${file}: not read (${report.error?.message ?? '?'})`);
    return { name: relative(CONFORMANCE, file), invoice: report.invoice, report };
  });
}
