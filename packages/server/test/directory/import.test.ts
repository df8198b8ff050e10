import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDirectory } from '../../src/directory/seed-directory.js';
import { importStructures } from '../../src/directory/import-structures.js';
import { importServices } from '../../src/directory/import-services.js';
import type { Rejection } from '../../src/directory/csv-import.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { chunks, exportFile, exportHeader, exportLine } from './csv.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.destroy();
});

const sample = generateDirectory(7).structures.slice(0, 240);

async function count(table: 'structure' | 'service'): Promise<number> {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('directory import (official export)', () => {
  it('imports every row, streaming in small chunks and small batches', async () => {
    const report = await importStructures({
      db: t.db,
      input: chunks(exportFile(sample)),
      batchSize: 50,
    });
    expect(report).toMatchObject({
      read: 240,
      accepted: 240,
      rejected: 0,
      inserted: 240,
      updated: 0,
      encoding: 'utf8',
    });
    expect(await count('structure')).toBe(240);
    const one = await t.db
      .selectFrom('structure')
      .selectAll()
      .where('identifier', '=', sample[3]!.identifier)
      .executeTakeFirstOrThrow();
    expect(one).toMatchObject({
      name: sample[3]!.name,
      is_public: true,
      active: sample[3]!.active,
      service_code_required: sample[3]!.serviceCodeRequired,
      commitment_required: sample[3]!.commitmentRequired,
      payment_status_not_reported: sample[3]!.paymentStatusNotReported,
      postal_code: sample[3]!.postalCode,
      town: sample[3]!.town,
    });
    expect(one.id).toMatch(/^str_/);
  });

  it('is idempotent: re-importing updates the same rows and never duplicates', async () => {
    const changed = sample.map((s, i) =>
      i % 10 === 0 ? { ...s, name: `${s.name} (renommée)`, active: !s.active } : s,
    );
    const before = await t.db.selectFrom('structure').select(['id', 'identifier']).execute();
    const report = await importStructures({ db: t.db, input: chunks(exportFile(changed), 4096) });
    expect(report).toMatchObject({ read: 240, inserted: 0, updated: 240, rejected: 0 });
    expect(await count('structure')).toBe(240);
    const after = await t.db
      .selectFrom('structure')
      .select(['id', 'identifier', 'name', 'active'])
      .execute();
    const idBefore = new Map(before.map((r) => [r.identifier, r.id]));
    for (const row of after) expect(row.id).toBe(idBefore.get(row.identifier));
    const renamed = after.find((r) => r.identifier === changed[0]!.identifier)!;
    expect(renamed.name).toBe(`${sample[0]!.name} (renommée)`);
    expect(renamed.active).toBe(!sample[0]!.active);
  });

  it('reports each broken row with its line and reason, and still imports the good ones', async () => {
    const good = generateDirectory(8).structures.slice(0, 5);
    const lines = [
      exportHeader,
      exportLine(good[0]!), // line 2
      exportLine({ ...good[1]!, identifier: '12345678901234' }), // 3: bad Luhn
      exportLine(good[1]!), // 4
      'SIRET;only;three', // 5: wrong column count
      exportLine({ ...good[2]!, name: '' }), // 6: no name
      exportLine(good[2]!).replace(/^SIRET/, 'NUMERO'), // 7: unknown type
      exportLine(good[3]!).replace(';true;', ';peut-être;').replace(';false;', ';peut-être;'), // 8: bad flag
      exportLine(good[3]!), // 9
      exportLine(good[4]!), // 10
    ];
    const rejections: Rejection[] = [];
    const report = await importStructures({
      db: t.db,
      input: chunks(lines.join('\r\n')),
      onRejection: (r) => rejections.push(r),
    });
    expect(report).toMatchObject({ read: 9, accepted: 4, rejected: 5 });
    expect(rejections.map((r) => r.line)).toEqual([3, 5, 6, 7, 8]);
    expect(rejections[0]!.reason).toMatch(/Luhn/);
    expect(rejections[1]!.reason).toMatch(/21 columns, found 3/);
    expect(rejections[2]!.reason).toMatch(/RaisonSociale/);
    expect(rejections[3]!.reason).toMatch(/TypeIdentifiant "NUMERO"/);
    expect(rejections[4]!.reason).toMatch(/not a yes\/no value/);
    const landed = await t.db
      .selectFrom('structure')
      .select('identifier')
      .where(
        'identifier',
        'in',
        good.map((g) => g.identifier),
      )
      .execute();
    expect(landed.map((r) => r.identifier).sort()).toEqual(
      [good[0], good[1], good[3], good[4]].map((g) => g!.identifier).sort(),
    );
  });

  it('reads ISO-8859-1 files (detected, or forced) with accents intact', async () => {
    const s = {
      ...generateDirectory(9).structures[0]!,
      name: 'Mairie de Sainte-Énimie-lès-Pré',
      town: 'SAINTE-ÉNIMIE',
    };
    const latin1 = Buffer.from(exportFile([s]), 'latin1');
    const report = await importStructures({ db: t.db, input: chunks(latin1) });
    expect(report.encoding).toBe('latin1');
    const row = await t.db
      .selectFrom('structure')
      .select(['name', 'town'])
      .where('identifier', '=', s.identifier)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Mairie de Sainte-Énimie-lès-Pré', town: 'SAINTE-ÉNIMIE' });
    const forced = await importStructures({ db: t.db, input: chunks(latin1), encoding: 'latin1' });
    expect(forced).toMatchObject({ encoding: 'latin1', updated: 1 });
  });

  it('accepts a UTF-8 BOM, quoted fields with separators, and blank lines', async () => {
    const s = { ...generateDirectory(10).structures[0]!, name: 'Syndicat des eaux; secteur nord' };
    const text = '\uFEFF' + exportFile([s]) + '\n\n';
    const report = await importStructures({ db: t.db, input: chunks(text) });
    expect(report).toMatchObject({ read: 1, accepted: 1, rejected: 0 });
    const row = await t.db
      .selectFrom('structure')
      .select('name')
      .where('identifier', '=', s.identifier)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Syndicat des eaux; secteur nord');
  });

  it('refuses a file whose header lacks required columns, and an empty file', async () => {
    await expect(importStructures({ db: t.db, input: chunks('Foo;Bar\n1;2\n') })).rejects.toThrow(
      /TypeIdentifiant, Identifiant, RaisonSociale/,
    );
    await expect(importStructures({ db: t.db, input: chunks('') })).rejects.toThrow(/empty/);
  });
});

describe('services import', () => {
  it('imports services of known structures, refuses the others with their line, idempotently', async () => {
    const [a, b] = sample;
    const file = [
      'TypeIdentifiant;Identifiant;CodeService;LibelleService;GestionEngagement;ServiceActif;DateDebutValidite;DateFinValidite',
      `SIRET;${a!.identifier};FIN;Finances;true;true;01/01/2024;`,
      `SIRET;${a!.identifier};RH;Ressources humaines;false;false;2024-01-01;2025-12-31`,
      `SIRET;99999999999999;X;Inconnue;false;true;;`,
      `SIRET;${b!.identifier};ST;Services techniques;non;oui;31/02/2024;`,
      `SIRET;${b!.identifier};ST;Services techniques;non;oui;;`,
    ].join('\n');
    const rejections: Rejection[] = [];
    const first = await importServices({
      db: t.db,
      input: chunks(file),
      onRejection: (r) => rejections.push(r),
    });
    expect(first).toMatchObject({ read: 5, accepted: 3, rejected: 2, inserted: 3 });
    expect(rejections.map((r) => r.line).sort()).toEqual([4, 5]);
    expect(rejections.find((r) => r.line === 5)!.reason).toMatch(/DateDebutValidite/);
    expect(rejections.find((r) => r.line === 4)!.reason).toMatch(
      /no structure SIRET 99999999999999/,
    );
    const again = await importServices({ db: t.db, input: chunks(file) });
    expect(again).toMatchObject({ inserted: 0, updated: 3 });
    const rh = await t.db
      .selectFrom('service')
      .selectAll()
      .where('code', '=', 'RH')
      .executeTakeFirstOrThrow();
    expect(rh).toMatchObject({
      name: 'Ressources humaines',
      active: false,
      valid_from: '2024-01-01',
      valid_to: '2025-12-31',
      commitment_required: false,
    });
    const fin = await t.db
      .selectFrom('service')
      .selectAll()
      .where('code', '=', 'FIN')
      .executeTakeFirstOrThrow();
    expect(fin).toMatchObject({
      valid_from: '2024-01-01',
      valid_to: null,
      commitment_required: true,
      active: true,
    });
  });
});
