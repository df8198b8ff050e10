/**
 * Distinct generated invoices for the differential tester: 10 to 15 lines, several VAT
 * categories drawn from all of EN 16931's (S, Z, E, AE, K, G, O, L, M), line and document
 * allowances and charges, written by the library's own UBL and CII writers. Amounts are
 * computed in integer cents, so an invoice adds up unless the draw deliberately breaks a
 * category's conditions (category O beside others, a missing VAT identifier): those are what
 * the VAT category rules are about, and both judges must say the same of them.
 */
import type { AllowanceCharge, Invoice, InvoiceLine, VatBreakdown } from '../../../src/index.js';
import { emptyInvoice } from '../../../src/model/types.js';
import { writeCii } from '../../../src/cii/write.js';
import { writeUbl } from '../../../src/ubl/write.js';
import type { Rng } from './random.js';

interface Category {
  code: string;
  /** Rates in tenths of a per cent; null: no rate at all (category O). */
  rates: readonly (number | null)[];
  reason?: string;
  reasonCode?: string;
}

const CATEGORIES: readonly Category[] = [
  { code: 'S', rates: [200, 100, 55, 21] },
  { code: 'Z', rates: [0] },
  { code: 'E', rates: [0], reason: 'Exonération, article 261 du CGI' },
  { code: 'AE', rates: [0], reason: 'Autoliquidation', reasonCode: 'VATEX-EU-AE' },
  { code: 'K', rates: [0], reason: 'Livraison intracommunautaire', reasonCode: 'VATEX-EU-IC' },
  { code: 'G', rates: [0], reason: 'Exportation hors UE', reasonCode: 'VATEX-EU-G' },
  { code: 'O', rates: [null], reason: 'Hors champ de la TVA', reasonCode: 'VATEX-EU-O' },
  { code: 'L', rates: [70, 30, 0] },
  { code: 'M', rates: [40, 10, 0] },
];

const ITEMS = [
  'Réfection de la toiture du gymnase',
  'Ramettes de papier A4 recyclé',
  'Maintenance des chaudières',
  'Location de nacelle (jour)',
  'Peinture des huisseries (heure)',
  'Luminaires LED du préau',
  'Nettoyage des vitres',
  'Contrôle des extincteurs',
  'Repas du restaurant scolaire',
  'Formation sécurité incendie',
];

const cents = (n: number): string =>
  `${n < 0 ? '-' : ''}${Math.floor(Math.abs(n) / 100)}.${String(Math.abs(n) % 100).padStart(2, '0')}`;
const rateText = (rate10: number): string =>
  rate10 % 10 === 0 ? String(rate10 / 10) : (rate10 / 10).toFixed(1);
/** Tax of a taxable amount in cents at a rate in tenths of a per cent, rounded half up. */
const taxOf = (taxable: number, rate10: number): number =>
  Math.sign(taxable) * Math.round((Math.abs(taxable) * rate10) / 1000);

interface Slot {
  cat: Category;
  rate10: number | null;
}

function allowanceCharge(
  rng: Rng,
  amount: number,
  slot: Slot | null,
  charge: boolean,
): AllowanceCharge {
  const ac: AllowanceCharge = {
    amount: cents(amount),
    ...(charge
      ? { reason: 'Frais de transport', reasonCode: 'FC' }
      : { reason: 'Remise commerciale', reasonCode: '95' }),
  };
  if (rng.chance(0.3)) {
    ac.baseAmount = cents(amount * 10);
    ac.percentage = '10';
  }
  if (slot) {
    ac.vatCategoryCode = slot.cat.code;
    if (slot.rate10 !== null) ac.vatRate = rateText(slot.rate10);
  }
  return ac;
}

