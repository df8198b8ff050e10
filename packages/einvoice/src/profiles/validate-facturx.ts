/**
 * Validation by Factur-X profile (1.09): `valid` means valid for the profile the invoice
 * declares (BT-24, or the one given), and `rules` names the rule sets that judged it.
 *
 * A profile invoice must be valid against its profile's XML Schema and Schematron. We run
 * neither (no XSD engine, no XSLT at run time) but their facts natively:
 * - the schema: each profile's XSD is a restriction of CII D16B (fewer elements, tighter
 *   cardinalities); its content models are tables generated from it (schema/fx-*-tables.ts)
 *   and checked by the same structural checker as CII D16B (XSD-* findings);
 * - the Schematron: it enforces a subset of the EN 16931 rules (the ids it carries, generated
 *   into profile-rules.ts) plus cardinalities and code lists (the schema tables and the BR-CL
 *   code list rules cover them).
 *
 * Per profile:
 * - BASIC and EN 16931 are EN 16931 invoices too: every EN 16931 rule applies, and the
 *   profile's schema is checked beside CII D16B's (BASIC has no BG-… it does not list).
 * - MINIMUM and BASIC WL are below EN 16931 by design (no lines; MINIMUM has no VAT
 *   breakdown either): the EN 16931 rules their Schematron lacks are set aside (their subject
 *   is not in the profile), the CII D16B schema is replaced by the profile's. Kept beside, as
 *   our own findings: lines are refused by name (FX-PROFILE-NO-LINES, besides the schema's
 *   refusal), and what EN 16931 implies without lines is warned of — MINIMUM terms outside
 *   the profile (FX-MIN-NOT-IN-PROFILE, naming the term the schema refuses), totals that
 *   disagree (BR-CO-15/16 as warnings), and in BASIC WL a breakdown for every category used
 *   by a document allowance or charge, one breakdown per single-rate category, the taxable
 *   amounts (BT-116) adding up to BT-109.
 * - EXTENDED: the profile's schema replaces CII D16B's (line groups, logistics charges and
 *   the other extended terms are allowed), and the EN 16931 rules its Schematron relaxes
 *   (BR-CO-10…16 with line groups and logistics charges, the per-category "-01" and "-08"
 *   rules, the line rules BR-22…28 for group lines, the CII syntax restrictions) are kept as
 *   warnings, never refusals: the profile's own variants (BR-FXEXT-*) decide.
 */
import {
  checkTree,
  validateModel,
  validateRoot,
  type ReportedFinding,
  type ValidationReport,
} from '../validate.js';
import { parseXml } from '../xml/parse.js';
import type { XmlElement } from '../xml/types.js';
import { syntaxOf } from '../model/syntax.js';
import { structureCheck } from '../schema/check.js';
import type { SchemaTable } from '../schema/table.js';
import { FX_MINIMUM_TABLE } from '../schema/fx-minimum-tables.js';
import { FX_BASIC_WL_TABLE } from '../schema/fx-basicwl-tables.js';
import { FX_BASIC_TABLE } from '../schema/fx-basic-tables.js';
import { FX_EN16931_TABLE } from '../schema/fx-en16931-tables.js';
import { FX_EXTENDED_TABLE } from '../schema/fx-extended-tables.js';
import {
  PROFILE_CATEGORY_CODES,
  PROFILE_RULE_IDS,
  PROFILE_SPECIFICATION_IDS,
  PROFILE_WARNING_IDS,
} from './profile-rules.js';
import { profileTreeRules, type TreeHit } from './extended-rules.js';
import { ownNamedRules, profileAsserts, type AssertHit } from './profile-asserts-run.js';
import { PROFILES_WITH_OWN_TOTALS, profileTotals } from './profile-totals.js';
import { messageFor } from '../messages/catalogue.js';
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
  /**
   * Which rule sets gave the verdict: EN 16931 alone (no Factur-X profile: EN 16931, CIUS
   * such as XRechnung or EXTENDED-CTC-FR), a profile's own (MINIMUM, BASIC WL, EXTENDED), or
   * a profile's and EN 16931 (BASIC, EN 16931).
   */
  rules: FacturXRules;
}

