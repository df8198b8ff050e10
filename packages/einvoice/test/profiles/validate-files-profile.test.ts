/**
 * `chorale validate` on MINIMUM and BASIC WL invoices: XML and PDF give the profile verdict
 * and report the profile; EN 16931 level files keep their JSON line unchanged.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/node/validate-files.js';
import { makeHybrid } from '../pdf/read-fixtures.js';

const dir = join(import.meta.dirname, '../../../../../shared/conformance/factur-x/xml');
const MINIMUM = join(dir, 'factur-x-minimum.xml');
const BASIC_WL = join(dir, 'factur-x-basicwl.xml');
const EN16931 = join(dir, 'factur-x-en16931.xml');

async function run(paths: string[], format: 'json' | 'text' = 'json', lang: 'en' | 'fr' = 'en') {
  const lines: string[] = [];
  const status = await validateFiles({ paths, format, lang, write: (l) => lines.push(l) });
  return { status, lines };
}

interface Line {
  valid: boolean | null;
  fatal: string[];
  warning: string[];
  profile?: string | null;
  embeddedFile?: string | null;
  errors: { id: string; message: string }[];
}

describe('chorale validate by profile', () => {
  it('MINIMUM and BASIC WL XML are valid for their profile, which the line names', async () => {
    const { status, lines } = await run([MINIMUM, BASIC_WL]);
    const [min, wl] = lines.map((l) => JSON.parse(l) as Line);
    expect(min).toMatchObject({ valid: true, fatal: [], profile: 'MINIMUM' });
    expect(wl).toMatchObject({ valid: true, fatal: [], profile: 'BASIC WL' });
    expect(status).toBe(0);
  });

  it('an EN 16931 XML keeps its line unchanged (no profile key)', async () => {
    const { lines } = await run([EN16931]);
    const line = JSON.parse(lines[0]!) as Line;
    expect(line.valid).toBe(true);
    expect('profile' in line).toBe(false);
  });

  it('a refused MINIMUM gives status 1 and its findings', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'chorale-fx-profile-'));
    const bad = join(tmp, 'min-no-id.xml');
    writeFileSync(bad, readFileSync(MINIMUM, 'utf8').replace('<ram:ID>F20260023</ram:ID>', ''));
    const { status, lines } = await run([bad]);
    const line = JSON.parse(lines[0]!) as Line;
    expect(line.valid).toBe(false);
    expect(line.fatal).toContain('BR-02');
    expect(line.profile).toBe('MINIMUM');
    expect(status).toBe(1);
    const text = await run([bad], 'text', 'fr');
    expect(text.lines[0]).toContain('(MINIMUM)');
    expect(text.lines[0]).toContain('BR-02');
  });

  it('a MINIMUM Factur-X PDF gets the profile verdict', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'chorale-fx-profile-pdf-'));
    const pdf = join(tmp, 'minimum.pdf');
    writeFileSync(
      pdf,
      await makeHybrid({
        xml: new Uint8Array(readFileSync(MINIMUM)),
        xmp: { fx: { conformanceLevel: 'MINIMUM' } },
      }),
    );
    const { lines } = await run([pdf]);
    const line = JSON.parse(lines[0]!) as Line;
    expect(line).toMatchObject({ valid: true, fatal: [], profile: 'MINIMUM' });
    expect(line.embeddedFile).toBe('factur-x.xml');
  });
});
