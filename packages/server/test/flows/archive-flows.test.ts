import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveEntrySource } from '../../src/flows/archive-source.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { cii, ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { readAllEntries, scratch, tarGz, tarGzBomb } from './archive-support.js';
import { accepted, depositRaw, integrate, zipOf } from './support.js';

/**
 * Real zip and tar.gz flows through the integration (the archive reader behind the
 * FlowEntrySource seam, as runtime.ts wires it): entries integrate, a whole-archive refusal
 * rejects the flow with its code and reasons, and one that only shows after entries were read
 * (a stream) integrates nothing.
 */
let t: TestApp;
let p: Personas;
let files: Awaited<ReturnType<typeof scratch>>;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  files = await scratch();
});
afterAll(async () => {
  await files.done();
  await t.close();
});

let counter = 0;
const nextNumber = () => `ARCH-${process.pid}-${++counter}`;

interface Report {
  flow: {
    etat: string;
    entries: number | null;
    accepted: number;
    refused: number;
    error: { code: string; message: { fr: string; en: string } } | null;
  };
  entries: { index: number; name: string; outcome: string; refusalCode: string | null }[];
}

const report = async (id: string) => {
  const res = await call(t, p.apiClient, { method: 'GET', url: `/api/v1/flows/${id}/report` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Report>();
};

const deposit = async (bytes: Uint8Array, syntaxeFlux: string, nomFichier: string) =>
  accepted(await depositRaw(t, p.apiClient, bytes, { syntaxeFlux, nomFichier })).id;

const storedNumbers = async (numbers: string[]) =>
  (
    await t.database.db
      .selectFrom('invoice')
      .select('number')
      .where('number', 'in', numbers)
      .execute()
  ).map((r) => r.number);

/** n distinct UBL invoices as tar members (facture-0.xml …). */
function ublMembers(n: number) {
  const numbers = Array.from({ length: n }, nextNumber);
  return {
    numbers,
    members: numbers.map((number, i) => ({
      name: `facture-${i}.xml`,
      bytes: ubl({ number }).bytes,
    })),
  };
}

describe('flows: real archives', () => {
  it('integrates a tar.gz flow; an entry of another syntax is refused on its own', async () => {
    const { numbers, members } = ublMembers(3);
    const ciiNumber = nextNumber();
    const bytes = await tarGz([
      ...members,
      { name: 'lot/', type: 'directory' },
      { name: 'lot/cii.xml', bytes: cii({ number: ciiNumber }).bytes },
    ]);
    const id = await deposit(bytes, 'IN_DP_E1_UBL_INVOICE', 'lot.tar.gz');
    expect((await integrate(t, id)).state).toBe('IN_INTEGRE_PARTIEL');
    const r = await report(id);
    expect(r.flow).toMatchObject({ entries: 4, accepted: 3, refused: 1, error: null });
    expect(r.entries.map((e) => [e.name, e.outcome, e.refusalCode])).toEqual([
      ['facture-0.xml', 'ACCEPTED', null],
      ['facture-1.xml', 'ACCEPTED', null],
      ['facture-2.xml', 'ACCEPTED', null],
      ['lot/cii.xml', 'REFUSED', 'SYNTAXE_NON_CONFORME'],
    ]);
    expect((await storedNumbers([...numbers, ciiNumber])).sort()).toEqual(numbers.sort());
  });

  it('integrates a zip of CII invoices', async () => {
    const numbers = [nextNumber(), nextNumber()];
    const bytes = await zipOf(
      numbers.map((number) => ({ name: `${number}.xml`, bytes: cii({ number }).bytes })),
    );
    const id = await deposit(bytes, 'IN_DP_E1_CII_16B', 'lot.zip');
    expect((await integrate(t, id)).state).toBe('IN_INTEGRE');
    expect((await storedNumbers(numbers)).sort()).toEqual(numbers.sort());
  });

  it('rejects a bomb as a whole, with its code and French and English reason', async () => {
    const id = await deposit(tarGzBomb(64), 'IN_DP_E1_UBL_INVOICE', 'bombe.tar.gz');
    expect((await integrate(t, id)).state).toBe('IN_REJETE');
    const r = await report(id);
    expect(r.flow.error?.code).toMatch(/^FLOW_(COMPRESSION_RATIO|UNCOMPRESSED_TOO_LARGE)$/);
    expect(r.flow.error!.message.fr).not.toBe(r.flow.error!.message.en);
    expect(r.flow.error!.message.fr.length).toBeGreaterThan(20);
    expect(r.entries).toEqual([]);
  });

  it('integrates nothing of a tar.gz whose refusal shows only after entries were read', async () => {
    const { numbers, members } = ublMembers(8);
    const whole = await tarGz(members);
    // Cut at three quarters: gunzip hands over the first entries, then the stream ends early.
    const cut = whole.subarray(0, Math.floor(whole.length * 0.75));
    // The reader itself yields entries before it refuses the archive: the hazard is real.
    const raw = await readAllEntries({
      path: await files.file('cut.tar.gz', cut),
      container: 'tar.gz',
    });
    expect(raw.entries.length).toBeGreaterThan(0);
    expect(raw.error?.code).toBe('FLOW_CORRUPT');

    const id = await deposit(cut, 'IN_DP_E1_UBL_INVOICE', 'coupe.tar.gz');
    expect((await integrate(t, id)).state).toBe('IN_REJETE');
    const r = await report(id);
    expect(r.flow.error?.code).toBe('FLOW_CORRUPT');
    expect(r.flow).toMatchObject({ accepted: 0, refused: 0 });
    expect(r.entries).toEqual([]);
    expect(await storedNumbers(numbers)).toEqual([]);
  });

  it('integrates nothing of a tar.gz with more entries than allowed', async () => {
    const limits = { maxEntries: 3 };
    const { numbers, members } = ublMembers(5);
    const bytes = await tarGz(members);
    const raw = await readAllEntries({
      path: await files.file('many.tar.gz', bytes),
      container: 'tar.gz',
      limits,
    });
    expect(raw.entries).toHaveLength(3);
    expect(raw.error?.code).toBe('FLOW_TOO_MANY_ENTRIES');

    const id = await deposit(bytes, 'IN_DP_E1_UBL_INVOICE', 'trop.tar.gz');
    const result = await integrate(t, id, { archives: archiveEntrySource({ limits }) });
    expect(result.state).toBe('IN_REJETE');
    const r = await report(id);
    expect(r.flow.error?.code).toBe('FLOW_TOO_MANY_ENTRIES');
    expect(r.entries).toEqual([]);
    expect(await storedNumbers(numbers)).toEqual([]);
  });
});
