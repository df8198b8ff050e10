/**
 * The Factur-X profile Schematrons' asserts that name no rule — an element's cardinality in its
 * parent, a required attribute, a value from the profile's code list — and the named rules a
 * profile words simply (a path, a path `!=''`, and/or/not of those: PROFILE_OWN_NAMED_RULES),
 * run on the CII tree from the tables scripts/gen-facturx-asserts.ts generates
 * (profile-asserts.ts).
 *
 * As the compiled Schematron does: each pattern's rules are tried in order on every element,
 * the first whose context matches judges it, the others not. Contexts are absolute or `//`
 * paths, some with a predicate (`[ram:TypeCode="130"]`, `[not(@listID)]`,
 * `[@currencyID=../../ram:X]`, `[some $c in tokenize('30 58', '\s') satisfies
 * normalize-space(ram:TypeCode) = $c]`…), evaluated here by a small reader of those shapes. A
 * context it cannot read is never guessed: the elements it could match are left unjudged in
 * that pattern (no finding either way), and a named rule there stays the EN 16931 engine's.
 *
 * The asserts compare values as the XPath does: a code list value exactly, white space
 * included (" EUR " is not EUR), an empty value passing; a required attribute present even
 * when empty; `!=''` true for any node with text, spaces included.
 */
import type { XmlElement } from '../xml/types.js';
import {
  PROFILE_ASSERT_CONTEXTS,
  PROFILE_ASSERT_PATTERNS,
  PROFILE_CODE_LISTS,
  PROFILE_OWN_NAMED_RULES,
} from './profile-asserts.js';
import { normalizeSpace } from '../rules/cii/syntax-tree.js';

const NS: Record<string, string> = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
};

/** A failed assert: its id, the element it is about, and what it asks, for the message. */
export interface AssertHit {
  id: string;
  at: XmlElement;
  /** `exists`, `nonempty`, `test`: a named rule in the profile's own wording (PROFILE_OWN_NAMED_RULES). */
  kind: 'count' | 'attr' | 'code' | 'exists' | 'nonempty' | 'test';
  params: Record<string, string>;
}

/** A step of a path: an element by name, the parent, or an attribute (last step only). */
type Step =
  | { kind: 'el'; ns: string; local: string; pred?: Pred }
  | { kind: 'up' }
  | { kind: 'attr'; local: string };
type Path = { absolute: boolean; steps: Step[] };
type Pred =
  | { kind: 'and'; terms: Pred[] }
  | { kind: 'or'; terms: Pred[] }
  | { kind: 'ne'; left: Path; right: string }
  /** `string-length(substring-after(path,'.')) op n`: the decimals written. */
  | { kind: 'decimals'; path: Path; op: string; n: number }
  /** `>=`, `<=`, `>`, `<` of two untyped values: XPath 2.0 compares them as strings. */
  | { kind: 'order'; op: string; left: Path; right: Path | string }
  | { kind: 'in'; path: Path; values: readonly string[] }
  | { kind: 'not'; inner: Pred }
  | { kind: 'exists'; path: Path }
  | { kind: 'eq'; left: Path; right: Path | string };

interface Context {
  /** Element steps from the root, each with its predicate if any. */
  steps: { ns: string; local: string; pred?: Pred }[];
  /** `//a/b`: the steps end at the element, from any depth (else from the root). */
  anywhere: boolean;
}

class Unreadable extends Error {}

function parseName(name: string): { ns: string; local: string } {
  const [prefix, local] = name.split(':');
  const ns = prefix !== undefined ? NS[prefix] : undefined;
  if (!ns || !local || !/^[A-Za-z]+$/.test(local)) throw new Unreadable(name);
  return { ns, local };
}

function parsePath(text: string): Path {
  const t = text.trim();
  const absolute = t.startsWith('/');
  const parts = splitTop(absolute ? t.slice(1) : t, '/');
  const steps = parts.map((p, i): Step => {
    if (p === '..') return { kind: 'up' };
    if (p.startsWith('@')) {
      if (i !== parts.length - 1 || !/^@[A-Za-z]+$/.test(p)) throw new Unreadable(p);
      return { kind: 'attr', local: p.slice(1) };
    }
    const open = p.indexOf('[');
    if (open < 0) return { kind: 'el', ...parseName(p) };
    if (!p.endsWith(']')) throw new Unreadable(p);
    return { kind: 'el', ...parseName(p.slice(0, open)), pred: parsePred(p.slice(open + 1, -1)) };
  });
  return { absolute, steps };
}

