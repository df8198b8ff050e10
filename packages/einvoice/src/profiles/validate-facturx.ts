/**
 * Validation by Factur-X profile.
 *
 * BASIC, EN 16931, EXTENDED (and EXTENDED-CTC-FR, XRechnung) are EN 16931 compliant or
 * conformant: their verdict is exactly `validate()`'s. MINIMUM and BASIC WL are below
 * EN 16931 by design (no invoice lines; MINIMUM has no VAT breakdown either), so some
 * EN 16931 rules cannot hold for them. For these two profiles the EN 16931 run is kept —
 * syntax, code lists, decimals and every business rule on terms the profile carries still
 * apply unchanged — but the rules whose subject the profile lacks are set aside and replaced
 * by the profile's own constraints:
 *
 * What applies follows the Factur-X profile Schematron (FX-SCH-A-… asserts, each carrying the
 * EN 16931 rule it enforces), so that `valid` is the Factur-X verdict:
 *
 * - MINIMUM (BT-1, BT-2, BT-3, BT-5, BT-10, BT-13, BT-23, BT-24, BT-27, BT-30, BT-31, BT-32,
 *   BT-40, BT-44, BT-47, BT-109, BT-110, BT-111, BT-112, BT-115): the mandatory terms are
 *   judged by BR-01…BR-09 and BR-13…BR-15, identification by BR-CO-26, decimals by BR-DEC-*.
 *   Set aside: the buyer address (BR-10/11), BT-106 (BR-12, BR-CO-10, BR-CO-13), the lines
 *   (BR-16) and the VAT breakdown (BR-CO-14, BR-CO-18). The MINIMUM rules do not check the
 *   totals against each other either, so BR-CO-15/16 are kept as warnings (a MINIMUM whose
 *   totals disagree is valid Factur-X but almost certainly wrong). Terms outside the profile
 *   are warned of (FX-MIN-NOT-IN-PROFILE): the profile's XSD would refuse them; we report
 *   them and let the recipient ignore them.
 * - BASIC WL (every document level term, no lines): set aside are BR-16, BR-CO-10 (BT-106 is
 *   given, not summed), and per VAT category the "-01" rules (a breakdown needs a line, an
 *   allowance or a charge of its category) and the "-08" rules (the taxable amount is the sum
 *   of the lines of its category) — the BASIC WL rules have none of them. What EN 16931
 *   implies without lines is reported as warnings, not in the official rules: a breakdown
 *   for every category used by a document allowance or charge, one breakdown per single-rate
 *   category, and the taxable amounts (BT-116) adding up to BT-109.
 * - Both: invoice lines are refused (FX-PROFILE-NO-LINES, fatal: the profile has no line).
 */
import {
  validate,
  validateModel,
  type ReportedFinding,
  type ValidationReport,
} from '../validate.js';
import type { ValidateOptions } from '../validate.js';
import type { FacturXProfile } from '../pdf/read-types.js';
import { profileFromGuideline } from '../pdf/read-profile.js';
import type { AllowanceCharge, Invoice, Located } from '../model/types.js';
import type { Finding, Flag, Lang } from '../rules/types.js';
import { isDec, num, sum } from '../model/decimal.js';
import { pathOf } from '../xml/query.js';
import { PROFILE_MESSAGES } from './messages.js';

export interface FacturXReport extends ValidationReport {
  /** The profile judged against: given in the options, else read from BT-24; null if none. */
  profile: FacturXProfile | null;
  /** Which rules gave the verdict: the EN 16931 ones, or a below-EN 16931 profile's own. */
  rules: 'EN 16931' | 'MINIMUM' | 'BASIC WL';
}

export interface ValidateFacturXOptions extends ValidateOptions {
  /** The profile to judge against (e.g. from the PDF's XMP); default: from BT-24. */
  profile?: FacturXProfile | null;
}

/** EN 16931 rules that do not apply to MINIMUM: their subject is not in the profile. */
const NOT_IN_MINIMUM = new Set([
  'BR-10', // BG-8 buyer postal address
  'BR-11', // BT-55 buyer country code
  'BR-12', // BT-106
  'BR-16', // BG-25 lines
  'BR-CO-10', // BT-106 = Σ BT-131
  'BR-CO-13', // BT-109 = BT-106 − BT-107 + BT-108
  'BR-CO-14', // BT-110 = Σ BT-117
  'BR-CO-18', // at least one BG-23
]);

/** VAT category rule prefixes of EN 16931 (S, Z, E, AE, K, G, O, L, M). */
const CATEGORY_RULES = ['BR-S', 'BR-Z', 'BR-E', 'BR-AE', 'BR-IC', 'BR-G', 'BR-O', 'BR-AF', 'BR-AG'];

