// Decompression bombs and large archives: refused fast with bounded memory, and a 5,000-entry
// archive read whole with memory bounded (one entry at a time).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MiB,
  PDF,
  XML,
  deflatedZeros,
  handZip,
  peakRssGrowth,
  readAllEntries,
  scratch,
  tarGz,
  tarGzBomb,
  yazlZip,
} from './archive-support.js';

let files: Awaited<ReturnType<typeof scratch>>;
let zipBomb: string;
let tarBomb: string;
beforeAll(async () => {
  files = await scratch();
  // 1 GiB of zeros deflated to about 1 MiB, in front of an ordinary invoice.
  const { compressed, crc } = deflatedZeros(1024);
  zipBomb = await files.file(
    'bomb.zip',
    handZip([
      { name: 'bomb.xml', compressed, crc, uncompressedSize: 1024 * MiB },
      { name: 'ok.xml', data: XML('ok') },
    ]),
  );
  tarBomb = await files.file('bomb.tar.gz', tarGzBomb(1024));
});
afterAll(() => files.done());

describe('bombs', () => {
  it('builds a real bomb: about 1 MiB that inflates to 1 GiB', async () => {
    const { stat } = await import('node:fs/promises');
    expect((await stat(zipBomb)).size).toBeLessThan(2 * MiB);
    expect((await stat(tarBomb)).size).toBeLessThan(2 * MiB);
  });

  it('refuses a 1 GiB zip bomb that declares its size at once, without inflating', async () => {
    const { result, ms } = await peakRssGrowth(() =>
      readAllEntries({ path: zipBomb, container: 'zip' }),
    );
    expect(result.entries.map((e) => e.refusal?.code ?? e.kind)).toEqual([
      'ENTRY_TOO_LARGE',
      'xml',
    ]);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a 1 GiB zip bomb that lies about its size by its ratio, fast, in bounded memory', async () => {
    // Declares 5 MiB (under the entry limit): only the inflated bytes can tell.
    const { compressed, crc } = deflatedZeros(1024);
    const path = await files.file(
      'lying-bomb.zip',
      handZip([
        { name: 'bomb.xml', compressed, crc, uncompressedSize: 5 * MiB },
        { name: 'ok.xml', data: XML('ok') },
      ]),
    );
    const { result, growth, ms } = await peakRssGrowth(() =>
      readAllEntries({ path, container: 'zip' }),
    );
    expect(result.entries.map((e) => e.refusal?.code ?? e.kind)).toEqual([
      'ENTRY_COMPRESSION_RATIO',
      'xml',
    ]);
    expect(growth).toBeLessThan(100 * MiB);
    expect(ms).toBeLessThan(3000);
    // Without the ratio, inflation stops one byte past the declared size: a damaged entry.
    const noRatio = await peakRssGrowth(() =>
      readAllEntries({ path, container: 'zip', limits: { maxRatio: Infinity } }),
    );
    expect(noRatio.result.entries.map((e) => e.refusal?.code ?? e.kind)).toEqual([
      'ENTRY_CORRUPT',
      'xml',
    ]);
    expect(noRatio.growth).toBeLessThan(100 * MiB);
    expect(noRatio.ms).toBeLessThan(3000);
  });

  it('refuses a 1 GiB tar.gz bomb as a whole, fast, in bounded memory', async () => {
    const { result, growth, ms } = await peakRssGrowth(() =>
      readAllEntries({ path: tarBomb, container: 'tar.gz' }),
    );
    expect(result.error?.code).toBe('FLOW_COMPRESSION_RATIO');
    expect(growth).toBeLessThan(100 * MiB);
    expect(ms).toBeLessThan(3000);
  });

  it('stops a tar.gz bomb at the archive limit when the ratio does not apply', async () => {
    const { result, growth } = await peakRssGrowth(() =>
      readAllEntries({
        path: tarBomb,
        container: 'tar.gz',
        limits: { maxRatio: Infinity, maxArchiveBytes: 64 * MiB },
      }),
    );
    // Refused by its header's size first, then drained under the archive limit, which stops it.
    expect(result.entries.map((e) => e.refusal?.code)).toEqual(['ENTRY_TOO_LARGE']);
    expect(result.error?.code).toBe('FLOW_UNCOMPRESSED_TOO_LARGE');
    expect(growth).toBeLessThan(100 * MiB);
  });

  it('refuses a zip whose entries together exceed the archive limit', async () => {
    const entries = [1, 2, 3, 4].map((i) => ({
      name: `${i}.xml`,
      data: Buffer.concat([XML(String(i)), Buffer.from(randomBytes(MiB / 2).toString('base64'))]),
    }));
    const path = await files.file('total.zip', handZip(entries));
    const { entries: read, error } = await readAllEntries({
      path,
      container: 'zip',
      limits: { maxArchiveBytes: MiB },
    });
    expect(read.map((e) => e.kind)).toEqual(['xml']);
    expect(error?.code).toBe('FLOW_UNCOMPRESSED_TOO_LARGE');
    // The integration's scan refuses it too, from the declared sizes, inflating nothing.
    const scan = await readAllEntries({
      path,
      container: 'zip',
      limits: { maxArchiveBytes: MiB },
      scan: true,
    });
    expect(scan.entries).toEqual([]);
    expect(scan.error?.code).toBe('FLOW_UNCOMPRESSED_TOO_LARGE');
  });

  it('refuses an overlapping-entries bomb (many names on one compressed entry) at once', async () => {
    const { compressed, crc } = deflatedZeros(8);
    const entries = [
      { name: 'a.xml', compressed, crc, uncompressedSize: 8 * MiB },
      ...Array.from({ length: 500 }, () => ({ name: 'a.xml', sameDataAs: 0 })),
    ];
    const path = await files.file('overlap.zip', handZip(entries));
    const { result, ms } = await peakRssGrowth(() =>
      readAllEntries({ path, container: 'zip', limits: { maxRatio: Infinity } }),
    );
    expect(result.error?.code).toBe('FLOW_OVERLAPPING_ENTRIES');
    expect(ms).toBeLessThan(3000);
  });
});

describe('many entries', () => {
  const count = 5000;
  const members = Array.from({ length: count }, (_, i) => ({
    name: `lot/${String(i).padStart(5, '0')}-${i % 7}.${i % 3 ? 'xml' : 'pdf'}`,
    // About 4 KiB each (20 MiB in all, read one at a time): memory must not grow with the archive.
    bytes:
      i % 3
        ? Buffer.concat([XML(String(i)), randomBytes(4 * 1024)])
        : Buffer.concat([PDF(String(i)), randomBytes(4 * 1024)]),
  }));

  for (const container of ['zip', 'tar.gz'] as const) {
    it(`reads a ${count}-entry ${container} in order with memory bounded`, async () => {
      const bytes = container === 'zip' ? await yazlZip(members) : await tarGz(members);
      const path = await files.file(`many.${container}`, bytes);
      let index = 0;
      let bytesSeen = 0;
      const { growth, ms } = await peakRssGrowth(async () => {
        const { readFlowEntries } = await import('../../src/flows/archive/index.js');
        for await (const entry of readFlowEntries({ path, container })) {
          expect(entry.index).toBe(index);
          expect(entry.name).toBe(members[index]!.name);
          expect(entry.kind).toBe(index % 3 ? 'xml' : 'pdf');
          bytesSeen += entry.bytes!.length;
          index++;
        }
      });
      expect(index).toBe(count);
      expect(bytesSeen).toBeGreaterThan(19 * MiB);
      expect(growth).toBeLessThan(100 * MiB);
      expect(ms).toBeLessThan(30_000);
    }, 60_000);
  }
});
