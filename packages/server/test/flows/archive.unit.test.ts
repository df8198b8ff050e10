// The archive reader on well-formed flows: zip and tar.gz of mixed XML and PDF invoices, single
// files, archive order, UTF-8 names, early stop, abort, and the content sniffer.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFlowEntries, sniffContainer } from '../../src/flows/archive/index.js';
import { PDF, XML, readAllEntries, scratch, tarGz, yazlZip } from './archive-support.js';

let files: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  files = await scratch();
});
afterAll(() => files.done());

const mixed = [
  { name: 'factures/2026-001.xml', bytes: XML('001') },
  { name: 'factures/2026-002.pdf', bytes: PDF('002') },
  { name: 'Facture Été ñ 日本.xml', bytes: XML('003') },
  { name: 'z.xml', bytes: XML('004') },
  { name: 'a.pdf', bytes: PDF('005') },
];

function summary(
  entries: { index: number; name: string; kind?: string; refusal?: { code: string } }[],
) {
  return entries.map((e) => [e.index, e.name, e.kind ?? e.refusal?.code]);
}

const expected = [
  [0, 'factures/2026-001.xml', 'xml'],
  [1, 'factures/2026-002.pdf', 'pdf'],
  [2, 'Facture Été ñ 日本.xml', 'xml'],
  [3, 'z.xml', 'xml'],
  [4, 'a.pdf', 'pdf'],
];