/** Splits `text` at `sep` outside parentheses, brackets and quotes. */
function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && text.startsWith(sep, i)) {
      out.push(text.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** Whether the parenthesis opening `t` closes at its end: `(a) or (b)` is not wrapped. */
function wrapped(t: string): boolean {
  if (!t.startsWith('(') || !t.endsWith(')')) return false;
  let depth = 0;
  let quote = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i === t.length - 1;
  }
  return false;
}

function parsePred(text: string): Pred {
  let t = text.trim();
  while (wrapped(t)) t = t.slice(1, -1).trim();
  const alternatives = splitTop(t, ' or ');
  if (alternatives.length > 1) return { kind: 'or', terms: alternatives.map(parsePred) };
  // `some $c in tokenize('30 58', '\s') satisfies normalize-space(ram:TypeCode) = $c`.
  const some =
    /^some\s+\$(\w+)\s+in\s+tokenize\('([^']*)',\s*'\\s'\)\s+satisfies\s+normalize-space\(([^()]+)\)\s*=\s*\$(\w+)$/.exec(
      t,
    );
  if (some && some[1] === some[4])
    return { kind: 'in', path: parsePath(some[3]!), values: some[2]!.split(/\s+/) };
  const decimals =
    /^string-length\(substring-after\(([^,()]+),\s*'\.'\)\)\s*(<=|>=|=|<|>)\s*(\d+)$/.exec(t);
  if (decimals)
    return {
      kind: 'decimals',
      path: parsePath(decimals[1]!),
      op: decimals[2]!,
      n: Number(decimals[3]),
    };
  const terms = splitTop(t, ' and ');
  if (terms.length > 1) return { kind: 'and', terms: terms.map(parsePred) };
  const not = /^not\s*\(([\s\S]*)\)$/.exec(t);
  if (not) return { kind: 'not', inner: parsePred(not[1]!) };
  for (const op of ['>=', '<=']) {
    const sides = splitTop(t, op);
    if (sides.length === 2) return orderOf(op, sides[0]!, sides[1]!);
  }
  const unequal = splitTop(t, '!=');
  if (unequal.length === 2) {
    const literal = /^"([^"]*)"$|^'([^']*)'$/.exec(unequal[1]!.trim());
    if (!literal) throw new Unreadable(t);
    return { kind: 'ne', left: parsePath(unequal[0]!), right: literal[1] ?? literal[2]! };
  }
  const sides = splitTop(t, '=');
  if (sides.length === 2) {
    const right = sides[1]!.trim();
    const literal = /^"([^"]*)"$|^'([^']*)'$/.exec(right);
    return {
      kind: 'eq',
      left: parsePath(unwrap(sides[0]!)),
      right: literal ? (literal[1] ?? literal[2]!) : parsePath(unwrap(right)),
    };
  }
  if (sides.length === 1) {
    for (const op of ['>', '<']) {
      const parts = splitTop(t, op);
      if (parts.length === 2) return orderOf(op, parts[0]!, parts[1]!);
    }
    return { kind: 'exists', path: parsePath(t) };
  }
  throw new Unreadable(t);
}

function orderOf(op: string, left: string, right: string): Pred {
  const literal = /^"([^"]*)"$|^'([^']*)'$/.exec(right.trim());
  return {
    kind: 'order',
    op,
    left: parsePath(unwrap(left)),
    right: literal ? (literal[1] ?? literal[2]!) : parsePath(unwrap(right)),
  };
}

/** A path without the parentheses around it: `(a/b)`. */
function unwrap(text: string): string {
  let t = text.trim();
  while (wrapped(t)) t = t.slice(1, -1).trim();
  return t;
}

function parseContext(text: string): Context {
  if (!text.startsWith('/')) throw new Unreadable(text);
  const anywhere = text.startsWith('//');
  const parts = splitTop(text.slice(anywhere ? 2 : 1), '/');
  if (parts.some((p) => p === '')) throw new Unreadable(text);
  return {
    anywhere,
    steps: parts.map((p) => {
      const open = p.indexOf('[');
      if (open < 0) return parseName(p);
      if (!p.endsWith(']')) throw new Unreadable(p);
      return { ...parseName(p.slice(0, open)), pred: parsePred(p.slice(open + 1, -1)) };
    }),
  };
}

/** The XPath string value of an element: all the text inside it. */
export function stringValue(el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  let s = el.text;
  for (const c of el.children) s += stringValue(c);
  return s;
}

/** The string values `path` selects from `from` (elements' string values, attributes' values). */
function select(path: Path, from: XmlElement): string[] {
  let nodes: XmlElement[] = [from];
  if (path.absolute) {
    let root = from;
    while (root.parent) root = root.parent;
    // The path's first step names the root element itself.
    const [first, ...rest] = path.steps;
    if (first?.kind !== 'el' || root.ns !== first.ns || root.local !== first.local) return [];
    return select({ absolute: false, steps: rest }, root);
  }
  for (const step of path.steps) {
    if (step.kind === 'attr')
      return nodes.flatMap((n) =>
        n.attributes.filter((a) => a.ns === '' && a.local === step.local).map((a) => a.value),
      );
    nodes =
      step.kind === 'up'
        ? nodes.flatMap((n) => (n.parent ? [n.parent] : []))
        : nodes.flatMap((n) =>
            n.children.filter(
              (c) =>
                c.ns === step.ns && c.local === step.local && (!step.pred || holds(step.pred, c)),
            ),
          );
  }
  return nodes.map(stringValue);
}