/** Invoice `index` of a run, drawn from `rng`, as UBL or CII text. */
export function generateInvoice(rng: Rng, syntax: 'UBL' | 'CII', index: number): string {
  // One to four categories; O mostly alone, as its rules demand, sometimes not.
  const chosen = new Map<string, Slot>();
  const slotCount = rng.between(1, 4);
  for (let i = 0; i < slotCount; i++) {
    const cat = rng.pick(CATEGORIES);
    const rate10 = rng.pick(cat.rates);
    chosen.set(`${cat.code}/${rate10}`, { cat, rate10 });
  }
  let slots = [...chosen.values()];
  if (slots.some((s) => s.cat.code === 'O') && rng.chance(0.8))
    slots = slots.filter((s) => s.cat.code === 'O');
  const codes = new Set(slots.map((s) => s.cat.code));

  const m: Invoice = emptyInvoice();
  m.specificationId = 'urn:cen.eu:en16931:2017';
  m.id = `GEN-${index}`;
  const month = rng.between(1, 12);
  const day = rng.between(1, 28);
  m.issueDate = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  m.dueDate = `2027-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  m.typeCode = rng.chance(0.9) ? '380' : '384';
  m.currencyCode = 'EUR';
  m.buyerReference = `SERVICE-${rng.int(100)}`;
  m.purchaseOrderReference = `EJ-${1000 + rng.int(9000)}`;
  m.notes.push({ text: `Facture générée ${index}` });
  if (m.typeCode === '384') m.precedingInvoices.push({ id: `GEN-${index - 1}` });

  // Category O forbids VAT identifiers; AE and K need both parties', G and L/M the seller's.
  const onlyO = codes.size === 1 && codes.has('O');
  const sellerVat = !onlyO || rng.chance(0.1);
  const buyerVat = codes.has('AE') || codes.has('K') || (!onlyO && rng.chance(0.3));
  m.seller = {
    name: 'Fournitures Martin SARL',
    identifiers: [{ value: '12345678900011', scheme: '0009' }],
    legalRegistration: { value: '123456789', scheme: '0002' },
    address: { line1: '12 rue des Artisans', city: 'Lyon', postCode: '69001', countryCode: 'FR' },
    electronicAddress: { value: '12345678900011', scheme: '0009' },
  };
  if (sellerVat) m.seller.vatId = 'FR32123456789';
  m.buyer = {
    name: 'Mairie de Valfort',
    identifier: { value: '98765432100014', scheme: '0009' },
    address: {
      line1: "1 place de l'Hôtel de Ville",
      city: 'Valfort',
      postCode: '99100',
      countryCode: codes.has('K') ? 'DE' : 'FR',
    },
    electronicAddress: { value: '98765432100014', scheme: '0009' },
  };
  if (buyerVat) m.buyer.vatId = codes.has('K') ? 'DE123456789' : 'FR61987654321';
  if (codes.has('K')) {
    m.delivery = { actualDate: m.issueDate, address: { city: 'Berlin', countryCode: 'DE' } };
  }
  m.paymentInstructions = {
    meansCode: rng.pick(['30', '58', '30']),
    creditTransfers: [{ accountId: 'FR7630006000011234567890189' }],
    ...(rng.chance(0.5) ? { remittanceInformation: `GEN-${index}` } : {}),
  };
  m.paymentTerms = 'Paiement à 30 jours.';

  const taxable = new Map<Slot, number>();
  const add = (slot: Slot, n: number) => taxable.set(slot, (taxable.get(slot) ?? 0) + n);
  let lineTotal = 0;
  const lineCount = rng.between(10, 15);
  for (let i = 0; i < lineCount; i++) {
    const slot = rng.pick(slots);
    const quantity = rng.between(1, 20);
    const price = rng.between(100, 200_000);
    let net = quantity * price;
    const line: InvoiceLine = {
      id: String(i + 1),
      quantity: String(quantity),
      unitCode: rng.pick(['C62', 'H87', 'HUR', 'DAY']),
      price: { netPrice: cents(price) },
      vatCategoryCode: slot.cat.code,
      item: { name: rng.pick(ITEMS), classifications: [], attributes: [] },
      allowances: [],
      charges: [],
    };
    if (slot.rate10 !== null) line.vatRate = rateText(slot.rate10);
    if (rng.chance(0.2)) {
      const a = rng.between(1, Math.max(1, Math.floor(net / 10)));
      line.allowances.push(allowanceCharge(rng, a, null, false));
      net -= a;
    }
    if (rng.chance(0.1)) {
      const c = rng.between(1, 5000);
      line.charges.push(allowanceCharge(rng, c, null, true));
      net += c;
    }
    line.netAmount = cents(net);
    m.lines.push(line);
    lineTotal += net;
    add(slot, net);
  }
  let allowances = 0;
  let charges = 0;
  for (let i = rng.chance(0.4) ? rng.between(1, 2) : 0; i > 0; i--) {
    const slot = rng.pick(slots);
    const a = rng.between(1, Math.max(1, Math.floor((taxable.get(slot) ?? 0) / 20)));
    m.allowances.push(allowanceCharge(rng, a, slot, false));
    allowances += a;
    add(slot, -a);
  }
  for (let i = rng.chance(0.3) ? rng.between(1, 2) : 0; i > 0; i--) {
    const slot = rng.pick(slots);
    const c = rng.between(100, 20_000);
    m.charges.push(allowanceCharge(rng, c, slot, true));
    charges += c;
    add(slot, c);
  }
  let vat = 0;
  m.vatBreakdowns = [...taxable].map(([slot, base]): VatBreakdown => {
    const tax = slot.rate10 === null ? 0 : taxOf(base, slot.rate10);
    vat += tax;
    return {
      categoryCode: slot.cat.code,
      taxableAmount: cents(base),
      taxAmount: cents(tax),
      ...(slot.rate10 !== null ? { rate: rateText(slot.rate10) } : {}),
      ...(slot.cat.reason ? { exemptionReason: slot.cat.reason } : {}),
      ...(slot.cat.reasonCode && rng.chance(0.5)
        ? { exemptionReasonCode: slot.cat.reasonCode }
        : {}),
    };
  });
  const withoutVat = lineTotal - allowances + charges;
  const prepaid = rng.chance(0.2) ? rng.between(0, Math.floor((withoutVat + vat) / 2)) : 0;
  m.totals = {
    lineNetTotal: cents(lineTotal),
    ...(allowances ? { allowanceTotal: cents(allowances) } : {}),
    ...(charges ? { chargeTotal: cents(charges) } : {}),
    taxExclusiveAmount: cents(withoutVat),
    vatTotal: cents(vat),
    taxInclusiveAmount: cents(withoutVat + vat),
    ...(prepaid ? { prepaidAmount: cents(prepaid) } : {}),
    payableAmount: cents(withoutVat + vat - prepaid),
  };
  m.syntax = syntax;
  return syntax === 'UBL' ? writeUbl(m) : writeCii(m);
}
