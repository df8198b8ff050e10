import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/node/validate-files.js';
import { judgeInPool } from '../../src/node/validate-pool.js';
import { judgeFile } from '../../src/node/judge-file.js';

const examples = join(import.meta.dirname, '../../../../../shared/conformance/en16931/examples');

async function run(
  paths: string[],
  format: 'json' | 'text' = 'json',
  lang: 'fr' | 'en' = 'en',
  jobs = 1,
) {
  const lines: string[] = [];
  const status = await validateFiles({ paths, format, lang, jobs, write: (l) => lines.push(l) });
  return { status, lines };
}

describe('validateFiles (chorale validate)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chorale-validate-'));
  const valid = readFileSync(join(examples, 'ubl/examples/ubl-tc434-example1.xml'), 'utf8');
  writeFileSync(join(dir, 'valid.xml'), valid);
  // Same invoice without its number (BT-1): BR-02 must fire.
  writeFileSync(join(dir, 'invalid.xml'), valid.replace(/<cbc:ID>[^<]*<\/cbc:ID>/, ''));
  writeFileSync(join(dir, 'not-xml.xml'), '%PDF-1.7 this is not xml');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'nested.xml'), valid);
  writeFileSync(join(dir, 'sub', 'ignored.txt'), 'not an invoice file name');

  it('prints one JSON object per file with the documented fields, exit 0 when all are valid', async () => {
    const { status, lines } = await run([join(dir, 'valid.xml')]);
    expect(status).toBe(0);
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual([
      'errors',
      'fatal',
      'file',
      'syntax',
      'valid',
      'warning',
    ]);
    expect(line).toMatchObject({
      file: join(dir, 'valid.xml'),
      syntax: 'UBL',
      valid: true,
      fatal: [],
    });
  });

  it('judges each file by its own bytes, whatever the size of the one read before', async () => {
    // Files read one after the other share a buffer (judge-file.ts): a short file after a
    // long one must not see the long one's tail, and one over the buffer's 1 MiB is read whole.
    const sized = mkdtempSync(join(tmpdir(), 'chorale-validate-sizes-'));
    // An XML comment is ignored by the rules: the same invoice, padded past 1 MiB.
    const padded = valid.replace('<cbc:ID>', `<!--${'x'.repeat(1_200_000)}--><cbc:ID>`);
    writeFileSync(join(sized, '1-large.xml'), padded);
    writeFileSync(join(sized, '2-small.xml'), valid.replace(/<cbc:ID>[^<]*<\/cbc:ID>/, ''));
    writeFileSync(join(sized, '3-valid.xml'), valid);
    writeFileSync(join(sized, '4-cut.xml'), valid.slice(0, 400));
    const { lines } = await run([sized]);
    const verdicts = lines.map((l) => {
      const j = JSON.parse(l) as { valid: boolean | null; fatal: string[] };
      return [j.valid, j.fatal.includes('BR-02')];
    });
    expect(verdicts).toEqual([
      [true, false],
      [false, true],
      [true, false],
      [null, false],
    ]);
  });

  it('exits 1 when an invoice breaks a fatal rule, and locates the finding', async () => {
    const { status, lines } = await run([join(dir, 'invalid.xml')]);
    expect(status).toBe(1);
    const line = JSON.parse(lines[0]!) as {
      valid: boolean;
      fatal: string[];
      errors: { id: string; line: number; message: string }[];
    };
    expect(line.valid).toBe(false);
    expect(line.fatal).toContain('BR-02');
    const br02 = line.errors.find((e) => e.id === 'BR-02')!;
    expect(br02.message.length).toBeGreaterThan(10);
  });

  it('exits 2 on unreadable input, with valid null and an error', async () => {
    const { status, lines } = await run([join(dir, 'not-xml.xml'), join(dir, 'missing.xml')]);
    expect(status).toBe(2);
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      const j = JSON.parse(l) as { valid: unknown; syntax: unknown; error: string };
      expect(j.valid).toBeNull();
      expect(j.syntax).toBeNull();
      expect(j.error.length).toBeGreaterThan(3);
    }
  });

  it('walks folders recursively for .xml files, in a stable order', async () => {
    const { lines } = await run([dir]);
    const files = lines.map((l) => (JSON.parse(l) as { file: string }).file);
    expect(files).toEqual([
      join(dir, 'invalid.xml'),
      join(dir, 'not-xml.xml'),
      join(dir, 'sub', 'nested.xml'),
      join(dir, 'valid.xml'),
    ]);
  });

  it('speaks French in text format', async () => {
    const { lines } = await run([join(dir, 'invalid.xml')], 'text', 'fr');
    expect(lines[0]).toContain('non valide');
    expect(lines[0]).toContain('BR-02');
  });

  it('gives the same lines in the same order and the same status on worker threads (--jobs)', async () => {
    // Enough files that the workers finish out of order: invoices of different sizes.
    const many = join(dir, 'many');
    mkdirSync(many);
    const big = valid.replace(/(<cac:InvoiceLine>[\s\S]*<\/cac:InvoiceLine>)/, '$1$1$1$1$1$1');
    for (let i = 0; i < 24; i++) {
      const name = `f${String(i).padStart(2, '0')}.xml`;
      writeFileSync(
        join(many, name),
        i % 5 === 0 ? valid.replace('<cbc:ID>', '<cbc:IDX>') : i % 3 ? valid : big,
      );
    }
    const paths = [join(dir, 'valid.xml'), join(dir, 'missing.xml'), many, join(dir, 'sub')];
    for (const format of ['json', 'text'] as const) {
      const one = await run(paths, format, 'fr', 1);
      const three = await run(paths, format, 'fr', 3);
      expect(three.lines).toEqual(one.lines);
      expect(three.status).toBe(one.status);
      expect(one.status).toBe(2); // the missing path
      expect(one.lines).toHaveLength(2 + 24 + 1);
    }
    const onlyValid = await run([join(dir, 'valid.xml'), join(dir, 'sub')], 'json', 'en', 2);
    expect(onlyValid.status).toBe(0);
    expect(onlyValid.lines.map((l) => (JSON.parse(l) as { file: string }).file)).toEqual([
      join(dir, 'valid.xml'),
      join(dir, 'sub', 'nested.xml'),
    ]);
  });

  it('hands every line back in order when files wait for a slow one (the window)', async () => {
    const files: string[] = [];
    for (let i = 0; i < 12; i++) {
      const file = join(dir, `w${i}.xml`);
      // The first file is the slowest: the others must wait for it within the window.
      writeFileSync(
        file,
        i === 0
          ? valid.replace(/(<cac:InvoiceLine>[\s\S]*<\/cac:InvoiceLine>)/, '$1'.repeat(40))
          : valid,
      );
      files.push(file);
    }
    const options = { format: 'json', lang: 'en' } as const;
    const expected = await Promise.all(files.map((f) => judgeFile(f, options)));
    const seen: number[] = [];
    const lines: string[] = [];
    await judgeInPool(
      files,
      2,
      options,
      (index, judged) => {
        seen.push(index);
        lines.push(judged.line);
      },
      2,
    );
    expect(seen).toEqual(files.map((_, i) => i));
    expect(lines).toEqual(expected.map((j) => j.line));
  });
});
