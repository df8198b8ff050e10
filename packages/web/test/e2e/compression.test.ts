import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/test/support/app.js';
import { seedDemo } from '../../../server/src/seed/seed-demo.js';

/**
 * What goes on the wire: the portal's assets precompressed at build time and sent as they are,
 * API answers compressed per request, each only to a client that says it accepts it. The built
 * portal is there: the test suite's global setup builds it when stale.
 */
const assets = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/assets');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo({ db: t.database.db });
});
afterAll(async () => {
  await t?.close();
});

const stylesheet = () => readdirSync(assets).find((f) => /^index-.*\.css$/.test(f))!;

describe('compression', () => {
  it('sends the precompressed brotli or gzip copy of an asset, immutable, same bytes', async () => {
    const file = stylesheet();
    const original = readFileSync(path.join(assets, file));
    for (const [accept, encoding, decode] of [
      ['br, gzip', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/assets/${file}`,
        headers: { 'accept-encoding': accept },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^text\/css/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.rawPayload.length).toBeLessThan(original.length / 5);
      expect(decode(res.rawPayload).equals(original)).toBe(true);
    }
    const plain = await t.app.inject({ method: 'GET', url: `/assets/${file}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it('keeps only the icons the portal names, as files, not inlined', () => {
    const css = readFileSync(path.join(assets, stylesheet()), 'utf8');
    const icons = new Set(css.match(/\.fr-icon-[a-z0-9-]+(?=:before)/g));
    expect(icons.has('.fr-icon-download-line')).toBe(true);
    // The DSFR names 2,640; the portal uses a few dozen.
    expect(icons.size).toBeGreaterThan(10);
    expect(icons.size).toBeLessThan(200);
    // Its rule points at an SVG file of the build, fetched only when an element shows it.
    expect(css).toMatch(
      /\.fr-icon-download-line:before\{[^}]*url\(\/assets\/download-line-[\w-]+\.svg\)/,
    );
  });

  it('compresses a large API answer for a client that accepts it, and only then', async () => {
    const url = '/api/v1/structures?limit=100';
    const plain = await t.app.inject({ method: 'GET', url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it('leaves a small answer alone: compressing it would cost more than it saves', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });
});
