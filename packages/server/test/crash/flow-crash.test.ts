import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer as readAll } from 'node:stream/consumers';
import { sql } from 'kysely';
import yazl from 'yazl';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createApiClient,
  type ApiClientCredentials,
} from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { startSmtpSink, type SmtpSink } from '../../src/lib/smtp-sink.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { ublInvoice } from '../support/invoices.js';
import {
  freshLocation,
  startServer,
  tearDown,
  until,
  type Location,
  type ServerProcess,
} from './harness.js';

// The real server (`chorale serve`, child process) integrates a zip of 2,000 invoices and is
// killed with SIGKILL in the middle; restarted, it finishes the flow. Then: the report is
// complete (one entry per archive entry), the invoices stored are exactly the accepted entries,
// none twice. On PGlite by default, on a fresh PostgreSQL database when DATABASE_URL is set.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-flow-crash-'));
let location: Location | undefined;
let sink: SmtpSink | undefined;
let server: ServerProcess | undefined;
afterAll(() => tearDown({ server, sink, location, dir }));

const ENTRIES = 2000;
/** Entries refused on their own: an unknown recipient, and twins of earlier entries. */
const UNKNOWN = new Set([7, 250, 499, 777, 1000, 1234, 1500, 1666, 1888, 1999]);
const TWINS = new Map([
  [900, 5],
  [1950, 1400],
]);
const run = `${process.pid}-${Date.now().toString(36)}`;
const numberOf = (i: number) => `CRF-${run}-${String(i).padStart(4, '0')}`;
const eur = (cents: number) => (cents / 100).toFixed(2);

/** A valid invoice of 10 to 15 lines, numbers and amounts varying with `i`. */
function invoice(i: number): Uint8Array {
  const lines = Array.from({ length: 10 + (i % 6) }, (_, l) => {
    const quantity = 1 + ((i * 7 + l * 3) % 9);
    const price = 100 + ((i * 131 + l * 17) % 9900);
    return { quantity, price, net: quantity * price, l };
  });
  const net = lines.reduce((sum, l) => sum + l.net, 0);
  const vat = Math.round((net * 20) / 100);
  return ublInvoice({
    number: numberOf(i),
    ...(UNKNOWN.has(i)
      ? { recipient: { identifier: '11122233344455', name: 'Inconnu' } }
      : undefined),
    lines: lines.map((l) => ({
      name: `Prestation ${l.l + 1} de la facture ${i}`,
      quantity: String(l.quantity),
      unitPrice: eur(l.price),
      netAmount: eur(l.net),
      vatCategory: 'S',
      vatRate: '20',
    })),
    vatBreakdown: [{ category: 'S', rate: '20', taxableAmount: eur(net), taxAmount: eur(vat) }],
    totals: {
      lineNetTotal: eur(net),
      withoutVat: eur(net),
      vat: eur(vat),
      withVat: eur(net + vat),
      payable: eur(net + vat),
    },
  });
}

async function flowZip(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const bytes: Uint8Array[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    const twinOf = TWINS.get(i);
    bytes.push(twinOf === undefined ? invoice(i) : bytes[twinOf]!);
    zip.addBuffer(Buffer.from(bytes[i]!), `factures/${String(i).padStart(4, '0')}.xml`);
  }
  zip.end();
  return readAll(zip.outputStream as Readable);
}

interface FlowView {
  etat: string;
  entries: number | null;
  accepted: number;
  refused: number;
}

