import { checkKeyedEntry, readPdf } from '@chorale/einvoice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import { newId } from '../../src/lib/ids.js';
import { DepositRefusal } from '../../src/invoices/deposit-checks.js';
import { parisDate } from '../../src/invoices/payment-terms.js';
import { checkAttachments } from '../../src/invoices/attachments.js';
import type { TestApp } from '../support/app.js';
import {
  deposit,
  expectRefusal,
  invoiceCount,
  nextNumber,
  startAppWithPersonas,
  type Refusal,
} from '../support/deposit.js';
import { call, type Personas } from '../support/personas.js';
import { keyedInvoice, plainPdf, ubl } from '../support/invoices.js';

let t: TestApp;
let p: Personas;
beforeAll(async () => ({ t, p } = await startAppWithPersonas()));
afterAll(() => t.close());

describe('deposit: refusals', () => {
  it('refuses unreadable, unsupported and invalid invoices', async () => {
    const before = await invoiceCount(t);
    const xml = (text: string) => ({
      bytes: new TextEncoder().encode(text),
      filename: 'f.xml',
      contentType: 'application/xml',
    });
    await expectRefusal(
      await deposit(t, p.supplierUser, { invoice: xml('<Invoice><cbc:ID>') }),
      400,
      'FORMAT_ILLISIBLE',
    );
    await expectRefusal(
      await deposit(t, p.supplierUser, { invoice: xml('<?xml version="1.0"?><Order/>') }),
      400,
      'FORMAT_NON_SUPPORTE',
    );
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: { bytes: new Uint8Array([1, 2, 3]), filename: 'f.bin', contentType: 'x/y' },
      }),
      400,
      'FORMAT_NON_SUPPORTE',
    );
    const wrongTotal = await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({
          number: nextNumber(),
          totals: {
            lineNetTotal: '1250.00',
            withoutVat: '1250.00',
            vat: '250.00',
            withVat: '1600.00',
            payable: '1600.00',
          },
        }),
      }),
      400,
      'REGLES_EN16931',
    );
    expect(wrongTotal.errors!.some((e) => e.message.includes('BR-CO-15'))).toBe(true);
    // A date that does not exist is refused, never an internal error.
    for (const issueDate of ['2026-02-30', '2026-13-01']) {
      const res = await call(t, p.supplierUser, {
        method: 'POST',
        url: '/api/v1/invoices',
        payload: {
          metadata: { framework: 'A1_FACTURE_FOURNISSEUR' },
          keyed: keyedInvoice({ number: nextNumber(), issueDate }),
        },
      });
      expect(res.statusCode, res.body).toBe(400);
    }
    const feb30 = await deposit(t, p.supplierUser, {
      invoice: ubl({ number: nextNumber(), issueDate: '2026-02-30' }),
    });
    expect(feb30.statusCode, feb30.body).toBe(400);
    expect(['REGLES_EN16931', 'DONNEES_INCOMPLETES']).toContain(
      feb30.json<Refusal>().refusal?.code,
    );
    // Keyed data are held to the same rules.
    const keyed = keyedInvoice({ number: nextNumber(), lines: [] });
    const noLine = await call(t, p.supplierUser, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: { metadata: { framework: 'A1_FACTURE_FOURNISSEUR' }, keyed },
    });
    expect(noLine.statusCode).toBe(400); // schema: at least one line
    const badKeyedTotals = keyedInvoice({
      number: nextNumber(),
      totals: { ...keyedInvoice().totals, withVat: '9.99' },
    });
    await expectRefusal(
      await call(t, p.supplierUser, {
        method: 'POST',
        url: '/api/v1/invoices',
        payload: { metadata: { framework: 'A1_FACTURE_FOURNISSEUR' }, keyed: badKeyedTotals },
      }),
      400,
      'REGLES_EN16931',
    );
    // The entry checks the portal runs at each field (the library's checkKeyedEntry), refused
    // by the server with the very same French message when sent straight to the API.
    const k = keyedInvoice();
    for (const [bad, field] of [
      [{ supplier: { ...k.supplier, vatId: 'FR32998877666' } }, 'supplier.vatId'],
      [{ dueDate: '2026-11-01' }, 'dueDate'],
      [{ issueDate: '2099-01-01', dueDate: '2099-02-01' }, 'issueDate'],
    ] as const) {
      const keyed = keyedInvoice({ number: nextNumber(), ...bad });
      const before = await invoiceCount(t);
      const refusal = await expectRefusal(
        await call(t, p.supplierUser, {
          method: 'POST',
          url: '/api/v1/invoices',
          payload: { metadata: { framework: 'A1_FACTURE_FOURNISSEUR' }, keyed },
        }),
        400,
        'SAISIE_INVALIDE',
      );
      const expected = checkKeyedEntry(keyed, { today: parisDate(new Date()), lang: 'fr' });
      expect(expected.map((f) => f.field)).toEqual([field]);
      expect(refusal.refusal?.message.fr).toBe(expected[0]!.message);
      expect(refusal.errors?.[1]?.pointer).toBe(field);
      expect(await invoiceCount(t)).toBe(before);
    }
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: { bytes: plainPdf(), filename: 'f.pdf', contentType: 'application/pdf' },
      }),
      400,
      'DONNEES_INCOMPLETES',
    );
    // A broken PDF (once the PDF reader can tell one).
    const broken = new TextEncoder().encode('%PDF-1.7\n1 0 obj garbage');
    const read = await readPdf(broken);
    if (read.problems.every((x) => x.code !== 'NOT_IMPLEMENTED')) {
      await expectRefusal(
        await deposit(t, p.supplierUser, {
          invoice: { bytes: broken, filename: 'f.pdf', contentType: 'application/pdf' },
        }),
        400,
        'FORMAT_ILLISIBLE',
      );
    }
    expect(await invoiceCount(t)).toBe(before);
  });

  it('refuses frameworks and types it does not take', async () => {
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({ number: nextNumber() }),
        metadata: { framework: 'A9_FACTURE_SOUSTRAITANT' },
      }),
      400,
      'CADRE_NON_SUPPORTE',
    );
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({ number: nextNumber() }),
        metadata: { framework: 'Z99' },
      }),
      400,
      'CADRE_NON_SUPPORTE',
    );
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({ number: nextNumber() }),
        metadata: { framework: 'A1_FACTURE_FOURNISSEUR', type: 'AVOIR' },
      }),
      400,
      'TYPE_NON_SUPPORTE',
    );
    const selfBilled = ubl({ number: nextNumber() });
    const text = new TextDecoder()
      .decode(selfBilled.bytes)
      .replace('<cbc:InvoiceTypeCode>380<', '<cbc:InvoiceTypeCode>389<');
    expect(text).toContain('>389<');
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: { ...selfBilled, bytes: new TextEncoder().encode(text) },
      }),
      400,
      'TYPE_NON_SUPPORTE',
    );
  });

  it('refuses unknown suppliers and depositors without the right', async () => {
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({
          number: nextNumber(),
          supplier: { ...keyedInvoice().supplier, identifier: '12345678200010' },
        }),
      }),
      400,
      'FOURNISSEUR_INCONNU',
    );
    for (const who of [p.clerkA, p.clerkB, p.publicGestionnaire]) {
      await expectRefusal(
        await deposit(t, who, { invoice: ubl({ number: nextNumber() }) }),
        403,
        'DROIT_MANQUANT',
      );
    }
    expect(
      (await deposit(t, p.anonymous, { invoice: ubl({ number: nextNumber() }) })).statusCode,
    ).toBe(401);
  });

  it('refuses what the directory does not let through', async () => {
    const db = t.database.db;
    const recipient = (await findStructure(db, DEMO_PUBLIC_BODY.identifier))!;
    const to = (identifier: string, more: Record<string, unknown> = {}) =>
      ubl({ number: nextNumber(), recipient: { identifier }, ...more });
    await expectRefusal(
      await deposit(t, p.supplierUser, { invoice: to('12345678200010') }),
      400,
      'DESTINATAIRE_INCONNU',
    );
    await expectRefusal(
      await deposit(t, p.supplierUser, { invoice: to(DEMO_SUPPLIER.identifier) }),
      400,
      'DESTINATAIRE_NON_PUBLIC',
    );
    const other = await db
      .selectFrom('structure')
      .select(['id', 'identifier'])
      .where('is_public', '=', true)
      .where('id', '!=', recipient.id)
      .where('service_code_required', '=', false)
      .limit(1)
      .executeTakeFirstOrThrow();
    await db.updateTable('structure').set({ active: false }).where('id', '=', other.id).execute();
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: to(other.identifier, { serviceCode: undefined }),
      }),
      400,
      'DESTINATAIRE_INACTIF',
    );
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({ number: nextNumber(), serviceCode: undefined }),
      }),
      400,
      'SERVICE_OBLIGATOIRE',
    );
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({ number: nextNumber(), serviceCode: 'NOPE' }),
      }),
      400,
      'SERVICE_INCONNU',
    );
    await db
      .insertInto('service')
      .values([
        {
          id: newId('service'),
          structure_id: recipient.id,
          code: 'SERV-CLOS',
          name: 'Service fermé',
          active: true,
          valid_from: '2020-01-01',
          valid_to: '2025-12-31',
        },
        {
          id: newId('service'),
          structure_id: recipient.id,
          code: 'SERV-OFF',
          name: 'Service inactif',
          active: false,
        },
        {
          id: newId('service'),
          structure_id: recipient.id,
          code: 'SERV-EJ',
          name: 'Service à engagement',
          active: true,
          commitment_required: true,
        },
      ])
      .execute();
    for (const code of ['SERV-CLOS', 'SERV-OFF']) {
      await expectRefusal(
        await deposit(t, p.supplierUser, {
          invoice: ubl({ number: nextNumber(), serviceCode: code }),
        }),
        400,
        'SERVICE_INACTIF',
      );
    }
    // Valid up to the end of 2025: an invoice dated then goes through.
    const old = await deposit(t, p.supplierUser, {
      invoice: ubl({ number: nextNumber(), serviceCode: 'SERV-CLOS', issueDate: '2025-06-30' }),
    });
    expect(old.statusCode, old.body).toBe(201);
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({ number: nextNumber(), serviceCode: 'SERV-EJ', commitmentNumber: undefined }),
      }),
      400,
      'ENGAGEMENT_OBLIGATOIRE',
    );
    // The structure's own flag, and the either-or flag.
    await db
      .updateTable('structure')
      .set({ commitment_required: true })
      .where('id', '=', recipient.id)
      .execute();
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({ number: nextNumber(), commitmentNumber: undefined }),
      }),
      400,
      'ENGAGEMENT_OBLIGATOIRE',
    );
    await db
      .updateTable('structure')
      .set({
        commitment_required: false,
        service_code_required: false,
        service_or_commitment_required: true,
      })
      .where('id', '=', recipient.id)
      .execute();
    await expectRefusal(
      await deposit(t, p.supplierUser, {
        invoice: ubl({ number: nextNumber(), commitmentNumber: undefined, serviceCode: undefined }),
      }),
      400,
      'SERVICE_OBLIGATOIRE',
    );
    const either = await deposit(t, p.supplierUser, {
      invoice: ubl({ number: nextNumber(), serviceCode: undefined }),
    });
    expect(either.statusCode, either.body).toBe(201);
    await db
      .updateTable('structure')
      .set({ service_code_required: true, service_or_commitment_required: false })
      .where('id', '=', recipient.id)
      .execute();
  });

  it('refuses attachments over the limits', async () => {
    const small = new Uint8Array(10);
    const cases: { filename: string; bytes: Uint8Array }[] = [
      { filename: 'programme.exe', bytes: small },
      { filename: `${'n'.repeat(47)}.pdf`, bytes: small }, // 51 characters
      { filename: 'sans-extension', bytes: small },
      { filename: 'gros.pdf', bytes: new Uint8Array(10 * 1024 * 1024 + 1) },
    ];
    for (const a of cases) {
      const problem = await expectRefusal(
        await deposit(t, p.supplierUser, {
          invoice: ubl({ number: nextNumber() }),
          attachments: [a],
        }),
        400,
        'PIECE_JOINTE_REFUSEE',
      );
      expect(problem.refusal!.message.en).toContain(a.filename.slice(0, 10));
    }
    // Exactly 10 MB and 50 characters pass.
    const ok = await deposit(t, p.supplierUser, {
      invoice: ubl({ number: nextNumber() }),
      attachments: [{ filename: `${'n'.repeat(46)}.pdf`, bytes: new Uint8Array(10 * 1024 * 1024) }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('attachment limits', () => {
  it('takes up to 120 MB in all and refuses more', () => {
    const tenMb = new Uint8Array(10 * 1024 * 1024);
    const files = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        bytes: tenMb,
        filename: `annexe-${i}.pdf`,
        mediaType: 'application/pdf',
      }));
    expect(() => checkAttachments(files(12))).not.toThrow();
    let refused: unknown;
    try {
      checkAttachments(files(13));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DepositRefusal);
    expect((refused as DepositRefusal).refusal).toBe('PIECE_JOINTE_REFUSEE');
    expect((refused as DepositRefusal).messages.en).toContain('120 MB in all');
    for (const name of ['a/b.pdf', 'a\\b.pdf', 'nul\u0000.pdf', '.pdf']) {
      expect(() =>
        checkAttachments([{ bytes: new Uint8Array(1), filename: name, mediaType: 'x/y' }]),
      ).toThrow(DepositRefusal);
    }
  });
});