/** EN 16931 rules that do not apply to BASIC WL: they are about lines. */
const NOT_IN_BASIC_WL = new Set([
  'BR-16',
  'BR-CO-10',
  ...CATEGORY_RULES.map((p) => `${p}-01`),
  ...CATEGORY_RULES.map((p) => `${p}-08`),
]);

/** Categories that have exactly one VAT breakdown (a single rate, 0 or unspecified). */
const SINGLE_BREAKDOWN = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);

/** EN 16931 rules kept for MINIMUM as warnings: true of any invoice, not MINIMUM rules. */
const WARN_IN_MINIMUM = new Set(['BR-CO-15', 'BR-CO-16']);

const FLAGS: Record<string, Flag> = {
  'FX-PROFILE-NO-LINES': 'fatal',
  'FX-MIN-NOT-IN-PROFILE': 'warning',
  'FX-BASICWL-VAT-CATEGORY': 'warning',
  'FX-BASICWL-VAT-SINGLE': 'warning',
  'FX-BASICWL-VAT-BASE': 'warning',
};

interface Term {
  term: string;
  en: string;
  fr: string;
}

/** A group or value counts as present when it holds some data (empty elements do not). */
function present(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.some(present);
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (k[0] !== '$' && present(x)) return true;
    return false;
  }
  return true;
}

class ProfileFindings {
  readonly findings: ReportedFinding[] = [];
  constructor(readonly lang: Lang) {}

  fire(id: string, at: Located | undefined, field?: string, params?: Record<string, string>): void {
    const el = (field && at?.$at?.[field]) || at?.$src;
    const f: Finding = {
      id,
      flag: FLAGS[id] ?? 'fatal',
      path: el ? pathOf(el) : (field ?? '/'),
      line: el?.line ?? 0,
      column: el?.column ?? 0,
    };
    if (params) f.params = params;
    const m = PROFILE_MESSAGES[id];
    const text = m ? m[this.lang] : id;
    const message = text.replace(/\{(\w+)\}/g, (whole, name: string) => params?.[name] ?? whole);
    this.findings.push({ ...f, message });
  }
}