describe('flow integration survives SIGKILL', () => {
  it('finishes a 2,000-invoice flow after a crash: complete report, each invoice once', async () => {
    const started = Date.now();
    const phases: string[] = [];
    const phase = (name: string) =>
      phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    location = await freshLocation(path.join(dir, 'data'));
    let database = await location.open();
    let client: ApiClientCredentials;
    try {
      await migrateToLatest(database.db);
      await seedDemo({ db: database.db });
      client = await createApiClient({
        db: database.db,
        actor: SYSTEM_ACTOR,
        identifier: DEMO_SUPPLIER.identifier,
        name: 'flow crash test',
        scopes: ['invoices:send', 'invoices:read'],
      });
    } finally {
      await database.close();
    }
    const zip = await flowZip();
    phase(`zip of ${(zip.length / 1024 / 1024).toFixed(1)} MiB`);
    sink = await startSmtpSink();

    server = await startServer(location, sink.url);
    const tokens = new Map<string, string>();
    const api = async (base: string, url: string, init: RequestInit = {}) => {
      if (!tokens.has(base)) {
        const token = await fetch(`${base}/api/v1/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: client.clientId,
            client_secret: client.clientSecret,
          }),
        });
        tokens.set(base, ((await token.json()) as { access_token: string }).access_token);
      }
      const headers = { ...(init.headers as Record<string, string>) };
      return fetch(`${base}${url}`, {
        ...init,
        headers: { ...headers, authorization: `Bearer ${tokens.get(base)!}` },
      });
    };
    const res = await api(
      server.url,
      `/api/v1/flows?syntaxeFlux=IN_DP_E1_UBL_INVOICE&nomFichier=lot-crash.zip`,
      { method: 'POST', body: zip, headers: { 'content-type': 'application/octet-stream' } },
    );
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    phase('deposited');
    const view = async (base: string) =>
      (await (await api(base, `/api/v1/flows/${id}`)).json()) as FlowView;

    // Killed once a few hundred entries are recorded: well inside the integration.
    const running = server;
    await until(
      'entries recorded',
      async () => {
        const v = await view(running.url);
        return v.accepted + v.refused >= 300;
      },
      600_000,
    );
    server.child.kill('SIGKILL');
    await server.exited;
    phase('killed');

    database = await location.open();
    try {
      const db = database.db;
      const flow = await db
        .selectFrom('flow')
        .select(['state', 'lease_owner'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const recorded = await db
        .selectFrom('flow_entry')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('flow_id', '=', id)
        .executeTakeFirstOrThrow();
      phase(`${Number(recorded.n)} entries recorded at the kill`);
      // The kill caught the integration in the middle, holding the flow.
      expect(flow.state).toBe('IN_EN_COURS_TRAITEMENT_CPP');
      expect(flow.lease_owner).not.toBeNull();
      expect(Number(recorded.n)).toBeLessThan(ENTRIES);
      // Time travel, and only that: the killed run's job would be expired by the queue after
      // its 5 minutes and its lease on the flow would lapse after 60 s. Both clocks are moved
      // past their deadline so the test does not wait; recovery then runs as it would.
      await sql`update pgboss.job set started_on = started_on - interval '10 minutes'
        where name = 'integrate-flow' and state = 'active'`.execute(db);
      await db
        .updateTable('flow')
        .set({ lease_until: sql<Date>`now() - interval '1 second'` })
        .where('id', '=', id)
        .execute();
    } finally {
      await database.close();
    }

    server = await startServer(location, sink.url);
    phase('restarted');
    const restarted = server;
    let final: FlowView | undefined;
    await until(
      'the final state',
      async () => {
        const v = await view(restarted.url);
        if (!['IN_INTEGRE', 'IN_INTEGRE_PARTIEL', 'IN_REJETE', 'IN_INCIDENTE'].includes(v.etat))
          return false;
        final = v;
        return true;
      },
      900_000,
    );
    phase(`final ${final!.etat}`);
    const report = (await (await api(restarted.url, `/api/v1/flows/${id}/report`)).json()) as {
      entries: { index: number; outcome: string; invoiceId: string | null; refusalCode: string }[];
    };
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    // The report is complete: one entry per archive entry, each once.
    expect(final).toMatchObject({
      etat: 'IN_INTEGRE_PARTIEL',
      entries: ENTRIES,
      accepted: ENTRIES - UNKNOWN.size - TWINS.size,
      refused: UNKNOWN.size + TWINS.size,
    });
    expect(report.entries.map((e) => e.index)).toEqual([...Array(ENTRIES).keys()]);
    const refused = report.entries.filter((e) => e.outcome === 'REFUSED');
    expect(
      refused.filter((e) => e.refusalCode === 'DESTINATAIRE_INCONNU').map((e) => e.index),
    ).toEqual([...UNKNOWN].sort((a, b) => a - b));
    expect(refused.filter((e) => e.refusalCode === 'DOUBLON').map((e) => e.index)).toEqual([
      ...TWINS.keys(),
    ]);
    expect(refused).toHaveLength(UNKNOWN.size + TWINS.size);

    database = await location.open();
    try {
      const db = database.db;
      const invoices = await db
        .selectFrom('invoice')
        .select(['id', 'number', 'supplier_structure_id'])
        .where('number', 'like', `CRF-${run}-%`)
        .execute();
      // Invoices stored = accepted entries, none twice (by supplier and number).
      const acceptedIds = report.entries.filter((e) => e.outcome === 'ACCEPTED');
      expect(invoices).toHaveLength(acceptedIds.length);
      expect(new Set(invoices.map((i) => `${i.supplier_structure_id}|${i.number}`)).size).toBe(
        invoices.length,
      );
      expect(new Set(acceptedIds.map((e) => e.invoiceId)).size).toBe(acceptedIds.length);
      expect(acceptedIds.map((e) => e.invoiceId).sort()).toEqual(invoices.map((i) => i.id).sort());
      const entryRows = await db
        .selectFrom('flow_entry')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('flow_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(Number(entryRows.n)).toBe(ENTRIES);
    } finally {
      await database.close();
    }
    console.info(
      `flow crash test (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}): ${phases.join(', ')}`,
    );
  }, 1_800_000);
});
