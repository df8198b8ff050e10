import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import type { TestApp } from '../support/app.js';
import { deposit, nextNumber, startAppWithPersonas } from '../support/deposit.js';
import { keyedInvoice, ubl } from '../support/invoices.js';
import { call, type Personas } from '../support/personas.js';

// A supplier appears under one name: the directory's, whatever name each invoice's XML gives it.

let t: TestApp;
let p: Personas;
const numbers = [nextNumber(), nextNumber()];
beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
  const base = keyedInvoice();
  for (const [i, name] of ['Fantaisie SARL', 'Autre Nom Commercial'].entries()) {
    const res = await deposit(t, p.supplierGestionnaire, {
      invoice: ubl({ number: numbers[i], supplier: { ...base.supplier, name } }),
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

interface Page {
  items: { number: string; supplierName: string; recipientName: string }[];
}

describe('names from the directory', () => {
  it('lists, the detail and the forecast show the directory names', async () => {
    const sent = await call(t, p.supplierGestionnaire, {
      method: 'GET',
      url: '/api/v1/invoices?side=sent&limit=100',
    });
    const received = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: '/api/v1/invoices?side=received&limit=100',
    });
    for (const res of [sent, received]) {
      expect(res.statusCode, res.body).toBe(200);
      const mine = res.json<Page>().items.filter((i) => numbers.includes(i.number));
      expect(mine).toHaveLength(2);
      for (const item of mine) {
        expect(item.supplierName).toBe(DEMO_SUPPLIER.name);
        expect(item.recipientName).toBe(DEMO_PUBLIC_BODY.name);
      }
    }
    const id = (sent
      .json<Page & { items: { id: string }[] }>()
      .items.find((i) => i.number === numbers[0]) as { id: string } | undefined)!.id;
    const detail = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices/${id}`,
    });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ supplier: { name: DEMO_SUPPLIER.name } });
    const forecast = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: '/api/v1/forecast?side=received',
    });
    expect(forecast.statusCode, forecast.body).toBe(200);
    // Every invoice of the forecast, wherever it is listed (deadlines, overdue, upcoming).
    const names = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const o = value as { number?: string; counterpartyName?: string };
        if (o.number && numbers.includes(o.number) && o.counterpartyName)
          names.add(o.counterpartyName);
        Object.values(value).forEach(walk);
      }
    };
    walk(forecast.json());
    expect(names.size).toBeGreaterThan(0);
    expect([...names]).toEqual([DEMO_SUPPLIER.name]);
  });

  it('the counterparty filter finds them by the directory name', async () => {
    const res = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices?side=received&counterparty=${encodeURIComponent(DEMO_SUPPLIER.name)}&limit=100`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const found = res.json<Page>().items.map((i) => i.number);
    for (const n of numbers) expect(found).toContain(n);
  });

  it('and by the name an invoice gave, that invoice only', async () => {
    // The supplier is known here by two names on invoices (migration 0026 keeps both): a part
    // of one finds the invoices bearing it, not the supplier's others.
    const found = async (text: string) => {
      const res = await call(t, p.publicGestionnaire, {
        method: 'GET',
        url: `/api/v1/invoices?side=received&counterparty=${encodeURIComponent(text)}&limit=100`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json<Page>()
        .items.map((i) => i.number)
        .filter((n) => numbers.includes(n));
    };
    expect(await found('fantaisie')).toEqual([numbers[0]]);
    expect(await found('NOM COMMERCIAL')).toEqual([numbers[1]]);
    expect(await found('Fantaisie Nom')).toEqual([]);
  });
});
