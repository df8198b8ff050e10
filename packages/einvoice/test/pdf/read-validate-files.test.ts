import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/node/validate-files.js';
import { validate } from '../../src/validate.js';
import {
  SAMPLE_PDF,
  makeAttachmentBomb,
  makeHybrid,
  makePlain,
  sampleXml,
} from './read-fixtures.js';

async function run(paths: string[], format: 'json' | 'text' = 'json') {
  const lines: string[] = [];
  const status = await validateFiles({ paths, format, lang: 'en', write: (l) => lines.push(l) });
  return { status, lines };
}

interface Line {
  file: string;
  syntax: string | null;
  valid: boolean | null;
  fatal: string[];
  warning: string[];
  error?: string;
  profile?: string | null;
  embeddedFile?: string | null;
  pdfProblems?: { code: string; flag: string; message: string }[];
}

describe('chorale validate on PDFs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chorale-validate-pdf-'));

  it('a Factur-X: the verdict of its embedded XML, with profile and file name', async () => {
    const { status, lines } = await run([SAMPLE_PDF]);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Line;
    expect(line).toMatchObject({
      file: SAMPLE_PDF,
      syntax: 'CII',
      valid: true,
      fatal: [],
      warning: [],
      profile: 'EN 16931',
      embeddedFile: 'factur-x.xml',
    });
    expect(line.pdfProblems!.map((p) => p.code)).toEqual(['XMP_INFO_MISMATCH']);
    expect(status).toBe(0);
  });

  it('the same verdict as on the XML itself, for a hybrid we build', async () => {
    const xml = sampleXml();
    writeFileSync(join(dir, 'hybrid.pdf'), await makeHybrid({ xml }));
    const { lines } = await run([join(dir, 'hybrid.pdf')]);
    const line = JSON.parse(lines[0]!) as Line;
    const direct = validate(xml);
    expect([line.valid, line.fatal, line.warning]).toEqual([
      direct.valid,
      direct.fatal,
      direct.warning,
    ]);
    expect(line.pdfProblems).toEqual([]);
  });

  it('a plain PDF: valid null, "no embedded invoice", exit status 2', async () => {
    writeFileSync(join(dir, 'plain.pdf'), await makePlain());
    const { status, lines } = await run([join(dir, 'plain.pdf')]);
    const line = JSON.parse(lines[0]!) as Line;
    expect(line).toMatchObject({
      syntax: null,
      valid: null,
      error: 'no embedded invoice',
      profile: null,
      embeddedFile: null,
    });
    expect(status).toBe(2);
  });

  it('a hostile PDF: unreadable with its problem code', async () => {
    writeFileSync(join(dir, 'bomb.pdf'), await makeAttachmentBomb(64));
    const { status, lines } = await run([join(dir, 'bomb.pdf')]);
    const line = JSON.parse(lines[0]!) as Line;
    expect(line.valid).toBeNull();
    expect(line.error).toMatch(/^ATTACHMENT_TOO_LARGE: /);
    expect(status).toBe(2);
  });

  it('folders: PDFs are picked up next to XML files; text output names file and profile', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'chorale-validate-pdf-dir-'));
    copyFileSync(SAMPLE_PDF, join(sub, 'a.pdf'));
    writeFileSync(join(sub, 'b.xml'), sampleXml());
    const { lines } = await run([sub]);
    expect(lines.map((l) => (JSON.parse(l) as Line).file)).toEqual([
      join(sub, 'a.pdf'),
      join(sub, 'b.xml'),
    ]);
    const text = await run([join(sub, 'a.pdf')], 'text');
    expect(text.lines[0]).toContain('factur-x.xml, EN 16931');
    expect(text.lines[0]).toContain('valid');
    expect(text.lines[0]).toContain('XMP_INFO_MISMATCH');
  });
});
