/**
 * Typical invoices for the flow benchmark, each one distinct: 10 to 15 lines (or as many as
 * asked, for the large flow), varied quantities, prices and VAT categories (S at 20, 10 and
 * 5.5 %, Z, E with its exemption reason), a note per line and an item description, from the
 * demo supplier to the demo public body (service A), written as UBL 2.1 or CII D16B by the
 * library's writers. Amounts are computed in integer cents, so every invoice adds up (the
 * benchmark checks a sample with validate() before using them).
 */
import { writeCii, writeUbl, type Invoice } from '@chorale/einvoice';
import { keyedToModel, type KeyedInvoice } from '../packages/server/src/invoices/keyed-invoice.js';
import { demoBuyer, keyedInvoice } from '../packages/server/test/support/invoices.js';
// The directory seed's deterministic generator (mulberry32): the same seed gives the same invoice.
import { prng } from '../packages/server/src/directory/seed-directory.js';

const ITEMS = [
  'Réfection de la toiture du gymnase',
  'Fourniture de ramettes de papier A4 recyclé',
  'Maintenance préventive des chaudières',
  'Location de nacelle élévatrice (jour)',
  'Peinture des huisseries, main-d’œuvre (heure)',
  'Remplacement des luminaires LED du préau',
  'Nettoyage des vitres de la médiathèque',
  'Contrôle réglementaire des extincteurs',
  'Repas servis au restaurant scolaire',
  'Formation des agents à la sécurité incendie',
  'Abonnement logiciel de gestion des salles',
  'Transport scolaire, circuit du mercredi',
  'Élagage des platanes de la place',
  'Câblage réseau de la mairie annexe',
  'Livres pour la bibliothèque municipale',
];

/** VAT categories and rates (rate in tenths of a per cent). */
const CATEGORIES = [
  { category: 'S', rate10: 200 },
  { category: 'S', rate10: 200 },
  { category: 'S', rate10: 100 },
  { category: 'S', rate10: 55 },
  { category: 'Z', rate10: 0 },
  { category: 'E', rate10: 0 },
] as const;

const cents = (n: number) =>
  `${n < 0 ? '-' : ''}${Math.floor(Math.abs(n) / 100)}.${String(Math.abs(n) % 100).padStart(2, '0')}`;
const rateText = (rate10: number) =>
  rate10 % 10 === 0 ? String(rate10 / 10) : (rate10 / 10).toFixed(1);

export interface GeneratedInvoice {
  number: string;
  syntax: 'UBL' | 'CII';
  bytes: Uint8Array;
}

/**
 * Invoice `index` of a run: its number is `<prefix>-<index>`, its content drawn from the
 * seed `index`. `lines` fixes the line count (default 10–15).
 */
export function generatedInvoice(
  prefix: string,
  index: number,
  syntax: 'UBL' | 'CII',
  lines?: number,
): GeneratedInvoice {
  const r = prng(index * 7919 + 17);
  const count = lines ?? 10 + Math.floor(r() * 6);
  const keyedLines: KeyedInvoice['lines'] = [];
  const breakdown = new Map<string, { category: string; rate10: number; taxable: number }>();
  for (let i = 0; i < count; i++) {
    const { category, rate10 } = CATEGORIES[Math.floor(r() * CATEGORIES.length)]!;
    // Quantities in halves, prices in cents (even when the quantity is a half): exact products.
    const halves = 2 + Math.floor(r() * 78);
    let price = 100 + Math.floor(r() * 250_000);
    if (halves % 2 === 1 && price % 2 === 1) price += 1;
    const net = (halves * price) / 2;
    keyedLines.push({
      id: String(i + 1),
      name: ITEMS[Math.floor(r() * ITEMS.length)]!,
      quantity: halves % 2 === 0 ? String(halves / 2) : `${(halves - 1) / 2}.5`,
      unitPrice: cents(price),
      netAmount: cents(net),
      vatCategory: category,
      vatRate: rateText(rate10),
    });
    const key = `${category}/${rate10}`;
    const b = breakdown.get(key) ?? { category, rate10, taxable: 0 };
    b.taxable += net;
    breakdown.set(key, b);
  }
  let withoutVat = 0;
  let vat = 0;
  const vatBreakdown: KeyedInvoice['vatBreakdown'] = [...breakdown.values()].map((b) => {
    const tax = Math.round((b.taxable * b.rate10) / 1000);
    withoutVat += b.taxable;
    vat += tax;
    return {
      category: b.category,
      rate: rateText(b.rate10),
      taxableAmount: cents(b.taxable),
      taxAmount: cents(tax),
      ...(b.category === 'E'
        ? { exemptionReason: 'Exonération de TVA, article 261 du code général des impôts' }
        : {}),
    };
  });
  const month = 1 + Math.floor(r() * 11);
  const day = 1 + Math.floor(r() * 28);
  const issueDate = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const number = `${prefix}-${index}`;
  const model: Invoice = keyedToModel(
    keyedInvoice({
      number,
      issueDate,
      dueDate: `2026-12-${String(day).padStart(2, '0')}`,
      commitmentNumber: `EJ-2026-${String(1000 + Math.floor(r() * 9000))}`,
      paymentTerms: 'Paiement à 30 jours par virement ; pénalités de retard au taux légal.',
      lines: keyedLines,
      vatBreakdown,
      totals: {
        lineNetTotal: cents(withoutVat),
        withoutVat: cents(withoutVat),
        vat: cents(vat),
        withVat: cents(withoutVat + vat),
        payable: cents(withoutVat + vat),
      },
    }),
    demoBuyer,
  );
  // What a real invoice carries beside the amounts: notes, descriptions, the seller's codes.
  model.notes.push({ text: `Marché ${number} : prestations du mois, bon de commande joint.` });
  for (const [i, line] of (model.lines ?? []).entries()) {
    line.note = `Intervention ${i + 1} réalisée selon le cahier des clauses techniques particulières, lot ${1 + (i % 4)}.`;
    if (line.item) {
      line.item.description = `${line.item.name ?? ''} (devis D-${index}-${i + 1}, fournitures comprises).`;
      line.item.sellerId = `REF-${(index * 31 + i) % 100_000}`;
    }
  }
  const xml = syntax === 'UBL' ? writeUbl(model) : writeCii(model);
  return { number, syntax, bytes: new TextEncoder().encode(xml) };
}
