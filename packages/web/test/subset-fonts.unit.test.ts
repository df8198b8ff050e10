import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { convert } from 'fontverter';
import { Blob, Face } from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { KEPT_RANGES, subsetWoff2 } from '../build/subset-fonts.js';

const fontDir = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@codegouvfr/react-dsfr/package.json')),
  'dsfr/fonts',
);
const woff2 = readdirSync(fontDir).filter((f) => f.endsWith('.woff2'));

async function characters(font: Uint8Array): Promise<Set<number>> {
  const face = new Face(new Blob(new Uint8Array(await convert(Buffer.from(font), 'sfnt'))), 0);
  return new Set(face.collectUnicodes());
}

const kept = (c: number) => KEPT_RANGES.some(([from, to]) => c >= from && c <= to);

describe('subsetting the DSFR fonts', () => {
  it('finds the fonts the portal ships', () => {
    expect(woff2).toEqual(
      expect.arrayContaining(['Marianne-Regular.woff2', 'Marianne-Bold.woff2']),
    );
  });

  it.each(['Marianne-Regular.woff2', 'Spectral-ExtraBold.woff2'])(
    '%s keeps every character of French text it had, drops the others, and shrinks',
    async (name) => {
      const whole = new Uint8Array(readFileSync(path.join(fontDir, name)));
      const cut = await subsetWoff2(whole);
      const before = await characters(whole);
      const after = await characters(cut);
      // What French needs and the font has: accents, ligatures, quotes, the euro sign.
      for (const c of 'àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ«»’–—…€0123456789')
        if (before.has(c.codePointAt(0)!)) expect(after.has(c.codePointAt(0)!)).toBe(true);
      for (const c of before) expect(after.has(c)).toBe(kept(c));
      expect([...before].some((c) => !kept(c))).toBe(true);
      expect(cut.length).toBeLessThan(whole.length * 0.8);
      expect([...cut.subarray(0, 4)]).toEqual([...Buffer.from('wOF2')]);
    },
  );
});
