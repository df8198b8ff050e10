/**
 * factures/v1/soumettre's body → the keyed invoice of the native deposit (keyed-invoice.ts).
 * Only a translation: the deposit use case judges the result with every rule (EN 16931,
 * routing, duplicates). The supplier is the caller's structure, as the directory knows it.
 *
 * Amounts: clients send JSON numbers; each is turned into its shortest decimal text (what the
 * client wrote for any amount with two decimals), then computed with decimals only.
 */
import Big from 'big.js';
import { z } from 'zod';
import type { KeyedInvoice } from '../invoices/keyed-invoice.js';
import { AppError } from '../lib/errors.js';

const Amount = z.union([z.number(), z.string()]).nullish();
const Text = z.string().nullish();

export const SoumettreSchema = z.looseObject({
  modeDepot: z.enum(['SAISIE_API', 'DEPOT_PDF_API']),
  numeroFactureSaisi: z.string().nullish(),
  dateFacture: z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'YYYY-MM-DD'),
  dateEcheancePaiement: Text,
  idUtilisateurCourant: z.number().int().nullish(),
  cadreDeFacturation: z.looseObject({
    codeCadreFacturation: z.string().min(1),
    codeServiceValideur: Text,
    codeStructureValideur: Text,
  }),
  destinataire: z.looseObject({
    codeDestinataire: z.string().min(1),
    codeServiceExecutant: Text,
  }),
  fournisseur: z
    .looseObject({
      idFournisseur: z.number().int().nullish(),
      idServiceFournisseur: z.number().int().nullish(),
      codeCoordonneesBancairesFournisseur: z.union([z.number(), z.string()]).nullish(),
      numeroTvaIntracommunautaire: z.string().max(30).nullish(),
    })
    .nullish(),
  references: z.looseObject({
    deviseFacture: Text,
    typeFacture: Text,
    typeTva: Text,
    modePaiement: Text,
    motifExonerationTva: Text,
    numeroMarche: Text,
    numeroBonCommande: Text,
    numeroFactureOrigine: Text,
  }),
  lignePoste: z
    .array(
      z.looseObject({
        lignePosteNumero: z.number().int().nullish(),
        lignePosteReference: Text,
        lignePosteDenomination: z.string().min(1),
        lignePosteQuantite: Amount,
        lignePosteUnite: Text,
        lignePosteMontantUnitaireHT: Amount,
        lignePosteMontantRemiseHT: Amount,
        lignePosteTauxTva: Text,
        lignePosteTauxTvaManuel: Amount,
      }),
    )
    .nullish(),
  ligneTva: z
    .array(
      z.looseObject({
        ligneTvaTaux: Text,
        ligneTvaTauxManuel: Amount,
        ligneTvaMontantBaseHtParTaux: Amount,
        ligneTvaMontantTvaParTaux: Amount,
      }),
    )
    .nullish(),
  montantTotal: z.looseObject({
    montantHtTotal: Amount,
    montantTVA: Amount,
    montantTtcTotal: Amount,
    montantRemiseGlobaleTTC: Amount,
    motifRemiseGlobaleTTC: Text,
    montantAPayer: Amount,
  }),
  pieceJointePrincipale: z
    .array(
      z.looseObject({
        pieceJointePrincipaleDesignation: Text,
        pieceJointePrincipaleId: z.number().int().nullish(),
      }),
    )
    .nullish(),
  pieceJointeComplementaire: z
    .array(
      z.looseObject({
        pieceJointeComplementaireDesignation: Text,
        pieceJointeComplementaireId: z.number().int().nullish(),
        pieceJointeComplementaireIdLiaison: z.number().int().nullish(),
        pieceJointeComplementaireNumeroLigneFacture: z.number().int().nullish(),
        pieceJointeComplementaireType: Text,
      }),
    )
    .nullish(),
  commentaire: Text,
});
export type Soumettre = z.infer<typeof SoumettreSchema>;

function dec(value: number | string | null | undefined, field: string): string {
  if (value === null || value === undefined || value === '')
    throw new AppError('VALIDATION_FAILED', `${field} is required`, {
      details: [{ pointer: field, message: 'required' }],
    });
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(text))
    throw new AppError('VALIDATION_FAILED', `${field} must be a decimal number`, {
      details: [{ pointer: field, message: 'a decimal number' }],
    });
  return text;
}

/** An amount: at least two decimals, as an amount is written ("1500" → "1500.00"). */
function money(value: number | string | null | undefined, field: string): string {
  const text = dec(value, field);
  const digits = text.split('.')[1]?.length ?? 0;
  return digits >= 2 ? text : new Big(text).toFixed(2);
}

const optDec = (value: number | string | null | undefined) =>
  value === null || value === undefined || value === '' ? undefined : value;

/** A VAT rate from its manual value or from the rate code ("TVA20", "20", "5.5"). */
function rateOf(code: string | null | undefined, manual: number | string | null | undefined) {
  if (optDec(manual) !== undefined) return dec(manual, 'taux');
  const found = /(\d+(?:[.,]\d+)?)/.exec(code ?? '');
  return found ? found[1]!.replace(',', '.') : undefined;
}

/** EN 16931 VAT category: exempt (E) with the reason, zero rate (Z), or standard (S). */
function categoryOf(rate: string | undefined, exempt: boolean): string {
  if (exempt) return 'E';
  if (rate === undefined || new Big(rate).eq(0)) return 'Z';
  return 'S';
}