function notInMinimum(inv: Invoice, out: ProfileFindings): void {
  const warn = (at: Located | undefined, field: string | undefined, t: Term): void => {
    out.fire('FX-MIN-NOT-IN-PROFILE', at, field, {
      term: t.term,
      nameEn: t.en,
      nameFr: t.fr,
    });
  };
  const doc: [keyof Invoice, Term][] = [
    [
      'vatAccountingCurrencyCode',
      { term: 'BT-6', en: 'VAT accounting currency', fr: 'devise de comptabilisation de la TVA' },
    ],
    ['taxPointDate', { term: 'BT-7', en: 'VAT point date', fr: "date d'exigibilité de la TVA" }],
    [
      'vatPointDateCode',
      { term: 'BT-8', en: 'VAT point date code', fr: "code de date d'exigibilité de la TVA" },
    ],
    ['dueDate', { term: 'BT-9', en: 'payment due date', fr: "date d'échéance" }],
    ['projectReference', { term: 'BT-11', en: 'project reference', fr: 'référence de projet' }],
    ['contractReference', { term: 'BT-12', en: 'contract reference', fr: 'référence de contrat' }],
    [
      'salesOrderReference',
      { term: 'BT-14', en: 'sales order reference', fr: 'référence de commande client' },
    ],
    [
      'receivingAdviceReference',
      { term: 'BT-15', en: 'receiving advice reference', fr: "référence d'avis de réception" },
    ],
    [
      'despatchAdviceReference',
      { term: 'BT-16', en: 'despatch advice reference', fr: "référence d'avis d'expédition" },
    ],
    [
      'tenderOrLotReference',
      { term: 'BT-17', en: 'tender or lot reference', fr: "référence d'appel d'offres ou de lot" },
    ],
    [
      'invoicedObjectId',
      { term: 'BT-18', en: 'invoiced object identifier', fr: "identifiant d'objet facturé" },
    ],
    [
      'buyerAccountingReference',
      { term: 'BT-19', en: 'buyer accounting reference', fr: "référence comptable de l'acheteur" },
    ],
    ['paymentTerms', { term: 'BT-20', en: 'payment terms', fr: 'conditions de paiement' }],
    ['notes', { term: 'BG-1', en: 'invoice note', fr: 'note de facture' }],
    [
      'precedingInvoices',
      { term: 'BG-3', en: 'preceding invoice reference', fr: 'référence à une facture antérieure' },
    ],
    ['payee', { term: 'BG-10', en: 'payee', fr: 'bénéficiaire' }],
    [
      'taxRepresentative',
      { term: 'BG-11', en: "seller's tax representative", fr: 'représentant fiscal du vendeur' },
    ],
    ['delivery', { term: 'BG-13', en: 'delivery information', fr: 'informations de livraison' }],
    ['invoicingPeriod', { term: 'BG-14', en: 'invoicing period', fr: 'période de facturation' }],
    [
      'paymentInstructions',
      { term: 'BG-16', en: 'payment instructions', fr: 'instructions de paiement' },
    ],
    [
      'allowances',
      { term: 'BG-20', en: 'document level allowance', fr: 'remise au niveau du document' },
    ],
    ['charges', { term: 'BG-21', en: 'document level charge', fr: 'charge au niveau du document' }],
    ['vatBreakdowns', { term: 'BG-23', en: 'VAT breakdown', fr: 'ventilation de la TVA' }],
    [
      'additionalDocuments',
      { term: 'BG-24', en: 'additional supporting document', fr: 'pièce justificative' },
    ],
  ];
  for (const [key, t] of doc) {
    const v = inv[key];
    if (!present(v)) continue;
    const at = Array.isArray(v)
      ? (v.find(present) as Located)
      : typeof v === 'object'
        ? (v as Located)
        : inv;
    warn(at, typeof v === 'object' ? undefined : key, t);
  }
  const s = inv.seller;
  if (s) {
    const seller: [keyof typeof s, Term][] = [
      [
        'tradingName',
        { term: 'BT-28', en: 'seller trading name', fr: 'nom commercial du vendeur' },
      ],
      ['identifiers', { term: 'BT-29', en: 'seller identifier', fr: 'identifiant du vendeur' }],
      [
        'additionalLegalInfo',
        {
          term: 'BT-33',
          en: 'seller additional legal information',
          fr: 'informations juridiques complémentaires du vendeur',
        },
      ],
      [
        'electronicAddress',
        { term: 'BT-34', en: 'seller electronic address', fr: 'adresse électronique du vendeur' },
      ],
      ['contact', { term: 'BG-6', en: 'seller contact', fr: 'contact du vendeur' }],
    ];
    for (const [key, t] of seller) if (present(s[key])) warn(s, key, t);
    const a = s.address;
    if (a && present({ ...a, countryCode: undefined }))
      warn(a, undefined, {
        term: 'BG-5',
        en: 'seller postal address other than the country code (BT-40)',
        fr: 'adresse postale du vendeur autre que le code pays (BT-40)',
      });
  }
  const b = inv.buyer;
  if (b) {
    const buyer: [keyof typeof b, Term][] = [
      [
        'tradingName',
        { term: 'BT-45', en: 'buyer trading name', fr: "nom commercial de l'acheteur" },
      ],
      ['identifier', { term: 'BT-46', en: 'buyer identifier', fr: "identifiant de l'acheteur" }],
      ['vatId', { term: 'BT-48', en: 'buyer VAT identifier', fr: "identifiant TVA de l'acheteur" }],
      [
        'electronicAddress',
        { term: 'BT-49', en: 'buyer electronic address', fr: "adresse électronique de l'acheteur" },
      ],
      [
        'address',
        { term: 'BG-8', en: 'buyer postal address', fr: "adresse postale de l'acheteur" },
      ],
      ['contact', { term: 'BG-9', en: 'buyer contact', fr: "contact de l'acheteur" }],
    ];
    for (const [key, t] of buyer) if (present(b[key])) warn(b, key, t);
  }
  const tot = inv.totals;
  if (tot) {
    const totals: [keyof typeof tot, Term][] = [
      [
        'lineNetTotal',
        {
          term: 'BT-106',
          en: 'sum of invoice line net amounts',
          fr: 'somme des montants nets des lignes',
        },
      ],
      [
        'allowanceTotal',
        {
          term: 'BT-107',
          en: 'sum of allowances on document level',
          fr: 'somme des remises au niveau du document',
        },
      ],
      [
        'chargeTotal',
        {
          term: 'BT-108',
          en: 'sum of charges on document level',
          fr: 'somme des charges au niveau du document',
        },
      ],
      ['prepaidAmount', { term: 'BT-113', en: 'paid amount', fr: 'montant déjà payé' }],
      ['roundingAmount', { term: 'BT-114', en: 'rounding amount', fr: "montant d'arrondi" }],
    ];
    for (const [key, t] of totals) if (present(tot[key])) warn(tot, key, t);
  }
}

