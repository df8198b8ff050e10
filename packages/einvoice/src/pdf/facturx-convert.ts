/**
 * A model (read from UBL, or keyed in) turned into the CII a Factur-X carries, or refused.
 *
 * CII and UBL bind EN 16931 differently; the Factur-X profiles restrict CII further. So the
 * model goes through three steps before it is embedded:
 * 1. what CII cannot say is refused, naming the business term: several preceding invoice
 *    references (BT-25: one InvoiceReferencedDocument in Factur-X), sub-lines (flat CII lines
 *    would count twice in the totals);
 * 2. what CII needs and the model implies is derived: the gross price BT-148 = BT-146 + BT-147
 *    when a price discount is given without it (GrossPriceProductTradePrice needs its amount);
 *    no VAT accounting currency (BT-6) when it is the invoice currency (in CII it asks for a
 *    second VAT total, BR-53); the specification identifier (BT-24) of the Factur-X level the
 *    PDF declares when the model's is none of Factur-X's (a CIUS such as Peppol BIS);
 * 3. the CII written is judged by its Factur-X profile (validateFacturX); a fatal finding
 *    refuses the conversion with the findings, in French and English — never an invalid PDF.
 */
import type { Invoice, InvoiceLine } from '../model/types.js';
import { num } from '../model/decimal.js';
import { writeCii } from '../cii/write.js';
import { validateFacturX } from '../profiles/validate-facturx.js';
import { profileRuleMessage } from '../profiles/messages.js';
import { ruleMessage } from '../messages/catalogue.js';
import { profileFromGuideline } from './read-profile.js';
import type { FacturXProfile } from './read-types.js';

/** Why a model cannot become a valid Factur-X; `message` names the terms, in both languages. */
export class FacturXConversionError extends Error {
  readonly code = 'FACTURX_CONVERSION_REFUSED';
  constructor(
    readonly terms: string[],
    readonly messages: { fr: string; en: string },
  ) {
    super(messages.en);
    this.name = 'FacturXConversionError';
  }
}

const EN16931_ID = 'urn:cen.eu:en16931:2017';
/** Profiles whose own rules judge the embedded XML (the others declare EN 16931). */
const FACTURX_PROFILES = new Set<FacturXProfile>([
  'MINIMUM',
  'BASIC WL',
  'BASIC',
  'EN 16931',
  'EXTENDED',
]);

function hasSubLines(lines: readonly InvoiceLine[]): boolean {
  return lines.some((l) => (l.subLines?.length ?? 0) > 0);
}

/** Step 1: what CII cannot carry. */
function refuseWhatCiiCannotSay(inv: Invoice): void {
  const preceding = inv.precedingInvoices.filter((p) => p.id.trim() !== '');
  if (preceding.length > 1) {
    const ids = preceding.map((p) => p.id).join(', ');
    throw new FacturXConversionError(['BG-3', 'BT-25'], {
      fr: `Conversion en Factur-X impossible : la facture cite ${preceding.length} factures antérieures (BT-25 : ${ids}), alors qu'une facture Factur-X (CII) ne peut en citer qu'une. Émettez-la en UBL, ou gardez une seule référence à une facture antérieure.`,
      en: `Cannot convert to Factur-X: the invoice refers to ${preceding.length} preceding invoices (BT-25: ${ids}), while a Factur-X (CII) invoice can refer to one only. Send it as UBL, or keep a single preceding invoice reference.`,
    });
  }
  if (hasSubLines(inv.lines)) {
    throw new FacturXConversionError(['BG-25'], {
      fr: 'Conversion en Factur-X impossible : la facture a des sous-lignes (lignes de facture imbriquées, BG-25), que CII au niveau EN 16931 ne peut pas porter sans les compter deux fois dans les totaux. Émettez-la en UBL, ou mettez les sous-lignes à plat.',
      en: 'Cannot convert to Factur-X: the invoice has sub-lines (nested invoice lines, BG-25), which CII at the EN 16931 level cannot carry without counting them twice in the totals. Send it as UBL, or flatten the sub-lines.',
    });
  }
}

/** Step 2: a copy of the model with what CII needs and the model implies. */
function derive(inv: Invoice): { model: Invoice; profile: FacturXProfile } {
  const declared = inv.specificationId ? profileFromGuideline(inv.specificationId) : null;
  const profile = declared && FACTURX_PROFILES.has(declared) ? declared : 'EN 16931';
  const model: Invoice = { ...inv };
  if (profile !== declared) model.specificationId = EN16931_ID;
  if (
    model.vatAccountingCurrencyCode !== undefined &&
    model.vatAccountingCurrencyCode.trim() === model.currencyCode?.trim()
  ) {
    delete model.vatAccountingCurrencyCode;
    if (model.totals) {
      model.totals = { ...model.totals };
      delete model.totals.vatTotalInAccountingCurrency;
    }
  }
  // EN 16931 reads the exemption reason code (BT-121) whatever its case; the Factur-X
  // profiles compare it with their list as written (VATEX-EU-AE, not vatex-eu-ae).
  model.vatBreakdowns = inv.vatBreakdowns.map((v) => {
    const code = v.exemptionReasonCode;
    const listed = code?.trim().toUpperCase();
    return code === undefined || listed === code ? v : { ...v, exemptionReasonCode: listed };
  });
  model.lines = inv.lines.map((line) => {
    const p = line.price;
    if (!p || p.grossPrice !== undefined || p.discount === undefined) return line;
    const net = num(p.netPrice);
    const discount = num(p.discount);
    // Unreadable amounts: left as they are, the validation below names them.
    if (!net || !discount) return line;
    return { ...line, price: { ...p, grossPrice: net.plus(discount).toFixed() } };
  });
  return { model, profile };
}

/** Fatal findings as one line each, in a language. */
function listed(xml: string, profile: FacturXProfile, lang: 'fr' | 'en'): string {
  const r = validateFacturX(xml, { profile, lang });
  return r.findings
    .filter((f) => f.flag === 'fatal')
    .slice(0, 10)
    .map((f) => `${f.id} (${f.path}) : ${f.message}`)
    .join(' ; ');
}

/**
 * The CII to embed for a model, with the profile it is valid for and the model as derived.
 * Throws FacturXConversionError when CII cannot say what the model says, or when the result
 * would not be valid for its Factur-X profile.
 */
export function facturXFromModel(inv: Invoice): {
  xml: string;
  model: Invoice;
  profile: FacturXProfile;
} {
  refuseWhatCiiCannotSay(inv);
  const { model, profile } = derive(inv);
  const xml = writeCii(model);
  const report = validateFacturX(xml, { profile });
  if (report.valid !== true) {
    // The business terms of the rules that fired (the rule ids when a rule names none).
    const fatal = report.findings.filter((f) => f.flag === 'fatal');
    const terms = [
      ...new Set(
        fatal.flatMap((f) => {
          const t = (profileRuleMessage(f.id) ?? ruleMessage(f.id))?.terms ?? [];
          return t.length ? t : [f.id];
        }),
      ),
    ];
    throw new FacturXConversionError(terms, {
      fr: `Conversion en Factur-X ${profile} impossible : le XML obtenu ne serait pas valide pour ce profil (${terms.join(', ')}) — ${listed(xml, profile, 'fr')}`,
      en: `Cannot convert to Factur-X ${profile}: the resulting XML would not be valid for that profile (${terms.join(', ')}) — ${listed(xml, profile, 'en')}`,
    });
  }
  return { xml, model, profile };
}