function holds(pred: Pred, el: XmlElement): boolean {
  switch (pred.kind) {
    case 'and':
      return pred.terms.every((t) => holds(t, el));
    case 'not':
      return !holds(pred.inner, el);
    case 'exists':
      return select(pred.path, el).length > 0;
    case 'or':
      return pred.terms.some((t) => holds(t, el));
    case 'eq': {
      const left = select(pred.left, el);
      const right = typeof pred.right === 'string' ? [pred.right] : select(pred.right, el);
      return left.some((l) => right.includes(l));
    }
    case 'ne':
      return select(pred.left, el).some((l) => l !== pred.right);
    case 'decimals': {
      // substring-after() of the first node's value ('' when none), as written.
      const v = select(pred.path, el)[0] ?? '';
      const dot = v.indexOf('.');
      const len = dot < 0 ? 0 : v.length - dot - 1;
      const n = pred.n;
      return pred.op === '<='
        ? len <= n
        : pred.op === '>='
          ? len >= n
          : pred.op === '<'
            ? len < n
            : pred.op === '>'
              ? len > n
              : len === n;
    }
    case 'order': {
      const left = select(pred.left, el);
      const right = typeof pred.right === 'string' ? [pred.right] : select(pred.right, el);
      const holdsFor = (a: string, b: string): boolean =>
        pred.op === '>=' ? a >= b : pred.op === '<=' ? a <= b : pred.op === '>' ? a > b : a < b;
      return left.some((a) => right.some((b) => holdsFor(a, b)));
    }
    case 'in': {
      // normalize-space() of the first node selected ('' when none).
      const first = select(pred.path, el)[0] ?? '';
      return pred.values.includes(normalizeSpace(first));
    }
  }
}

/** Whether `el` (with its ancestors) is the node the context names. */
function matches(ctx: Context, el: XmlElement): boolean {
  let node: XmlElement | null = el;
  for (let i = ctx.steps.length - 1; i >= 0; i--) {
    const step = ctx.steps[i]!;
    if (!node || node.ns !== step.ns || node.local !== step.local) return false;
    if (step.pred && !holds(step.pred, node)) return false;
    node = node.parent;
  }
  return ctx.anywhere || node === null;
}

interface Rule {
  /** null: a context this reader cannot evaluate. */
  ctx: Context | null;
  /** Its last step's name, to skip rules that cannot match an element quickly. */
  local: string;
  asserts: string[][];
}

const compiled = new Map<string, Rule[][]>();
/** Asserts whose predicate this reader cannot evaluate: left unjudged. */
const unreadable = new Set<string>();
const codeSets = new Map<number, ReadonlySet<string>>();

function patternsOf(profile: string): Rule[][] {
  let p = compiled.get(profile);
  if (!p) {
    p = (PROFILE_ASSERT_PATTERNS[profile] ?? []).map((rules) =>
      rules.map(([index, asserts]) => {
        const text = PROFILE_ASSERT_CONTEXTS[index]!;
        let ctx: Context | null;
        try {
          ctx = parseContext(text);
        } catch (error) {
          if (!(error instanceof Unreadable)) throw error;
          ctx = null;
        }
        const last = /([A-Za-z]+)(\[[^\]]*\])?$/.exec(text)?.[1] ?? '';
        const parsed = asserts.map((a) => {
          const parts = a.split(' ');
          if (parts[1] !== 'countif' && parts[1] !== 'test') return parts;
          try {
            predicateOf(parts.slice(parts[1] === 'test' ? 2 : 5).join(' '));
            return parts;
          } catch (error) {
            if (!(error instanceof Unreadable)) throw error;
            unreadable.add(a);
            return [parts[0]!, '?'];
          }
        });
        return { ctx, local: last, asserts: parsed };
      }),
    );
    compiled.set(profile, p);
  }
  return p;
}

const paths = new Map<string, Path>();
function pathOf(text: string): Path {
  let p = paths.get(text);
  if (!p) paths.set(text, (p = parsePath(text)));
  return p;
}

const predicates = new Map<string, Pred>();
function predicateOf(text: string): Pred {
  let p = predicates.get(text);
  if (!p) predicates.set(text, (p = parsePred(text)));
  return p;
}

