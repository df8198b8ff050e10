/**
 * The EN 16931 business rules on keyed-in data, each problem tied to the keyed field it is
 * about ('lines.1.vatRate', 'supplier.vatId'…) so a form can show it beside that field.
 *
 * Runs the very rule sets validateModel runs on the very model keyedToModel builds (the one
 * the server judges a keyed deposit by), with a reporter that knows which keyed field each
 * model group and field came from: a keyed model has no XML locations, so the path
 * validateModel gives ('vatRate') would not say which line.
 */
import { flagOf } from '../rules/catalogue.js';
import type { Anchor, Reporter } from '../rules/engine.js';
import type { Finding, Lang } from '../rules/types.js';
import { messageFor, ruleMessage } from '../messages/catalogue.js';
import type { Invoice } from '../model/types.js';
import { MODEL_RULE_SETS, type ReportedFinding } from '../validate.js';
import { checkKeyedEntry } from './entry-checks.js';
import { keyedToModel } from './to-model.js';
import type { KeyedBuyer, KeyedInvoice } from './types.js';

export interface KeyedFinding extends ReportedFinding {
  /**
   * The keyed field concerned, as a dotted path into KeyedInvoice ('number', 'lines.0.vatRate',
   * 'totals.vat', 'vatBreakdown.0.taxAmount'…), or null when it is about the invoice as a whole
   * or a term the keyed data do not carry.
   */
  field: string | null;
  /** The business terms the rule is about (BT-152…), from the message catalogue. */
  terms: string[];
}

export interface KeyedReport {
  valid: boolean;
  fatal: string[];
  warning: string[];
  findings: KeyedFinding[];
  /** The model judged (what the server stores for a keyed deposit). */
  invoice: Invoice;
}

/** Where the fields of one model group come from in the keyed data. */
interface Origin {
  /** Keyed path of the group ('' for the invoice, 'lines.2'…). */
  base: string;
  /** Model field → keyed field (relative to base); unlisted fields point at the group. */
  fields: Record<string, string>;
  /** When the field is unlisted: the group's own keyed field, or null. */
  fallback: string | null;
}

const join = (base: string, field: string) => (base ? `${base}.${field}` : field);

function origins(model: Invoice): Map<object, Origin> {
  const map = new Map<object, Origin>();
  map.set(model, {
    base: '',
    fields: {
      id: 'number',
      issueDate: 'issueDate',
      typeCode: 'type',
      currencyCode: 'currency',
      dueDate: 'dueDate',
      paymentTerms: 'paymentTerms',
      buyerReference: 'serviceCode',
      purchaseOrderReference: 'commitmentNumber',
      lines: 'lines',
      vatBreakdowns: 'vatBreakdown',
      // Who must hold a VAT id for a category (BR-S-02…): the supplier's is what is keyed.
      seller: 'supplier.vatId',
      buyer: 'recipient.identifier',
    },
    fallback: null,
  });
  if (model.seller) {
    map.set(model.seller, {
      base: 'supplier',
      fields: {
        name: 'name',
        vatId: 'vatId',
        identifiers: 'identifier',
        legalRegistration: 'identifier',
        address: 'address',
      },
      fallback: null,
    });
    if (model.seller.address) {
      map.set(model.seller.address, {
        base: 'supplier.address',
        fields: {
          line1: 'line1',
          line2: 'line2',
          city: 'city',
          postCode: 'postCode',
          countryCode: 'countryCode',
        },
        fallback: null,
      });
    }
  }
  if (model.buyer) {
    map.set(model.buyer, {
      base: 'recipient',
      fields: { name: 'name', identifier: 'identifier', legalRegistration: 'identifier' },
      fallback: 'identifier',
    });
    // The buyer's address is the directory's, not keyed: its problems point at the recipient.
    if (model.buyer.address) {
      map.set(model.buyer.address, { base: 'recipient', fields: {}, fallback: 'identifier' });
    }
  }
  model.lines.forEach((line, i) => {
    const base = `lines.${i}`;
    map.set(line, {
      base,
      fields: {
        id: 'id',
        quantity: 'quantity',
        unitCode: 'unitCode',
        netAmount: 'netAmount',
        vatCategoryCode: 'vatCategory',
        vatRate: 'vatRate',
      },
      fallback: null,
    });
    if (line.item) map.set(line.item, { base, fields: { name: 'name' }, fallback: 'name' });
    if (line.price) {
      map.set(line.price, { base, fields: { netPrice: 'unitPrice' }, fallback: 'unitPrice' });
    }
  });
  model.vatBreakdowns.forEach((b, i) => {
    map.set(b, {
      base: `vatBreakdown.${i}`,
      fields: {
        categoryCode: 'category',
        rate: 'rate',
        taxableAmount: 'taxableAmount',
        taxAmount: 'taxAmount',
        exemptionReason: 'exemptionReason',
        exemptionReasonCode: 'exemptionReason',
      },
      fallback: null,
    });
  });
  if (model.totals) {
    map.set(model.totals, {
      base: 'totals',
      fields: {
        lineNetTotal: 'lineNetTotal',
        taxExclusiveAmount: 'withoutVat',
        vatTotal: 'vat',
        taxInclusiveAmount: 'withVat',
        prepaidAmount: 'prepaid',
        payableAmount: 'payable',
      },
      fallback: null,
    });
  }
  return map;
}

