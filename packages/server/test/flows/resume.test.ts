import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ubl } from '../support/invoices.js';
import { setUpPersonas, type Personas } from '../support/personas.js';
import { accepted, depositRaw, FailingArchives, integrate, zipOf } from './support.js';

/**
 * Resuming an integration after a crash: entries already recorded are skipped, and invoices a
 * killed run stored without recording them are recorded as accepted with their existing id —
 * never stored twice.
 */
let t: TestApp;
let p: Personas;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
});
afterAll(async () => {
  await t.close();
});

const numbers = Array.from({ length: 20 }, (_, i) => `RESUME-${process.pid}-${i}`);

async function newFlow(marker: string, withTwin: boolean) {
  const files = numbers.map((n, i) => ({
    name: `facture-${i}.xml`,
    bytes: ubl({ number: `${marker}-${n}` }).bytes,
  }));
  // The same invoice twice in one flow: the second is a real duplicate, whatever happens.
  if (withTwin) files.push({ name: 'twin-of-3.xml', bytes: files[3]!.bytes });
  const bytes = await zipOf(files);
  return accepted(
    await depositRaw(t, p.apiClient, bytes, {
      syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      nomFichier: `${marker}.zip`,
    }),
  ).id;
}

const invoicesOf = (marker: string) =>
  t.database.db
    .selectFrom('invoice')
    .select(['id', 'number'])
    .where('number', 'like', `${marker}-%`)
    .execute();

describe('flows: resuming after a crash', () => {
  it('records lost outcomes as accepted with the invoices already stored, storing none twice', async () => {
    const archives = new FailingArchives();
    const flowId = await newFlow('crash', true);
    // First run: the source fails after 12 entries (a technical failure: the run throws).
    archives.failAfter = 12;
    await expect(integrate(t, flowId, { archives })).rejects.toThrow('disk went away');
    const db = t.database.db;
    expect(
      (
        await db
          .selectFrom('flow')
          .select('state')
          .where('id', '=', flowId)
          .executeTakeFirstOrThrow()
      ).state,
    ).toBe('IN_EN_COURS_TRAITEMENT_CPP');
    // As if the process had been killed before its last batch of outcomes was written: the
    // invoices of entries 3, 5 and 11 are stored, their outcomes are not.
    await db
      .deleteFrom('flow_entry')
      .where('flow_id', '=', flowId)
      .where('index', 'in', [3, 5, 11])
      .execute();
    const before = await invoicesOf('crash');
    expect(before).toHaveLength(12);

    archives.failAfter = undefined;
    const result = await integrate(t, flowId, { archives });
    expect(result.state).toBe('IN_INTEGRE_PARTIEL');
    const after = await invoicesOf('crash');
    expect(after).toHaveLength(20);
    expect(new Set(after.map((i) => i.number)).size).toBe(20);
    const entries = await db
      .selectFrom('flow_entry')
      .select(['index', 'outcome', 'invoice_id', 'refusal_code'])
      .where('flow_id', '=', flowId)
      .orderBy('index')
      .execute();
    expect(entries).toHaveLength(21);
    // The lost outcomes point at the invoices the first run stored.
    for (const index of [3, 5, 11]) {
      const e = entries.find((r) => r.index === index)!;
      expect(e.outcome).toBe('ACCEPTED');
      expect(before.map((b) => b.id)).toContain(e.invoice_id);
    }
    // Every accepted entry names a distinct invoice; the twin stays a duplicate.
    const ids = entries.filter((e) => e.outcome === 'ACCEPTED').map((e) => e.invoice_id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(entries.find((e) => e.index === 20)).toMatchObject({
      outcome: 'REFUSED',
      refusal_code: 'DOUBLON',
    });
    const flow = await db
      .selectFrom('flow')
      .selectAll()
      .where('id', '=', flowId)
      .executeTakeFirstOrThrow();
    expect(flow).toMatchObject({
      entry_count: 21,
      accepted_count: 20,
      refused_count: 1,
      lease_owner: null,
    });
    // One mail job for the end of the flow.
    const jobs = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
      where name = 'notify-flow-integrated' and data->>'flowId' = ${flowId}`.execute(db);
    expect(jobs.rows[0]!.n).toBe(1);
  });

  it('continues a long flow in further runs when its time budget is spent', async () => {
    const flowId = await newFlow('budget', false);
    let runs = 0;
    for (;;) {
      runs++;
      const r = await integrate(t, flowId, { budgetMs: 0, part: runs - 1 });
      if (r.outcome === 'final') {
        expect(r.state).toBe('IN_INTEGRE');
        break;
      }
      expect(runs).toBeLessThan(40);
    }
    expect(runs).toBeGreaterThan(1);
    expect(await invoicesOf('budget')).toHaveLength(20);
    const continuations = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
      where name = 'integrate-flow' and data->>'flowId' = ${flowId}`.execute(t.database.db);
    expect(continuations.rows[0]!.n).toBe(runs);
  });

  it('lets one run at a time hold a flow', async () => {
    const flowId = await newFlow('busy', false);
    const [a, b] = await Promise.allSettled([integrate(t, flowId), integrate(t, flowId)]);
    const states = [a, b].map((s) => (s.status === 'fulfilled' ? s.value.state : String(s.reason)));
    expect(states.filter((s) => s === 'IN_INTEGRE')).toHaveLength(
      states.some((s) => s.includes('another run')) ? 1 : 2,
    );
    expect(await invoicesOf('busy')).toHaveLength(20);
  });

  it('marks a flow IN_INCIDENTE after repeated technical failures', async () => {
    const archives = new FailingArchives();
    const flowId = await newFlow('incident', false);
    archives.failAfter = 0;
    for (let i = 0; i < 4; i++) await expect(integrate(t, flowId, { archives })).rejects.toThrow();
    const r = await integrate(t, flowId, { archives });
    expect(r.state).toBe('IN_INCIDENTE');
  });
});