export type FacturXRules =
  | 'EN 16931'
  | 'MINIMUM'
  | 'BASIC WL'
  | 'EXTENDED'
  | 'BASIC + EN 16931'
  | 'Factur-X EN 16931 + EN 16931';

type JudgedProfile = 'MINIMUM' | 'BASIC WL' | 'BASIC' | 'EN 16931' | 'EXTENDED';

const PROFILE_TABLE: Record<JudgedProfile, SchemaTable> = {
  MINIMUM: FX_MINIMUM_TABLE,
  'BASIC WL': FX_BASIC_WL_TABLE,
  BASIC: FX_BASIC_TABLE,
  'EN 16931': FX_EN16931_TABLE,
  EXTENDED: FX_EXTENDED_TABLE,
};

const RULES_OF: Record<JudgedProfile, FacturXRules> = {
  MINIMUM: 'MINIMUM',
  'BASIC WL': 'BASIC WL',
  BASIC: 'BASIC + EN 16931',
  'EN 16931': 'Factur-X EN 16931 + EN 16931',
  EXTENDED: 'EXTENDED',
};

const ruleSets = new Map<string, ReadonlySet<string>>();
/** The rule ids a profile's Schematron enforces. */
function profileRules(p: keyof typeof PROFILE_RULE_IDS): ReadonlySet<string> {
  let set = ruleSets.get(p);
  if (!set) ruleSets.set(p, (set = new Set(PROFILE_RULE_IDS[p].split(' '))));
  return set;
}

const EN16931_ID = 'urn:cen.eu:en16931:2017';

const isJudged = (p: FacturXProfile | null): p is JudgedProfile => p !== null && p in PROFILE_TABLE;

/**
 * Schema findings: every profile checks them, by its schema. (EN 16931's code-list rules,
 * BR-CL-…, are not the below-EN 16931 profiles': those check their own lists, as written,
 * by the nameless asserts of profile-asserts-run.ts.)
 */
const isStructural = (id: string): boolean => id.startsWith('XSD-');

export interface ValidateFacturXOptions extends ValidateOptions {
  /** The profile to judge against (e.g. from the PDF's XMP); default: from BT-24. */
  profile?: FacturXProfile | null;
}

/** Categories that have exactly one VAT breakdown (a single rate, 0 or unspecified). */
const SINGLE_BREAKDOWN = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);

/** EN 16931 rules kept for MINIMUM as warnings: true of any invoice, not MINIMUM rules. */
const WARN_IN_MINIMUM = new Set(['BR-CO-15', 'BR-CO-16']);

/** Our own profile findings' flags (the official rules' come from PROFILE_WARNING_IDS). */
const FLAGS: Record<string, Flag> = {
  'FX-PROFILE-NO-LINES': 'fatal',
  'FX-MIN-NOT-IN-PROFILE': 'warning',
  'FX-BASICWL-VAT-CATEGORY': 'warning',
  'FX-BASICWL-VAT-SINGLE': 'warning',
  'FX-BASICWL-VAT-BASE': 'warning',
};

