/**
 * The UBL-CR tables (cr-table.ts) built once into tries: paths from the root, paths from an
 * invoice line, and "anywhere" suffix paths, plus the UBL-DT / UBL-CR rules on attributes
 * anywhere. The walk looks every element up once.
 */
import { NS } from '../../xml/ns.js';
import { crEntries } from './cr-table.js';
import { internalize } from '../../xml/intern.js';
import { PREFIX_NS } from './syntax-tree.js';

export interface TrieNode {
  ns: string;
  local: string;
  /** Rule fired by the element itself. */
  id?: string;
  /** [attribute local name, rule id] fired when the element carries the attribute. */
  attrs?: [string, string][];
  kids: Map<string, TrieNode[]>;
}

export interface AnywhereRule {
  ns: string;
  /** Required ancestors, nearest first. */
  ancestors: { ns: string; local: string }[];
  attr?: string;
  id: string;
}

export interface Tables {
  root: TrieNode;
  anywhere: Map<string, AnywhereRule[]>;
  /** What the walk needs to know about an element name, computed once per name. */
  names: Map<string, NameInfo>;
}

interface NameInfo {
  anywhere: AnywhereRule[] | undefined;
  /** An amount UBL-DT-01 looks at: *Amount but not *PriceAmount. */
  amount: boolean;
  /** *BinaryObject (UBL-DT-06/07). */
  binary: boolean;
}

/** Names remembered (hostile input with endless distinct names is computed, not kept). */
const MAX_NAMES = 4096;

export function nameInfo(t: Tables, local: string): NameInfo {
  let info = t.names.get(local);
  if (!info) {
    info = {
      anywhere: t.anywhere.get(local),
      amount: local.endsWith('Amount') && !local.endsWith('PriceAmount'),
      binary: local.endsWith('BinaryObject'),
    };
    if (t.names.size < MAX_NAMES) t.names.set(local, info);
  }
  return info;
}

export function kid(node: TrieNode, ns: string, local: string): TrieNode | undefined {
  const list = node.kids.get(local);
  if (list) for (const n of list) if (n.ns === ns) return n;
  return undefined;
}

function addKid(node: TrieNode, ns: string, name: string, kids?: Map<string, TrieNode[]>) {
  const local = internalize(name);
  let n = kid(node, ns, local);
  if (!n) {
    n = { ns, local, kids: kids ?? new Map() };
    const list = node.kids.get(local);
    if (list) list.push(n);
    else node.kids.set(local, [n]);
  }
  return n;
}

let tables: Tables | undefined;

/** The tables, built on first use (the rule set may never run in a process). */
export function crTables(): Tables {
  return (tables ??= buildTables());
}

function buildTables(): Tables {
  const root: TrieNode = { ns: '', local: '', kids: new Map() };
  // Both line names share one subtree: the official paths name either line element.
  const lineKids = new Map<string, TrieNode[]>();
  addKid(root, NS.cac, 'InvoiceLine', lineKids);
  addKid(root, NS.cac, 'CreditNoteLine', lineKids);
  const line: TrieNode = { ns: NS.cac, local: 'InvoiceLine', kids: lineKids };
  const anywhere = new Map<string, AnywhereRule[]>();
  for (const e of crEntries()) {
    const elNs = PREFIX_NS[e.el.prefix] ?? '';
    if (e.scope === '*') {
      const rule: AnywhereRule = {
        ns: elNs,
        ancestors: e.parent
          .map((s) => ({ ns: PREFIX_NS[s.prefix] ?? '', local: s.local }))
          .reverse(),
        id: e.id,
      };
      if (e.attr) rule.attr = e.attr;
      const list = anywhere.get(e.el.local);
      if (list) list.push(rule);
      else anywhere.set(internalize(e.el.local), [rule]);
      continue;
    }
    let node = e.scope === 'L' ? line : root;
    for (const s of e.parent) node = addKid(node, PREFIX_NS[s.prefix] ?? '', s.local);
    const target = addKid(node, elNs, e.el.local);
    if (e.attr) (target.attrs ??= []).push([e.attr, e.id]);
    else target.id = e.id;
  }
  return { root, anywhere, names: new Map() };
}

/** UBL-DT rules on attributes anywhere (plus UBL-CR-663): attribute local name → rule id. */
export const ATTRIBUTE_RULES = new Map<string, string>([
  ['schemeName', 'UBL-DT-08'],
  ['schemeAgencyName', 'UBL-DT-09'],
  ['schemeDataURI', 'UBL-DT-10'],
  ['schemeURI', 'UBL-DT-11'],
  ['format', 'UBL-DT-12'],
  ['unitCodeListIdentifier', 'UBL-DT-13'],
  ['unitCodeListAgencyIdentifier', 'UBL-DT-14'],
  ['unitCodeListAgencyName', 'UBL-DT-15'],
  ['listAgencyName', 'UBL-DT-16'],
  ['listName', 'UBL-DT-17'],
  ['name', 'UBL-DT-18'], // except on cbc:PaymentMeansCode (BT-82 payment means text)
  ['languageID', 'UBL-DT-19'],
  ['listURI', 'UBL-DT-20'],
  ['listSchemeURI', 'UBL-DT-21'],
  ['languageLocaleID', 'UBL-DT-22'],
  ['uri', 'UBL-DT-23'],
  ['currencyCodeListVersionID', 'UBL-DT-24'],
  ['characterSetCode', 'UBL-DT-25'],
  ['encodingCode', 'UBL-DT-26'],
  ['schemeAgencyID', 'UBL-DT-27'],
  ['listAgencyID', 'UBL-DT-28'],
  ['unitCodeListID', 'UBL-CR-663'],
]);