/**
 * The VAT categories' "who holds a VAT id" rules (BR-S-02…04 and alike) fire on each line of
 * the category, but what the supplier must fix is its own VAT id (the buyer's is not keyed).
 */
const PARTY_VAT_RULE = /^BR-(S|Z|E|AE|IC|G|O|AF|AG)-0[234]$/;

/** Collects findings as validate.ts's collector does (same flags), plus the keyed field. */
class KeyedCollector implements Reporter {
  readonly findings: (Finding & { field: string | null })[] = [];
  constructor(private readonly origin: Map<object, Origin>) {}

  fire(id: string, at: Anchor, field?: string, params?: Record<string, string>): void {
    const flag = flagOf(id, undefined);
    if (!flag) return;
    const o = at ? this.origin.get(at) : undefined;
    let keyedField: string | null = null;
    if (PARTY_VAT_RULE.test(id)) keyedField = 'supplier.vatId';
    else if (o) {
      const own = field !== undefined ? o.fields[field] : undefined;
      if (own !== undefined) keyedField = join(o.base, own);
      else if (o.fallback !== null) keyedField = join(o.base, o.fallback);
      else keyedField = o.base || null;
    }
    const finding: Finding & { field: string | null } = {
      id,
      flag,
      path: keyedField ?? field ?? '/',
      line: 0,
      column: 0,
      field: keyedField,
    };
    if (params) finding.params = params;
    this.findings.push(finding);
  }
}

/** Judges keyed-in data by the EN 16931 business rules, problems tied to keyed fields. */
export function validateKeyed(
  keyed: KeyedInvoice,
  buyer: KeyedBuyer | undefined,
  options: { lang?: Lang; today?: string } = {},
): KeyedReport {
  const lang = options.lang ?? 'en';
  const invoice = keyedToModel(keyed, buyer);
  const c = new KeyedCollector(origins(invoice));
  for (const set of MODEL_RULE_SETS) set(invoice, c);
  // The platform's entry checks (dates, check keys, bounds), the server's very ones.
  const entry = checkKeyedEntry(keyed, { today: options.today ?? localToday(), lang });
  const fatal = new Set<string>();
  const warning = new Set<string>();
  for (const f of [...c.findings, ...entry]) (f.flag === 'fatal' ? fatal : warning).add(f.id);
  return {
    valid: fatal.size === 0,
    fatal: [...fatal].sort(),
    warning: [...warning].sort(),
    findings: [
      ...c.findings.map((f) => ({
        ...f,
        message: messageFor(f, lang),
        terms: ruleMessage(f.id)?.terms ?? [],
      })),
      ...entry,
    ],
    invoice,
  };
}

/** Today in the local calendar (the portal's user's day), YYYY-MM-DD. */
function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
