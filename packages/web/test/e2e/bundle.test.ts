import { gzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageHeading, startPortal, type Portal } from './support.js';

/**
 * The portal's initial JavaScript budget (issue 6): under 300 kB gzipped. Measured the way a
 * visitor pays it — every script the browser downloads to show the first page — not from the
 * build's static graph alone (react-dsfr loads its DSFR script at start, which counts).
 */
const BUDGET_GZ = 300 * 1024;
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/assets');

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

function gz(file: string): number {
  return gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
}

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

describe('portal bundle', () => {
  for (const [label, url, as] of [
    ['anonymous home page', '/', undefined],
    ['supplier dashboard', '/fournisseur', 'supplier'],
  ] as const) {
    it(`loads under ${kB(BUDGET_GZ)} of gzipped JavaScript for the ${label}`, async () => {
      const page = await portal.newPage(as ? { as } : {});
      const scripts = new Set<string>();
      page.on('response', (response) => {
        const name = new URL(response.url()).pathname;
        if (name.endsWith('.js')) scripts.add(path.basename(name));
      });
      await page.goto(url);
      await pageHeading(page);
      await page.waitForLoadState('networkidle');
      const sizes = [...scripts].map((file) => ({ file, gz: gz(file) }));
      const total = sizes.reduce((sum, s) => sum + s.gz, 0);
      console.log(
        `initial JS for the ${label}: ${kB(total)} gzipped in ${sizes.length} files (${sizes
          .sort((a, b) => b.gz - a.gz)
          .map((s) => `${s.file} ${kB(s.gz)}`)
          .join(', ')})`,
      );
      expect(sizes.length).toBeGreaterThan(0);
      expect(total).toBeLessThan(BUDGET_GZ);
    });
  }

  it('keeps the EN 16931 engine out of the initial scripts (reported for the note)', () => {
    const all = readdirSync(dist).filter((f) => f.endsWith('.js'));
    const sizes = all.map((file) => ({ file, gz: gz(file) })).sort((a, b) => b.gz - a.gz);
    console.log(
      `largest chunks (gzipped): ${sizes
        .slice(0, 8)
        .map((s) => `${s.file} ${kB(s.gz)}`)
        .join(', ')}; all JS ${kB(sizes.reduce((sum, s) => sum + s.gz, 0))}`,
    );
    expect(sizes.length).toBeGreaterThan(1);
  });
});