function basicWlVat(inv: Invoice, out: ProfileFindings): void {
  const byCategory = new Map<string, number>();
  const rates = new Set<string>();
  for (const v of inv.vatBreakdowns) {
    const c = v.categoryCode ?? '';
    byCategory.set(c, (byCategory.get(c) ?? 0) + 1);
    const rate = num(v.rate);
    if (rate) rates.add(`${c} ${rate.toString()}`);
  }
  const seen = new Set<string>();
  const check = (ac: AllowanceCharge): void => {
    const c = ac.vatCategoryCode;
    if (!c) return; // BR-32 / BR-37 report a missing category
    // Standard rate (S) and L/M break down per rate: match the rate too when it is readable.
    const rate = c === 'S' || c === 'L' || c === 'M' ? num(ac.vatRate) : null;
    const perRate = rate !== null;
    const key = rate ? `${c} ${rate.toString()}` : c;
    if (seen.has(key)) return;
    seen.add(key);
    if (perRate ? rates.has(key) : byCategory.has(c)) return;
    out.fire('FX-BASICWL-VAT-CATEGORY', ac, 'vatCategoryCode', {
      category: c,
      rate: perRate ? ` (${ac.vatRate ?? ''} %)` : '',
    });
  };
  for (const a of inv.allowances) check(a);
  for (const ch of inv.charges) check(ch);
  for (const [c, n] of byCategory) {
    if (n < 2 || !SINGLE_BREAKDOWN.has(c)) continue;
    const at = inv.vatBreakdowns.find((v) => v.categoryCode === c);
    out.fire('FX-BASICWL-VAT-SINGLE', at, 'categoryCode', { category: c, count: String(n) });
  }
  const total = inv.totals?.taxExclusiveAmount;
  const bases = inv.vatBreakdowns.map((v) => v.taxableAmount);
  // Unreadable amounts are BR-DEC / CII-DT findings already; compare only what can be read.
  const expected = num(total);
  if (expected && bases.length > 0 && bases.every((x) => isDec(x))) {
    const s = sum(bases);
    if (!s.eq(expected))
      out.fire('FX-BASICWL-VAT-BASE', inv.totals, 'taxExclusiveAmount', {
        sum: s.toFixed(2),
        total: total ?? '',
      });
  }
}

/** The profile rules on a model; `report` is its EN 16931 report, which is filtered. */
function judge(
  inv: Invoice,
  report: ValidationReport,
  profile: FacturXProfile | null,
  lang: Lang,
): FacturXReport {
  if (profile !== 'MINIMUM' && profile !== 'BASIC WL') {
    return { ...report, profile, rules: 'EN 16931' };
  }
  if (report.valid === null) return { ...report, profile, rules: profile };
  const drop = profile === 'MINIMUM' ? NOT_IN_MINIMUM : NOT_IN_BASIC_WL;
  const out = new ProfileFindings(lang);
  if (inv.lines.length > 0)
    out.fire('FX-PROFILE-NO-LINES', inv.lines[0], undefined, {
      profile,
      count: String(inv.lines.length),
    });
  if (profile === 'MINIMUM') notInMinimum(inv, out);
  else basicWlVat(inv, out);
  // With lines present the profile is already refused; the EN 16931 line rules then speak
  // about those lines, so only set rules aside when there are none.
  const kept: ReportedFinding[] = [];
  for (const f of report.findings) {
    if (inv.lines.length === 0 && drop.has(f.id)) continue;
    kept.push(profile === 'MINIMUM' && WARN_IN_MINIMUM.has(f.id) ? { ...f, flag: 'warning' } : f);
  }
  const findings = [...kept, ...out.findings];
  const fatal = new Set<string>();
  const warning = new Set<string>();
  for (const f of findings) (f.flag === 'fatal' ? fatal : warning).add(f.id);
  const result: FacturXReport = {
    syntax: report.syntax,
    valid: fatal.size === 0,
    fatal: [...fatal].sort(),
    warning: [...warning].sort(),
    findings,
    profile,
    rules: profile,
  };
  if (report.invoice) result.invoice = report.invoice;
  return result;
}

/**
 * Validates an invoice by its Factur-X profile: XML bytes or text (CII or UBL), or a model.
 * The profile is `options.profile` when given, else the one BT-24 names. Never throws.
 */
export function validateFacturX(
  input: Uint8Array | string | Invoice,
  options: ValidateFacturXOptions = {},
): FacturXReport {
  const lang = options.lang ?? 'en';
  const report =
    typeof input === 'string' || input instanceof Uint8Array
      ? validate(input, options)
      : validateModel(input, { lang });
  const inv = typeof input === 'string' || input instanceof Uint8Array ? report.invoice : input;
  const fromBt24 = inv?.specificationId ? profileFromGuideline(inv.specificationId) : null;
  const profile = options.profile ?? fromBt24;
  if (!inv) return { ...report, profile, rules: 'EN 16931' };
  return judge(inv, report, profile, lang);
}
