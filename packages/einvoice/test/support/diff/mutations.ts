/**
 * Mutations of an invoice for the differential tester: each takes a parsed tree and changes it
 * in one way a real sender might get wrong (an element dropped, duplicated or out of order, a
 * value, code, amount, date or scheme changed, stray white space, another namespace prefix or
 * an element in the wrong namespace). `mutate` guarantees the written file differs from the
 * original one: a mutation that happens to change nothing is drawn again.
 */
import type { XmlElement } from '../../../src/xml/types.js';
import { pathOf } from '../../../src/xml/query.js';
import { clone, parseRoot, serialize } from '../../negative/mutate.js';
import type { Rng } from './random.js';

export const MUTATION_KINDS = [
  'drop',
  'duplicate',
  'reorder',
  'value',
  'code',
  'amount',
  'date',
  'scheme',
  'whitespace',
  'namespace',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  kind: MutationKind;
  /** What changed, where (for the report). */
  detail: string;
  /** The mutated file. */
  text: string;
}

type Apply = (root: XmlElement, rng: Rng) => string | null;

function elements(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    for (const c of el.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

const leaves = (root: XmlElement): XmlElement[] =>
  elements(root).filter((e) => e.children.length === 0);

function setText(el: XmlElement, text: string): void {
  el.children = [];
  el.text = text;
}

function setAttr(el: XmlElement, local: string, value: string | null): void {
  el.attributes = el.attributes.filter((a) => a.local !== local);
  if (value !== null) el.attributes = [...el.attributes, { ns: '', local, qname: local, value }];
}

const attrOf = (el: XmlElement, local: string): string | undefined =>
  el.attributes.find((a) => a.local === local)?.value;

function pickOr<T>(rng: Rng, xs: readonly T[]): T | null {
  return xs.length ? rng.pick(xs) : null;
}

const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M', 'B', 'X', ''];
const POOLS: [RegExp, readonly string[]][] = [
  [/^(CategoryCode)$/, VAT_CATEGORIES],
  [/TypeCode$/, ['380', '381', '384', '389', '751', '326', '386', '130', '50', '916', '999']],
  [/CurrencyCode$/, ['EUR', 'USD', 'SEK', 'XXX', 'eur', '']],
  [/PaymentMeansCode$|^TypeCode$/, ['30', '58', '59', '49', '48', '1', '97', 'ZZZ', '']],
  [/^(IdentificationCode|CountryID)$/, ['FR', 'DE', 'GB', 'IT', 'XX', 'fr', '']],
  [
    /ExemptionReasonCode$/,
    ['VATEX-EU-O', 'VATEX-EU-AE', 'VATEX-EU-G', 'VATEX-EU-IC', 'VATEX-EU-79-C', 'VATEX-FR-X', ''],
  ],
  [/ReasonCode$/, ['95', '100', '102', 'ABL', 'AA', 'FC', 'ZZZ', 'XX', '']],
  [/Code$/, ['1', '3', '35', '432', 'AAA', 'ZZZ', '']],
];
const ATTR_POOLS: Record<string, readonly string[]> = {
  unitCode: ['C62', 'H87', 'HUR', 'XPP', 'ZZ', 'abc', ''],
  currencyID: ['EUR', 'USD', 'SEK', 'XXX', ''],
  mimeCode: ['application/pdf', 'image/png', 'text/plain', ''],
};
const SCHEMES = ['0088', '0002', '0009', '0060', '0204', '9957', 'EM', 'SEPA', 'XX', ''];

/** A VAT category element: UBL cbc:ID under a tax category, CII ram:CategoryCode. */
const isVatCategory = (el: XmlElement): boolean =>
  el.local === 'CategoryCode' || (el.local === 'ID' && /TaxCategory$/.test(el.parent?.local ?? ''));

const drop: Apply = (root, rng) => {
  const el = pickOr(rng, elements(root));
  if (!el?.parent) return null;
  const where = pathOf(el);
  el.parent.children = el.parent.children.filter((c) => c !== el);
  return `drop ${where}`;
};

const duplicate: Apply = (root, rng) => {
  const el = pickOr(rng, elements(root));
  if (!el?.parent) return null;
  const parent = el.parent;
  const copy = clone(el, parent);
  const i = parent.children.indexOf(el);
  parent.children = [...parent.children.slice(0, i + 1), copy, ...parent.children.slice(i + 1)];
  return `duplicate ${pathOf(el)}`;
};

const reorder: Apply = (root, rng) => {
  const el = pickOr(
    rng,
    elements(root).filter((e) => (e.parent?.children.length ?? 0) > 1),
  );
  if (!el?.parent) return null;
  const where = pathOf(el);
  const rest = el.parent.children.filter((c) => c !== el);
  const to = rng.int(rest.length + 1);
  el.parent.children = [...rest.slice(0, to), el, ...rest.slice(to)];
  return `move ${where} to position ${to + 1}`;
};

const value: Apply = (root, rng) => {
  const el = pickOr(rng, leaves(root));
  if (!el) return null;
  const long = 'Lorem ipsum dolor sit amet '.repeat(rng.between(2, 60));
  const v = rng.pick(['', 'X', 'valeur de test', '0', '-1', '1E3', long, `${el.text}X`]);
  setText(el, v);
  return `value ${pathOf(el)} = ${JSON.stringify(v.slice(0, 40))}`;
};

const code: Apply = (root, rng) => {
  const withAttr = elements(root).filter((e) =>
    e.attributes.some((a) => ATTR_POOLS[a.local] !== undefined),
  );
  const coded = leaves(root).filter((e) => isVatCategory(e) || /Code$/.test(e.local));
  if (withAttr.length && (coded.length === 0 || rng.chance(0.25))) {
    const el = rng.pick(withAttr);
    const a = rng.pick(el.attributes.filter((x) => ATTR_POOLS[x.local] !== undefined));
    const v = rng.pick(ATTR_POOLS[a.local]!);
    setAttr(el, a.local, v);
    return `code ${pathOf(el)}/@${a.local} = ${JSON.stringify(v)}`;
  }
  const el = pickOr(rng, coded);
  if (!el) return null;
  const pool = isVatCategory(el)
    ? VAT_CATEGORIES
    : (POOLS.find(([re]) => re.test(el.local))?.[1] ?? POOLS[POOLS.length - 1]![1]);
  const v = rng.pick(pool);
  setText(el, v);
  return `code ${pathOf(el)} = ${JSON.stringify(v)}`;
};

const isAmount = (el: XmlElement): boolean =>
  attrOf(el, 'currencyID') !== undefined ||
  /(Amount|Price|Quantity|Percent|Rate|MultiplierFactorNumeric)$/.test(el.local);

/** Changes a decimal the way senders and converters get them wrong. */
function changeDecimal(text: string, rng: Rng): string {
  const t = text.trim();
  const n = Number(t);
  const dec = (x: number, d: number) => x.toFixed(d);
  switch (rng.int(8)) {
    case 0:
      return dec(n + 0.01, 2);
    case 1:
      return dec(n - 0.01, 2);
    case 2:
      return dec(-n, 2);
    case 3:
      return dec(n, 3);
    case 4:
      return '0';
    case 5:
      return dec(n * rng.between(2, 10), 2);
    case 6:
      return rng.pick(['1,00', 'abc', '', '1e2', '+5', '.5', '12.']);
    default:
      return dec(Math.round(n), 0);
  }
}

const amount: Apply = (root, rng) => {
  const el = pickOr(
    rng,
    leaves(root).filter((e) => isAmount(e) && e.text.trim() !== ''),
  );
  if (!el) return null;
  const v = changeDecimal(el.text, rng);
  setText(el, v);
  return `amount ${pathOf(el)} = ${JSON.stringify(v)}`;
};

const date: Apply = (root, rng) => {
  const el = pickOr(
    rng,
    leaves(root).filter((e) => /Date$|DateTimeString$|DateString$/.test(e.local)),
  );
  if (!el) return null;
  const cii = el.local.endsWith('String');
  const year = rng.between(2015, 2030);
  const month = String(rng.between(1, 12)).padStart(2, '0');
  const day = String(rng.between(1, 31)).padStart(2, '0');
  const v = rng.pick([
    cii ? `${year}${month}${day}` : `${year}-${month}-${day}`,
    cii ? `${year}-${month}-${day}` : `${year}${month}${day}`,
    cii ? `${year}0230` : `${year}-02-30`,
    '',
    '2026-13-01',
  ]);
  setText(el, v);
  if (cii && rng.chance(0.2)) setAttr(el, 'format', rng.pick(['102', '610', '']));
  return `date ${pathOf(el)} = ${JSON.stringify(v)}`;
};

const scheme: Apply = (root, rng) => {
  const withScheme = elements(root).filter(
    (e) => attrOf(e, 'schemeID') !== undefined || attrOf(e, 'listID') !== undefined,
  );
  const ids = leaves(root).filter(
    (e) => /ID$|EndpointID$/.test(e.local) && attrOf(e, 'schemeID') === undefined,
  );
  const r = rng.next();
  if (withScheme.length && r < 0.75) {
    const el = rng.pick(withScheme);
    const name = attrOf(el, 'schemeID') !== undefined ? 'schemeID' : 'listID';
    if (r < 0.6) {
      const v = rng.pick(SCHEMES);
      setAttr(el, name, v);
      return `scheme ${pathOf(el)}/@${name} = ${JSON.stringify(v)}`;
    }
    setAttr(el, name, null);
    return `scheme ${pathOf(el)}/@${name} removed`;
  }
  const el = pickOr(rng, ids);
  if (!el) return null;
  const v = rng.pick(SCHEMES);
  setAttr(el, 'schemeID', v);
  return `scheme ${pathOf(el)}/@schemeID = ${JSON.stringify(v)} added`;
};

const whitespace: Apply = (root, rng) => {
  const el = pickOr(rng, leaves(root));
  if (!el) return null;
  const t = el.text;
  const v = rng.pick([
    ` ${t} `,
    `\n  ${t}\n`,
    `\t${t}`,
    t.replace(/ /g, '  '),
    '   ',
    `${t}\u00a0`,
  ]);
  setText(el, v);
  return `white space ${pathOf(el)} = ${JSON.stringify(v.slice(0, 40))}`;
};

const namespace: Apply = (root, rng) => {
  const all = [root, ...elements(root)];
  const byNs = new Map<string, string>();
  for (const e of all) {
    const i = e.qname.indexOf(':');
    if (!byNs.has(e.ns)) byNs.set(e.ns, i < 0 ? '' : e.qname.slice(0, i));
  }
  const used = new Set(byNs.values());
  if (rng.chance(0.6)) {
    // Another prefix for a whole namespace: the same document for both judges.
    const ns = rng.pick([...byNs.keys()]);
    let prefix = rng.chance(0.3) && !used.has('') ? '' : `n${rng.int(100)}`;
    if (used.has(prefix)) prefix = `${prefix}x`;
    for (const e of all) if (e.ns === ns) e.qname = prefix ? `${prefix}:${e.local}` : e.local;
    return `namespace ${ns} written with prefix "${prefix}"`;
  }
  // One element in another of the document's namespaces: a different element altogether.
  const el = pickOr(rng, elements(root));
  if (!el || byNs.size < 2) return null;
  const ns = rng.pick([...byNs.keys()].filter((n) => n !== el.ns));
  const prefix = byNs.get(ns)!;
  const where = pathOf(el);
  el.ns = ns;
  el.qname = prefix ? `${prefix}:${el.local}` : el.local;
  return `namespace ${where} moved to ${ns}`;
};

const APPLY: Record<MutationKind, Apply> = {
  drop,
  duplicate,
  reorder,
  value,
  code,
  amount,
  date,
  scheme,
  whitespace,
  namespace,
};

/**
 * One mutation of `kind` applied to the invoice `text`, written back as indented XML; null when
 * the invoice offers nothing that kind can change (no dates, say) in 20 draws.
 */
export function mutate(text: string, kind: MutationKind, rng: Rng): Mutation | null {
  const original = serialize(parseRoot(text), true);
  for (let attempt = 0; attempt < 20; attempt++) {
    const root = parseRoot(text);
    const detail = APPLY[kind](root, rng);
    if (detail === null) continue;
    const out = serialize(root, true);
    if (out !== original) return { kind, detail, text: out };
  }
  return null;
}
