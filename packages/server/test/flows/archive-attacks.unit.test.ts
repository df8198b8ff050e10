// Hostile and malformed flows: each attack is refused with its stable code, entry by entry
// when only the entry is bad, for the whole flow when the archive itself is unusable; and no
// damaged archive makes the reader throw anything but a FlowArchiveError (fuzzed).
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MiB,
  PDF,
  XML,
  handZip,
  readAllEntries,
  scratch,
  tarGz,
  yazlZip,
  type RawZipEntry,
} from './archive-support.js';

let files: Awaited<ReturnType<typeof scratch>>;
let n = 0;
beforeAll(async () => {
  files = await scratch();
});
afterAll(() => files.done());

const ok = { name: 'ok.xml', data: XML('ok') };

async function zipCodes(entries: RawZipEntry[], limits = {}) {
  const path = await files.file(`z${n++}.zip`, handZip(entries));
  const { entries: read, error } = await readAllEntries({ path, container: 'zip', limits });
  return { codes: read.map((e) => e.refusal?.code ?? e.kind), error: error?.code };
}

async function tarCodes(members: Parameters<typeof tarGz>[0], limits = {}) {
  const path = await files.file(`t${n++}.tgz`, await tarGz(members));
  const { entries: read, error } = await readAllEntries({ path, container: 'tar.gz', limits });
  return { codes: read.map((e) => e.refusal?.code ?? e.kind), error: error?.code };
}

