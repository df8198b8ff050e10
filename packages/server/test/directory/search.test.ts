import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { searchAlternatives } from '../../src/directory/search-structures.js';
import { generateDirectory, seedDirectory } from '../../src/directory/seed-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
const generated = generateDirectory();
beforeAll(async () => {
  t = await createTestApp();
  await seedDirectory({ db: t.database.db });
});
afterAll(async () => {
  await t.close();
});

interface Page {
  items: {
    identifier: string;
    name: string;
    isPublic: boolean;
    active: boolean;
    category: string | null;
    town: string | null;
  }[];
  nextCursor: string | null;
  total: { count: number; exact: boolean };
}

async function search(query: string): Promise<Page> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/structures?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Page;
}

describe('GET /api/v1/structures', () => {
  it('finds a town hall by words of its name, ignoring accents and case', async () => {
    const page = await search(`q=${encodeURIComponent('mairie CHORALE sur loire')}`);
    expect(page.items.map((i) => i.identifier)).toContain(DEMO_PUBLIC_BODY.identifier);
    for (const item of page.items) expect(item.name.toLowerCase()).toContain('chorale');
    const accented = generated.structures.find(
      (s) => /[éèêàâôî]/.test(s.name) && s.isPublic && s.active,
    )!;
    const plain = accented.name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase();
    const found = await search(`q=${encodeURIComponent(plain)}`);
    expect(found.items.map((i) => i.identifier)).toContain(accented.identifier);
  });

  it('finds by SIRET, by postal code and by town', async () => {
    const bySiret = await search(`q=${DEMO_PUBLIC_BODY.identifier}`);
    expect(bySiret.items).toHaveLength(1);
    expect(bySiret.items[0]!.name).toBe(DEMO_PUBLIC_BODY.name);
    const target = generated.structures.find(
      (s) => s.isPublic && s.active && s.category === 'EPLE',
    )!;
    const byPostcode = await search(`q=${target.postalCode}&limit=100`);
    expect(byPostcode.items.map((i) => i.identifier)).toContain(target.identifier);
    const byTown = await search(`q=${encodeURIComponent(target.town!)}&limit=100`);
    expect(byTown.items.map((i) => i.identifier)).toContain(target.identifier);
  });

  it('lists only active public structures unless asked', async () => {
    const all = await search('limit=100');
    expect(all.items.every((i) => i.isPublic && i.active)).toBe(true);
    const supplier = await search(`q=${DEMO_SUPPLIER.identifier}`);
    expect(supplier.items).toHaveLength(0);
    const withPrivate = await search(`q=${DEMO_SUPPLIER.identifier}&includePrivate=true`);
    expect(withPrivate.items.map((i) => i.identifier)).toEqual([DEMO_SUPPLIER.identifier]);
    const inactive = generated.structures.find((s) => s.isPublic && !s.active)!;
    expect((await search(`q=${inactive.identifier}`)).items).toHaveLength(0);
    expect((await search(`q=${inactive.identifier}&includeInactive=true`)).items).toHaveLength(1);
  });

  it('pages by keyset through every match exactly once, in name order', async () => {
    const expected = generated.structures.filter(
      (s) => s.isPublic && s.active && /^Mairie /.test(s.name),
    ).length;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await search(`q=mairie&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.identifier));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(expected);
    expect(pages).toBe(Math.ceil(expected / 7));
    // Every page says how many the search selects in all.
    expect((await search('q=mairie&limit=7')).total).toEqual({ count: expected, exact: true });
  });

  it('reads "st" as "saint", and "ste" as "sainte"', async () => {
    const target = generated.structures.find(
      (s) => s.isPublic && s.active && /\bSaint-[A-Z]/.test(s.name),
    )!;
    expect(target, 'a generated name with Saint-').toBeDefined();
    const place = /Saint-([\p{L}]+)/u.exec(target.name)![1]!;
    const full = await search(`q=${encodeURIComponent(`saint ${place}`)}&limit=100`);
    const short = await search(`q=${encodeURIComponent(`st ${place}`)}&limit=100`);
    const shortIds = short.items.map((i) => i.identifier);
    expect(shortIds).toContain(target.identifier);
    for (const item of full.items) expect(shortIds).toContain(item.identifier);
    // The generated directory has no "Sainte-": the rule itself, word for word.
    expect(searchAlternatives('ste')).toEqual(['ste', 'sainte']);
    expect(searchAlternatives('stade')).toEqual(['stade']);
  });

  it('refuses a query longer than the documented maximum with a problem, not a 500', async () => {
    const long = await t.app.inject({
      method: 'GET',
      url: `/api/v1/structures?q=${'a'.repeat(201)}`,
    });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses a forged cursor and an out-of-range limit with a problem document', async () => {
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/structures?cursor=not-a-cursor',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'BAD_REQUEST' });
    const big = await t.app.inject({ method: 'GET', url: '/api/v1/structures?limit=1000' });
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('GET /api/v1/structures/{identifier}', () => {
  it('returns the structure with its flags and services', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/structures/${DEMO_PUBLIC_BODY.identifier}`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      identifierType: 'SIRET',
      identifier: DEMO_PUBLIC_BODY.identifier,
      name: DEMO_PUBLIC_BODY.name,
      isPublic: true,
      category: 'COMMUNE',
      flags: { serviceCodeRequired: true },
      address: { town: 'CHORALE-SUR-LOIRE' },
    });
    expect(body.services.map((s: { code: string }) => s.code).sort()).toEqual(
      [DEMO_SERVICE_A.code, DEMO_SERVICE_B.code].sort(),
    );
  });

  it('answers 404 as a problem for an unknown identifier', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/structures/00000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('demo directory', () => {
  it('has a few hundred structures of every category, services and the demo structures', async () => {
    const categories = new Set(generated.structures.map((s) => s.category).filter(Boolean));
    expect(categories.size).toBeGreaterThanOrEqual(19);
    expect(generated.structures.length).toBeGreaterThan(300);
    const rows = await t.database.db
      .selectFrom('structure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(generated.structures.length);
    // Seeding twice changes nothing (upserts).
    await seedDirectory({ db: t.database.db });
    const again = await t.database.db
      .selectFrom('structure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(generated.structures.length);
  });
});