function codeSet(index: number): ReadonlySet<string> {
  let s = codeSets.get(index);
  if (!s) codeSets.set(index, (s = new Set(PROFILE_CODE_LISTS[index]!.split(' '))));
  return s;
}

function judge(el: XmlElement, assert: string[], hits: AssertHit[]): void {
  const [id, kind] = assert as [string, string];
  if (kind === 'count' || kind === 'countif') {
    const [, , child, op, n] = assert as [string, string, string, string, string];
    const { ns, local } = parseName(child);
    const pred = kind === 'countif' ? predicateOf(assert.slice(5).join(' ')) : undefined;
    const count = el.children.filter(
      (c) => c.ns === ns && c.local === local && (!pred || holds(pred, c)),
    ).length;
    const want = Number(n);
    const ok = op === '=' ? count === want : op === '<=' ? count <= want : count >= want;
    if (!ok)
      hits.push({
        id,
        at: el,
        kind: 'count',
        params: {
          child: kind === 'countif' ? `${child}[${assert.slice(5).join(' ')}]` : child,
          op,
          n,
          count: String(count),
        },
      });
  } else if (kind === 'test') {
    if (!holds(predicateOf(assert.slice(2).join(' ')), el))
      hits.push({ id, at: el, kind, params: {} });
  } else if (kind === 'exists' || kind === 'nonempty') {
    // `a/b` (some node) and `a/b!=''` (some node whose string value is not empty: white space
    // is text here, where EN 16931's CII rules normalise it away).
    const path = assert[2]!;
    const values = select(pathOf(path), el);
    if (kind === 'exists' ? values.length === 0 : !values.some((v) => v !== ''))
      hits.push({ id, at: el, kind, params: { path } });
  } else if (kind === 'attr') {
    const name = assert[2]!;
    if (!el.attributes.some((a) => a.ns === '' && a.local === name))
      hits.push({ id, at: el, kind: 'attr', params: { attribute: name } });
  } else if (kind === 'code') {
    const [, , what, list] = assert as [string, string, string, string];
    const values =
      what === '.'
        ? [stringValue(el)]
        : el.attributes.filter((a) => a.ns === '' && `@${a.local}` === what).map((a) => a.value);
    // As the XPath: no value or an empty one passes; any other must be listed as written.
    const value = values[0];
    if (value !== undefined && value.length > 0 && !codeSet(Number(list)).has(value))
      hits.push({
        id,
        at: el,
        kind: 'code',
        params: { value, where: what === '.' ? '' : what },
      });
  }
}

/**
 * The failed asserts of `profile`'s Schematron on the CII tree `root`: those that name no rule,
 * and the named rules of PROFILE_OWN_NAMED_RULES in the profile's wording.
 */
export function profileAsserts(root: XmlElement, profile: string): AssertHit[] {
  const patterns = patternsOf(profile);
  const hits: AssertHit[] = [];
  const visit = (el: XmlElement): void => {
    for (const rules of patterns) {
      for (const rule of rules) {
        if (rule.local !== el.local) continue;
        if (rule.ctx === null) break; // might be this element's rule: leave it unjudged
        if (!matches(rule.ctx, el)) continue;
        for (const a of rule.asserts) if (a[1] !== '?') judge(el, a, hits);
        break;
      }
    }
    for (const c of el.children) visit(c);
  };
  visit(root);
  return hits;
}

const ownNamed = new Map<string, ReadonlySet<string>>();
/**
 * The named rules `profile`'s wording of which is run here (PROFILE_OWN_NAMED_RULES), less
 * any in a pattern with a context this reader cannot evaluate: such a rule could be left
 * unjudged, so it stays with the EN 16931 engine.
 */
export function ownNamedRules(profile: string): ReadonlySet<string> {
  let out = ownNamed.get(profile);
  if (!out) {
    const ids = new Set((PROFILE_OWN_NAMED_RULES[profile] ?? '').split(' ').filter(Boolean));
    for (const rules of patternsOf(profile))
      for (const r of rules)
        for (const a of r.asserts)
          if (a[1] === '?' || rules.some((o) => o.ctx === null)) ids.delete(a[0]!);
    ownNamed.set(profile, (out = ids));
  }
  return out;
}

/** The rule contexts and asserts this reader cannot evaluate (left unjudged). */
export function unreadableContexts(): string[] {
  const out = new Set<string>();
  for (const profile of Object.keys(PROFILE_ASSERT_PATTERNS))
    for (const [i, rules] of patternsOf(profile).entries())
      for (const [j, rule] of rules.entries())
        if (rule.ctx === null)
          out.add(PROFILE_ASSERT_CONTEXTS[PROFILE_ASSERT_PATTERNS[profile]![i]![j]![0]]!);
  for (const a of unreadable) out.add(a);
  return [...out].sort();
}
