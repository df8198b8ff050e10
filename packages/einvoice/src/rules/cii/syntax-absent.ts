/**
 * The ~490 "should not be present" rules of the CII binding: the table of absent-data.ts
 * compiled once into one trie per context, so checking a context element costs one map look-up
 * per child, whatever the number of rules. A rule fires at most once per context element.
 */
import type { Reporter } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import { absentEntries, type AbsentContext, type AbsentEntry } from './absent.js';
import { internalize } from '../../xml/intern.js';
import { RAM, UDT, isRam, hasAttr, childEquals } from './syntax-tree.js';

interface TrieNode {
  /** Rules whose path ends at this element. */
  rules: CompiledRule[];
  /** Rules about an attribute of this element. */
  attrRules: CompiledRule[];
  /** Next steps, keyed by local name; the child node's `ns` is checked on match. */
  next: Map<string, TrieNode>;
  /** Namespace of the element this node stands for ('' for the context itself). */
  ns: string;
}

interface CompiledRule {
  entry: AbsentEntry;
  /** Stamp of the context visit where the rule was last settled (fired or exempted). */
  stamp: number;
}

function newNode(ns: string): TrieNode {
  return { ns, rules: [], attrRules: [], next: new Map() };
}

let tries: Map<AbsentContext, TrieNode> | undefined;

function compiledTries(): Map<AbsentContext, TrieNode> {
  if (tries) return tries;
  const out = new Map<AbsentContext, TrieNode>();
  for (const entry of absentEntries()) {
    let node: TrieNode | undefined = out.get(entry.context);
    if (!node) {
      node = newNode('');
      out.set(entry.context, node);
    }
    for (const step of entry.steps) {
      const udt = step.startsWith('udt:');
      const ns = udt ? UDT : RAM;
      const local = internalize(udt ? step.slice(4) : step);
      let next: TrieNode | undefined = node.next.get(local);
      if (!next) {
        next = newNode(ns);
        node.next.set(local, next);
      } else if (next.ns !== ns) {
        // Keying by local name alone relies on this; the table is static (checked by tests).
        throw new Error(`absent table: ${step} in two namespaces under one parent`);
      }
      node = next;
    }
    const rule: CompiledRule = { entry, stamp: 0 };
    (entry.attribute ? node.attrRules : node.rules).push(rule);
  }
  tries = out;
  return out;
}

/** Increases at every context element checked: a rule fires at most once per visit. */
let visit = 0;

function exempted(entry: AbsentEntry, ctx: XmlElement): boolean {
  switch (entry.exemption) {
    case undefined:
      return false;
    case 'ard916':
      return isRam(ctx, 'AdditionalReferencedDocument') && childEquals(ctx, 'TypeCode', '916');
    case 'ard130':
      return isRam(ctx, 'AdditionalReferencedDocument') && childEquals(ctx, 'TypeCode', '130');
    case 'ardtc':
      return (
        isRam(ctx, 'AdditionalReferencedDocument') &&
        (childEquals(ctx, 'TypeCode', '50') ||
          childEquals(ctx, 'TypeCode', '130') ||
          childEquals(ctx, 'TypeCode', '916'))
      );
    case 'invref':
      return isRam(ctx, 'InvoiceReferencedDocument');
    case 'hset':
      for (let p = ctx.parent; p; p = p.parent) {
        if (isRam(p, 'ApplicableHeaderTradeSettlement')) return true;
      }
      return false;
    case 'att':
      return isRam(ctx, 'ApplicableTradeTax');
  }
}

function settle(rule: CompiledRule, ctx: XmlElement, at: XmlElement, r: Reporter): void {
  if (rule.stamp === visit) return;
  rule.stamp = visit;
  if (!exempted(rule.entry, ctx)) r.fire(rule.entry.id, at);
}

function matchTrie(ctx: XmlElement, el: XmlElement, node: TrieNode, r: Reporter): void {
  for (const c of el.children) {
    const n = node.next.get(c.local);
    if (!n || n.ns !== c.ns) continue;
    for (const rule of n.rules) settle(rule, ctx, c, r);
    for (const rule of n.attrRules) {
      if (rule.entry.attribute && hasAttr(c, rule.entry.attribute)) settle(rule, ctx, c, r);
    }
    if (n.next.size > 0) matchTrie(ctx, c, n, r);
  }
}

export function checkAbsent(ctx: XmlElement, context: AbsentContext, r: Reporter): void {
  const node = compiledTries().get(context);
  if (!node) return;
  visit++;
  matchTrie(ctx, ctx, node, r);
}