/** Rules the profile Schematrons flag as warnings (the -08ini/-08rev variants…): never fatal. */
const WARNED = new Set(PROFILE_WARNING_IDS.split(' '));
const flagOf = (id: string): Flag => FLAGS[id] ?? (WARNED.has(id) ? 'warning' : 'fatal');

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
      flag: flagOf(id),
      path: el ? pathOf(el) : (field ?? '/'),
      line: el?.line ?? 0,
      column: el?.column ?? 0,
    };
    this.push(f, params);
  }

  /** A rule that fired on an element of the tree. */
  fireAt(id: string, el: XmlElement, params?: Record<string, string>): void {
    const f: Finding = {
      id,
      flag: flagOf(id),
      path: pathOf(el),
      line: el.line,
      column: el.column,
    };
    this.push(f, params);
  }

  /** An EN 16931 rule in the profile's wording that failed: the rule's own message. */
  fireNamed(id: string, el: XmlElement, params?: Record<string, string>): void {
    const f: Finding = { id, flag: 'fatal', path: pathOf(el), line: el.line, column: el.column };
    if (params) f.params = params;
    this.findings.push({ ...f, message: messageFor(f, this.lang) });
  }

  /** An assert of the profile's Schematron (profile-asserts-run.ts) that failed. */
  fireAssert(h: AssertHit, profile: string): void {
    const el = h.at;
    if (h.kind === 'exists' || h.kind === 'nonempty' || h.kind === 'test') {
      this.fireNamed(h.id, el);
      return;
    }
    const p = h.params;
    const words: Record<string, { fr: string; en: string }> = {
      '=': { fr: 'exactement', en: 'exactly' },
      '<=': { fr: 'au plus', en: 'at most' },
      '>=': { fr: 'au moins', en: 'at least' },
    };
    const message =
      h.kind === 'count'
        ? {
            fr: `${el.qname} doit contenir ${words[p.op!]!.fr} ${p.n} ${p.child} (il en contient ${p.count}) dans le profil Factur-X ${profile}.`,
            en: `${el.qname} must contain ${words[p.op!]!.en} ${p.n} ${p.child} (it contains ${p.count}) in the Factur-X ${profile} profile.`,
          }
        : h.kind === 'attr'
          ? {
              fr: `L'attribut ${p.attribute} est obligatoire sur ${el.qname} dans le profil Factur-X ${profile}.`,
              en: `The ${p.attribute} attribute is required on ${el.qname} in the Factur-X ${profile} profile.`,
            }
          : {
              fr: `La valeur « ${p.value} »${p.where ? ` (${p.where})` : ''} de ${el.qname} n'est pas dans la liste de codes du profil Factur-X ${profile} (écrite telle quelle, sans espace autour).`,
              en: `The value "${p.value}"${p.where ? ` (${p.where})` : ''} of ${el.qname} is not in the code list of the Factur-X ${profile} profile (written as is, with no space around it).`,
            };
    this.findings.push({
      id: h.id,
      flag: 'fatal',
      path: pathOf(el),
      line: el.line,
      column: el.column,
      params: p,
      message: message[this.lang],
    });
  }

  private push(f: Finding, params?: Record<string, string>): void {
    if (params) f.params = params;
    const m = PROFILE_MESSAGES[f.id];
    const text = m ? m[this.lang] : f.id;
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

/**
 * The profile's verdict from the EN 16931 report of the same invoice and, when the invoice
 * was read from XML, the findings of the profile's schema on its tree.
 */
function judge(
  inv: Invoice,
  report: ValidationReport,
  profile: FacturXProfile | null,
  schema: ReportedFinding[] | undefined,
  tree: TreeHit[],
  asserts: AssertHit[],
  acTotals: TreeHit[],
  lang: Lang,
): FacturXReport {
  if (!isJudged(profile) || report.valid === null) {
    return { ...report, profile, rules: isJudged(profile) ? RULES_OF[profile] : 'EN 16931' };
  }
  const kept: ReportedFinding[] = [];
  const out = new ProfileFindings(lang);
  const both = profile === 'BASIC' || profile === 'EN 16931';
  // The named rules the profile words so simply that its wording is run (exists, nonempty):
  // where the profile alone judges, its wording replaces ours (`Name!=''` takes a name of
  // spaces, EN 16931's CII rule does not); where EN 16931 judges too, both must hold, so the
  // profile's adds a finding only where ours is silent.
  const own = new Set(ownNamedRules(profile));
  if (schema && PROFILES_WITH_OWN_TOTALS.has(profile))
    own.add('BR-CO-11').add('BR-CO-12').add('BR-CO-17');
  const ours = new Set(report.findings.map((f) => f.id));
  for (const h of tree) if (!own.has(h.id)) out.fireAt(h.id, h.at, h.params);
  for (const h of asserts)
    if (!own.has(h.id) || !both || !ours.has(h.id)) out.fireAssert(h, profile);
  for (const h of acTotals) if (!both || !ours.has(h.id)) out.fireNamed(h.id, h.at, h.params);
  if (both) {
    // EN 16931 in full, and the profile's schema beside CII D16B's (one finding per place).
    kept.push(...report.findings);
    const seen = new Set(report.findings.map((f) => `${f.id} ${f.path}`));
    for (const f of schema ?? []) if (!seen.has(`${f.id} ${f.path}`)) kept.push(f);
  } else {
    const enforced = profileRules(profile);
    const below = profile !== 'EXTENDED';
    if (below && inv.lines.length > 0)
      out.fire('FX-PROFILE-NO-LINES', inv.lines[0], undefined, {
        profile,
        count: String(inv.lines.length),
      });
    if (profile === 'MINIMUM') notInMinimum(inv, out);
    if (profile === 'BASIC WL') basicWlVat(inv, out);
    // With lines present a below-EN 16931 invoice is refused already; the EN 16931 line rules
    // then speak about those lines, so they are only set aside when there are none.
    const setAside = below && inv.lines.length === 0;
    for (const f of report.findings) {
      // The profile's schema replaces CII D16B's (read from XML; a model has no tree), its
      // wording of a named rule ours (on a tree only: a model has none to run it on).
      if (f.id.startsWith('XSD-') && schema) continue;
      if (own.has(f.id) && schema) continue;
      if (f.flag !== 'fatal' || enforced.has(f.id) || isStructural(f.id)) kept.push(f);
      else if (profile === 'MINIMUM' && WARN_IN_MINIMUM.has(f.id))
        kept.push({ ...f, flag: 'warning' });
      else if (!setAside) kept.push(profile === 'EXTENDED' ? { ...f, flag: 'warning' } : f);
    }
    kept.push(...(schema ?? []));
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
    rules: RULES_OF[profile],
  };
  if (report.invoice) result.invoice = report.invoice;
  return result;
}

function notAnInvoice(root: XmlElement, lang: Lang): ValidationReport {
  const message =
    lang === 'fr'
      ? `Ce document n'est pas une facture UBL 2.1 ni CII D16B (élément racine ${root.qname}, espace de noms « ${root.ns} »).`
      : `This document is neither a UBL 2.1 nor a CII D16B invoice (root element ${root.qname}, namespace "${root.ns}").`;
  return {
    syntax: null,
    valid: null,
    error: { code: 'NOT_AN_INVOICE', message, line: root.line, column: root.column },
    fatal: [],
    warning: [],
    findings: [],
  };
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
  let report: ValidationReport;
  let root: XmlElement | undefined;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const parsed = parseXml(input, options);
    if (!parsed.ok) {
      const r = { syntax: null, valid: null, error: parsed.error, fatal: [], warning: [] };
      return { ...r, findings: [], profile: options.profile ?? null, rules: 'EN 16931' };
    }
    root = parsed.root;
    const syntax = syntaxOf(root);
    report = syntax ? validateRoot(root, syntax, lang) : notAnInvoice(root, lang);
  } else report = validateModel(input, { lang });
  const inv = report.invoice ?? (typeof input === 'object' && 'lines' in input ? input : undefined);
  const fromBt24 = inv?.specificationId ? profileFromGuideline(inv.specificationId) : null;
  const profile = options.profile ?? fromBt24;
  if (!inv) return { ...report, profile, rules: 'EN 16931' };
  // Factur-X carries CII: a UBL invoice keeps its EN 16931 verdict. The bare EN 16931 id
  // (urn:cen.eu:en16931:2017) in BT-24 declares EN 16931, not Factur-X: the Factur-X
  // EN 16931 profile judges it only when declared so (a Factur-X PDF's XMP, the caller).
  const bareEn16931 = !options.profile && inv.specificationId?.trim() === EN16931_ID;
  if (report.syntax === 'UBL' || bareEn16931) return { ...report, profile, rules: 'EN 16931' };
  // Factur-X carries CII: a profile's schema and Schematron facts judge a CII tree (a UBL one
  // keeps its own); BR-CO-11/12 and 17 in the wording of the profiles that have them.
  const cii = root && report.syntax === 'CII' && isJudged(profile) ? root : undefined;
  if (!cii || !isJudged(profile)) return judge(inv, report, profile, undefined, [], [], [], lang);
  const schema = checkTree(cii, 'CII', [structureCheck(PROFILE_TABLE[profile])], lang);
  const tree = profileTreeRules(cii, profile === 'EXTENDED', profileRules(profile), {
    ids: PROFILE_SPECIFICATION_IDS[profile],
    categories: PROFILE_CATEGORY_CODES[profile],
  });
  const asserts = profileAsserts(cii, profile);
  const acTotals = PROFILES_WITH_OWN_TOTALS.has(profile) ? profileTotals(cii) : [];
  return judge(inv, report, profile, schema, tree, asserts, acTotals, lang);
}