const blank = (s: string | null | undefined) => (s && s.trim() ? s.trim() : undefined);

/**
 * The French intra-community VAT number of a SIREN: FR + key + SIREN, key = (12 + 3 × (SIREN
 * mod 97)) mod 97 (the administration's formula). soumettre carries no VAT number (the real
 * service takes it from the structure's record); ours has none, so it is worked out, unless the
 * client sends `fournisseur.numeroTvaIntracommunautaire`.
 */
export function frenchVatId(siren: string): string | undefined {
  if (!/^\d{9}$/.test(siren)) return undefined;
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${siren}`;
}

export interface SupplierFacts {
  identifier: string;
  name: string;
  line1: string | null;
  postCode: string | null;
  town: string | null;
  countryCode: string | null;
}

export function keyedFromSoumettre(body: Soumettre, supplier: SupplierFacts): KeyedInvoice {
  const refs = body.references;
  const exempt = refs.typeTva === 'EXONERATION' || Boolean(blank(refs.motifExonerationTva));
  const lines = (body.lignePoste ?? []).map((l, i) => {
    const at = `lignePoste[${i}]`;
    const quantity = dec(l.lignePosteQuantite, `${at}.lignePosteQuantite`);
    const unitPrice = money(l.lignePosteMontantUnitaireHT, `${at}.lignePosteMontantUnitaireHT`);
    const discount = optDec(l.lignePosteMontantRemiseHT);
    let net = new Big(quantity).times(unitPrice);
    if (discount !== undefined) net = net.minus(dec(discount, `${at}.lignePosteMontantRemiseHT`));
    const rate = rateOf(l.lignePosteTauxTva, l.lignePosteTauxTvaManuel);
    const unit = blank(l.lignePosteUnite);
    return {
      id: l.lignePosteNumero ? String(l.lignePosteNumero) : undefined,
      name: l.lignePosteDenomination.slice(0, 200),
      quantity,
      unitCode: unit && /^[A-Z0-9]{1,3}$/.test(unit) ? unit : undefined,
      unitPrice,
      netAmount: net.round(2).toFixed(2),
      vatCategory: categoryOf(rate, exempt),
      vatRate: rate,
    };
  });
  const vatBreakdown = (body.ligneTva ?? []).map((v, i) => {
    const at = `ligneTva[${i}]`;
    const rate = rateOf(v.ligneTvaTaux, v.ligneTvaTauxManuel);
    const category = categoryOf(rate, exempt);
    return {
      category,
      rate,
      taxableAmount: money(v.ligneTvaMontantBaseHtParTaux, `${at}.ligneTvaMontantBaseHtParTaux`),
      taxAmount: money(v.ligneTvaMontantTvaParTaux, `${at}.ligneTvaMontantTvaParTaux`),
      exemptionReason: category === 'E' ? blank(refs.motifExonerationTva) : undefined,
    };
  });
  const totals = body.montantTotal;
  const withVat = money(totals.montantTtcTotal, 'montantTotal.montantTtcTotal');
  const payable = money(
    totals.montantAPayer ?? totals.montantTtcTotal,
    'montantTotal.montantAPayer',
  );
  const prepaid = new Big(withVat).minus(payable);
  const lineNetTotal = lines.reduce((s, l) => s.plus(l.netAmount), new Big(0));
  const type = blank(refs.typeFacture) ?? 'FACTURE';
  if (!['FACTURE', 'AVOIR', 'ACOMPTE'].includes(type))
    throw new AppError('VALIDATION_FAILED', 'typeFacture must be FACTURE, AVOIR or ACOMPTE', {
      details: [{ pointer: 'references.typeFacture', message: 'FACTURE, AVOIR or ACOMPTE' }],
    });
  const number = blank(body.numeroFactureSaisi);
  if (!number)
    throw new AppError('VALIDATION_FAILED', 'numeroFactureSaisi is required', {
      details: [{ pointer: 'numeroFactureSaisi', message: 'required' }],
    });
  const french = (supplier.countryCode ?? 'FR') === 'FR';
  const vatId =
    blank(body.fournisseur?.numeroTvaIntracommunautaire) ??
    (french ? frenchVatId(supplier.identifier.slice(0, 9)) : undefined);
  return {
    supplier: {
      identifier: supplier.identifier,
      name: supplier.name,
      vatId: exempt ? undefined : vatId,
      address: {
        line1: supplier.line1 ?? undefined,
        postCode: supplier.postCode ?? undefined,
        city: supplier.town ?? undefined,
        countryCode: supplier.countryCode ?? 'FR',
      },
    },
    recipient: { identifier: body.destinataire.codeDestinataire },
    serviceCode: blank(body.destinataire.codeServiceExecutant),
    commitmentNumber: blank(refs.numeroBonCommande),
    number,
    issueDate: body.dateFacture.slice(0, 10),
    dueDate: blank(body.dateEcheancePaiement)?.slice(0, 10),
    type: type as KeyedInvoice['type'],
    currency: blank(refs.deviseFacture) ?? 'EUR',
    paymentTerms: blank(body.commentaire)?.slice(0, 500),
    lines,
    vatBreakdown,
    totals: {
      lineNetTotal: lineNetTotal.toFixed(2),
      withoutVat: money(totals.montantHtTotal, 'montantTotal.montantHtTotal'),
      vat: money(totals.montantTVA, 'montantTotal.montantTVA'),
      withVat,
      prepaid: prepaid.eq(0) ? undefined : prepaid.toFixed(2),
      payable,
    },
  };
}