describe('sniffContainer', () => {
  it('tells zip, gzip, PDF and XML by their first bytes', () => {
    expect(sniffContainer(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe('zip');
    expect(sniffContainer(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(sniffContainer(Buffer.from('%PDF-1.7'))).toBe('pdf');
    expect(sniffContainer(Buffer.from('\uFEFF \r\n\t<?xml version="1.0"?>'))).toBe('xml');
    expect(sniffContainer(Buffer.from('<Invoice/>'))).toBe('xml');
    expect(sniffContainer(Buffer.from('hello <x/>'))).toBe('unknown');
    expect(sniffContainer(Buffer.from('PK\x05\x06', 'latin1'))).toBe('unknown');
    expect(sniffContainer(new Uint8Array(0))).toBe('unknown');
    expect(sniffContainer(Buffer.from('   '))).toBe('unknown');
  });
});

describe('readFlowEntries: well-formed flows', () => {
  it('reads a zip of XML and PDF entries in archive order, with UTF-8 names and exact bytes', async () => {
    const path = await files.file('mixed.zip', await yazlZip(mixed));
    const { entries, error } = await readAllEntries({ path, container: 'zip' });
    expect(error).toBeUndefined();
    expect(summary(entries)).toEqual(expected);
    entries.forEach((e, i) => expect(Buffer.from(e.bytes!)).toEqual(mixed[i]!.bytes));
  });

  it('reads a tar.gz of XML and PDF entries in archive order, directories skipped', async () => {
    const members = [
      { name: 'factures/', type: 'directory' as const },
      mixed[0]!,
      mixed[1]!,
      { name: './vide/', type: 'directory' as const },
      mixed[2]!,
      { ...mixed[3]!, name: './z.xml' },
      mixed[4]!,
    ];
    const path = await files.file('mixed.tar.gz', await tarGz(members));
    const { entries, error } = await readAllEntries({ path, container: 'tar.gz' });
    expect(error).toBeUndefined();
    expect(summary(entries)).toEqual(expected);
    entries.forEach((e, i) => expect(Buffer.from(e.bytes!)).toEqual(mixed[i]!.bytes));
  });

  it('reads a long name (a pax header in tar)', async () => {
    const name = `${'dossier/'.repeat(30)}facture.xml`;
    const path = await files.file('long.tar.gz', await tarGz([{ name, bytes: XML('x') }]));
    const { entries } = await readAllEntries({ path, container: 'tar.gz' });
    expect(summary(entries)).toEqual([[0, name, 'xml']]);
  });

  it('reads a single XML or PDF invoice as one entry named after the deposit', async () => {
    const xml = await files.file('upload-1', XML('s1'));
    const pdf = await files.file('upload-2', PDF('s2'));
    const a = await readAllEntries({ path: xml, container: 'single', name: 'facture.xml' });
    const b = await readAllEntries({ path: pdf, container: 'single' });
    expect(summary(a.entries)).toEqual([[0, 'facture.xml', 'xml']]);
    expect(summary(b.entries)).toEqual([[0, 'upload-2', 'pdf']]);
    expect(Buffer.from(a.entries[0]!.bytes!)).toEqual(XML('s1'));
  });

  it('refuses a declared container that the content contradicts', async () => {
    const zip = await files.file('really.zip', await yazlZip(mixed));
    const tgz = await files.file('really.tgz', await tarGz([mixed[0]!]));
    const xml = await files.file('really.xml', XML('1'));
    for (const [path, container] of [
      [zip, 'single'],
      [zip, 'tar.gz'],
      [tgz, 'zip'],
      [tgz, 'single'],
      [xml, 'zip'],
      [xml, 'tar.gz'],
    ] as const) {
      const { error } = await readAllEntries({ path, container });
      expect(error?.code, `${path} as ${container}`).toBe('FLOW_CONTAINER_MISMATCH');
    }
  });

  it('refuses a single file that is no invoice as an entry, with a reason', async () => {
    const path = await files.file('notes.txt', Buffer.from('bonjour'));
    const { entries } = await readAllEntries({ path, container: 'single' });
    expect(entries[0]!.refusal?.code).toBe('ENTRY_NOT_AN_INVOICE');
    expect(entries[0]!.refusal?.message.fr).toMatch(/ni un document XML ni un PDF/);
    expect(entries[0]!.refusal?.message.en).toMatch(/neither an XML document nor a PDF/);
  });

  it('stops cleanly when the caller stops early, and on abort', async () => {
    for (const [name, bytes, container] of [
      ['early.zip', await yazlZip(mixed), 'zip'],
      ['early.tgz', await tarGz(mixed), 'tar.gz'],
    ] as const) {
      const path = await files.file(name, bytes);
      const seen: string[] = [];
      for await (const entry of readFlowEntries({ path, container })) {
        seen.push(entry.name);
        if (seen.length === 2) break;
      }
      expect(seen).toEqual(['factures/2026-001.xml', 'factures/2026-002.pdf']);

      const controller = new AbortController();
      const reading = (async () => {
        for await (const _ of readFlowEntries({ path, container, signal: controller.signal })) {
          controller.abort(new Error('arrêt'));
        }
      })();
      await expect(reading).rejects.toThrow('arrêt');
    }
  });

  it('round-trips any set of safe names, in order, in zip and tar.gz (property)', async () => {
    const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter(
      (s) =>
        s !== '.' &&
        s !== '..' &&
        // eslint-disable-next-line no-control-regex
        !/[/\\\u0000-\u001f\u007f\uFFFD]/.test(s) &&
        !/^[A-Za-z]:/.test(s),
    );
    const name = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    const names = fc
      .uniqueArray(name, {
        minLength: 1,
        maxLength: 8,
        selector: (n) => n.normalize('NFC'),
      })
      .filter((ns) =>
        ns.every((n) => !n.startsWith('./') && !ns.some((m) => m.startsWith(`${n}/`))),
      );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(names, fc.boolean(), async (ns, tar) => {
        const entries = ns.map((n, i) => ({
          name: n,
          bytes: i % 2 ? PDF(String(i)) : XML(String(i)),
        }));
        const bytes = tar ? await tarGz(entries) : await yazlZip(entries);
        const path = await files.file(`prop-${run++}`, bytes);
        const read = await readAllEntries({ path, container: tar ? 'tar.gz' : 'zip' });
        expect(read.error).toBeUndefined();
        expect(read.entries.map((e) => [e.name, e.kind])).toEqual(
          entries.map((e, i) => [e.name, i % 2 ? 'pdf' : 'xml']),
        );
      }),
      { numRuns: 40 },
    );
  });
});