describe('zip: entries refused one by one', () => {
  it('refuses traversal, absolute names, drive letters and backslashes', async () => {
    const names = [
      '../evil.xml',
      'a/../../evil.xml',
      '/etc/evil.xml',
      'C:/evil.xml',
      'c:evil.xml',
      'a\\b.xml',
      '..\\evil.xml',
      '\\\\srv\\x.xml',
      'a/\u0001.xml',
      '',
    ];
    const result = await zipCodes([...names.map((name) => ({ name, data: XML(name) })), ok]);
    expect(result).toEqual({
      codes: [
        'ENTRY_PATH_TRAVERSAL',
        'ENTRY_PATH_TRAVERSAL',
        'ENTRY_ABSOLUTE_PATH',
        'ENTRY_ABSOLUTE_PATH',
        'ENTRY_ABSOLUTE_PATH',
        'ENTRY_UNSAFE_NAME',
        'ENTRY_PATH_TRAVERSAL',
        'ENTRY_ABSOLUTE_PATH',
        'ENTRY_UNSAFE_NAME',
        'ENTRY_UNSAFE_NAME',
        'xml',
      ],
      error: undefined,
    });
  });

  it('refuses names that are not valid UTF-8 and names too long', async () => {
    const bad = Buffer.from([0x61, 0xff, 0xfe, 0x2e, 0x78, 0x6d, 0x6c]);
    const result = await zipCodes(
      [{ name: bad, data: XML('1') }, { name: 'x'.repeat(40), data: XML('2') }, ok],
      {
        maxNameLength: 32,
      },
    );
    expect(result.codes).toEqual(['ENTRY_UNSAFE_NAME', 'ENTRY_UNSAFE_NAME', 'xml']);
  });

  it('decodes CP437 names of old archivers (no UTF-8 flag)', async () => {
    const path = await files.file(
      'cp437.zip',
      handZip([
        { name: Buffer.from([0x82, 0x74, 0x82, 0x2e, 0x78, 0x6d, 0x6c]), data: XML('1'), flags: 0 },
      ]),
    );
    const { entries } = await readAllEntries({ path, container: 'zip' });
    expect(entries[0]!.name).toBe('été.xml');
  });

  it('refuses symlinks and special files by their Unix mode, skips directories', async () => {
    const result = await zipCodes([
      { name: 'lien.xml', data: Buffer.from('/etc/passwd'), externalAttributes: 0o120777 << 16 },
      { name: 'tube.xml', data: XML('1'), externalAttributes: 0o010644 << 16 },
      { name: 'dossier/', externalAttributes: 0o040755 << 16 },
      { name: 'dos-dir', externalAttributes: 0x10 },
      ok,
    ]);
    expect(result.codes).toEqual(['ENTRY_LINK', 'ENTRY_SPECIAL_FILE', 'xml']);
  });

  it('refuses nested archives, duplicates, encrypted entries, unknown methods, non-invoices', async () => {
    const innerZip = await yazlZip([{ name: 'a.xml', bytes: XML('a') }]);
    const result = await zipCodes([
      { name: 'inner.zip', data: innerZip },
      { name: 'inner.xml.gz', data: gzipSync(XML('1')) },
      { name: 'renamed.xml', data: innerZip, method: 0 },
      ok,
      { name: 'ok.xml', data: XML('again') },
      { name: 'ok.xml'.normalize('NFD'), data: XML('nfd') },
      { name: 'secret.xml', data: XML('s'), flags: 0x0801 },
      { name: 'bzip2.xml', data: XML('b'), method: 12, compressed: Buffer.from('BZh9') },
      { name: 'notes.txt', data: Buffer.from('bonjour') },
      { name: 'empty.xml', data: Buffer.alloc(0) },
      { name: 'utf16.xml', data: Buffer.from('\uFEFF<x/>', 'utf16le') },
    ]);
    expect(result).toEqual({
      codes: [
        'ENTRY_NESTED_ARCHIVE',
        'ENTRY_NESTED_ARCHIVE',
        'ENTRY_NESTED_ARCHIVE',
        'xml',
        'ENTRY_DUPLICATE_NAME',
        'ENTRY_DUPLICATE_NAME',
        'ENTRY_ENCRYPTED',
        'ENTRY_UNSUPPORTED_COMPRESSION',
        'ENTRY_NOT_AN_INVOICE',
        'ENTRY_NOT_AN_INVOICE',
        'ENTRY_NOT_AN_INVOICE',
      ],
      error: undefined,
    });
  });

  it('refuses an entry too large, a bad checksum, a size that lies, bad deflate data', async () => {
    const big = Buffer.alloc(2 * MiB, 'a');
    const result = await zipCodes(
      [
        { name: 'big-declared.xml', data: big },
        { name: 'big-lying.xml', data: Buffer.concat([XML('x'), big]), uncompressedSize: 100 },
        { name: 'crc.xml', data: XML('c'), crc: 1234 },
        { name: 'deflate.xml', data: XML('d'), compressed: Buffer.from([0xff, 0xff, 0xff]) },
        ok,
      ],
      { maxEntryBytes: MiB },
    );
    expect(result.codes).toEqual([
      'ENTRY_TOO_LARGE',
      'ENTRY_CORRUPT',
      'ENTRY_CORRUPT',
      'ENTRY_CORRUPT',
      'xml',
    ]);
  });

  it('gives every refusal a French and an English reason', async () => {
    const path = await files.file('reasons.zip', handZip([{ name: '../x.xml', data: XML('1') }]));
    const { entries } = await readAllEntries({ path, container: 'zip' });
    expect(entries[0]!.refusal!.message.fr).toMatch(/hors de l'archive/);
    expect(entries[0]!.refusal!.message.en).toMatch(/climbs out of the archive/);
  });
});

describe('zip: the whole flow refused', () => {
  it('refuses more entries than the limit, directories counted', async () => {
    expect(
      (await zipCodes([ok, { name: 'b.xml', data: XML('b') }, { name: 'd/' }], { maxEntries: 2 }))
        .error,
    ).toBe('FLOW_TOO_MANY_ENTRIES');
  });

  it('refuses overlapping entries, lying local headers, no file at all', async () => {
    // Two central directory entries on one local header: the non-recursive bomb's trick.
    expect((await zipCodes([ok, { ...ok, sameDataAs: 0 }])).error).toBe('FLOW_OVERLAPPING_ENTRIES');
    // The same with another name: the local header then contradicts the directory.
    expect((await zipCodes([ok, { name: 'b.xml', sameDataAs: 0, data: XML('ok') }])).error).toBe(
      'FLOW_INCONSISTENT_HEADERS',
    );
    expect((await zipCodes([{ ...ok, localName: 'other.xml' }])).error).toBe(
      'FLOW_INCONSISTENT_HEADERS',
    );
    expect((await zipCodes([{ name: 'd/' }])).error).toBe('FLOW_EMPTY');
  });

  it('refuses a flow larger than the limit before reading it', async () => {
    expect((await zipCodes([ok], { maxFlowBytes: 10 })).error).toBe('FLOW_TOO_LARGE');
  });

  it('refuses a truncated zip and garbage after a zip signature', async () => {
    const zip = handZip([ok, { name: 'b.xml', data: XML('b') }]);
    for (const bytes of [
      zip.subarray(0, zip.length - 30),
      Buffer.from('PK\x03\x04 not a zip at all', 'latin1'),
    ]) {
      const path = await files.file(`bad${n++}.zip`, bytes);
      expect((await readAllEntries({ path, container: 'zip' })).error?.code).toBe('FLOW_CORRUPT');
    }
  });
});

describe('tar.gz', () => {
  it('refuses links, special files, traversal, absolute names, nesting, duplicates, non-invoices', async () => {
    const result = await tarCodes([
      { name: 'lien.xml', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'dur.xml', type: 'link', linkname: 'ok.xml' },
      { name: 'tube', type: 'fifo' },
      { name: 'tty', type: 'character-device' },
      { name: '../evil.xml', bytes: XML('1') },
      { name: '/abs.xml', bytes: XML('2') },
      { name: 'inner.tar.gz', bytes: await tarGz([{ name: 'a.xml', bytes: XML('a') }]) },
      { name: 'a.xml', bytes: XML('a') },
      { name: './a.xml', bytes: XML('a') },
      { name: 'notes.txt', bytes: Buffer.from('bonjour') },
      { name: 'b.pdf', bytes: PDF('b') },
    ]);
    expect(result).toEqual({
      codes: [
        'ENTRY_LINK',
        'ENTRY_LINK',
        'ENTRY_SPECIAL_FILE',
        'ENTRY_SPECIAL_FILE',
        'ENTRY_PATH_TRAVERSAL',
        'ENTRY_ABSOLUTE_PATH',
        'ENTRY_NESTED_ARCHIVE',
        'xml',
        'ENTRY_DUPLICATE_NAME',
        'ENTRY_NOT_AN_INVOICE',
        'pdf',
      ],
      error: undefined,
    });
  });

  it('refuses a nested plain tar (its ustar magic) and an entry too large', async () => {
    const { gunzipSync } = await import('node:zlib');
    const innerTar = gunzipSync(await tarGz([{ name: 'a.xml', bytes: XML('a') }]));
    const result = await tarCodes(
      [
        { name: 'inner.tar', bytes: innerTar },
        // Random text: a megabyte of spaces would trip the ratio limit of the whole stream.
        {
          name: 'big.xml',
          bytes: Buffer.concat([XML('big'), Buffer.from(randomBytes(MiB).toString('base64'))]),
        },
        { name: 'ok.xml', bytes: XML('ok') },
      ],
      { maxEntryBytes: MiB },
    );
    expect(result).toEqual({
      codes: ['ENTRY_NESTED_ARCHIVE', 'ENTRY_TOO_LARGE', 'xml'],
      error: undefined,
    });
  });

  it('refuses more entries than the limit, a truncated archive, a gzip that is no tar, no file', async () => {
    const three = [1, 2, 3].map((i) => ({ name: `${i}.xml`, bytes: XML(String(i)) }));
    expect((await tarCodes(three, { maxEntries: 2 })).error).toBe('FLOW_TOO_MANY_ENTRIES');
    expect((await tarCodes([{ name: 'd', type: 'directory' }])).error).toBe('FLOW_EMPTY');
    const whole = await tarGz(three);
    const cases = [
      whole.subarray(0, whole.length - 20),
      gzipSync(XML('not a tar')),
      Buffer.from([0x1f, 0x8b, 0, 0]),
    ];
    for (const bytes of cases) {
      const path = await files.file(`bad${n++}.tgz`, bytes);
      expect((await readAllEntries({ path, container: 'tar.gz' })).error?.code).toBe(
        'FLOW_CORRUPT',
      );
    }
  });
});

describe('damaged archives (fuzz)', () => {
  it('never throws anything but a FlowArchiveError, whatever bytes are changed or cut; the scan refuses what the reading refuses', async () => {
    const entries = [
      { name: 'a.xml', bytes: XML('a') },
      { name: 'dir/b.pdf', bytes: PDF('b') },
      { name: 'c.xml', bytes: XML('c'.repeat(300)) },
    ];
    const zip = await yazlZip(entries);
    const tgz = await tarGz(entries);
    const damage = (bytes: Buffer) =>
      fc.record({
        edits: fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 8,
        }),
        cut: fc.option(fc.nat(bytes.length), { nil: undefined }),
      });
    for (const [bytes, container] of [
      [zip, 'zip'],
      [tgz, 'tar.gz'],
    ] as const) {
      await fc.assert(
        fc.asyncProperty(damage(bytes), async ({ edits, cut }) => {
          const copy = Buffer.from(bytes);
          // Keep the signature so that the archive reader, not the sniffer, meets the damage.
          for (const [at, value] of edits) if (at > 3) copy[at] = value;
          const path = await files.file(
            `fuzz${n++}`,
            copy.subarray(0, Math.max(cut ?? copy.length, 4)),
          );
          // Rethrows anything not a FlowArchiveError.
          const full = await readAllEntries({ path, container });
          // The integration's scan (archive-source.ts) must refuse every flow the full reading
          // refuses, or entries would be deposited from a flow refused as a whole.
          const scan = await readAllEntries({ path, container, scan: true });
          if (full.error) expect(scan.error).toBeDefined();
        }),
        { numRuns: 150 },
      );
    }
  });
});
