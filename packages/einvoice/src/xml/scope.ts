import { isNameStart } from './chars.js';
import { internalize } from './intern.js';
import { ParseFailure } from './parse-failure.js';

/*
 * Namespaces for the parser (Namespaces in XML 1.0): the prefix bindings in force at an
 * element, and qualified names resolved under them to (namespace URI, local name), or a
 * NAMESPACE failure for an unbound prefix or a malformed qualified name.
 */

/**
 * Names shared across documents, as the engine's internalised strings (xml/intern.ts):
 * readers and rules compare element names and namespaces with literals and the NS constants
 * thousands of times per invoice, and two internalised strings compare by identity where two
 * copies compare character by character; lookup maps keyed by names get faster too.
 */
function shared(s: string): string {
  return internalize(s);
}

/** A resolved qualified name, interned per scope. */
export interface Name {
  ns: string;
  local: string;
  qname: string;
  /** The table this name is interned in (its bindings), null when not interned. */
  table: Map<string, Name> | null;
  /**
   * The name of the start tag that followed this one last time, both interned (a hint for the
   * parser: documents of one kind repeat their structure, so the next element name is usually
   * known and one comparison replaces scanning and looking it up; see TreeParser). Always
   * verified against the text and the bindings in force before use.
   */
  next: Name | null;
}

/**
 * Resolved names by the namespace bindings in force (all of a scope chain's declarations,
 * serialised): documents from one sender declare the same prefixes, so after the first one a
 * name costs one lookup and resolving, interning and allocating it is skipped. Bounded on
 * both levels, so hostile input with endless distinct bindings or names cannot grow it.
 */
const NAMES_BY_BINDINGS = new Map<string, Map<string, Name>>();
const MAX_BINDINGS = 256;
/** Names kept per bindings; beyond, a name is resolved again at each use. */
const MAX_NAMES = 4096;

function namesFor(bindings: string): Map<string, Name> {
  let names = NAMES_BY_BINDINGS.get(bindings);
  if (!names) {
    names = new Map();
    if (NAMES_BY_BINDINGS.size < MAX_BINDINGS) NAMES_BY_BINDINGS.set(bindings, names);
  }
  return names;
}

/** Namespace bindings declared on one element, chained to the enclosing ones. */
export class Scope {
  /** Every binding in force, serialised (separators are control characters, which no name
   * or attribute value can hold). */
  readonly bindings: string;
  /** Element names already resolved under these bindings (see NAMES_BY_BINDINGS). */
  readonly names: Map<string, Name>;
  constructor(
    readonly prefixes: Map<string, string>,
    readonly parent: Scope | null,
  ) {
    let bindings = parent?.bindings ?? '';
    for (const [prefix, uri] of prefixes) bindings += prefix + '\u0001' + uri + '\u0002';
    this.bindings = bindings;
    this.names = namesFor(bindings);
  }

  lookup(prefix: string): string | undefined {
    const uri = this.prefixes.get(prefix);
    if (uri !== undefined) return uri;
    return this.parent?.lookup(prefix);
  }

  /** The resolved name of an element named `qname` in this scope, interned (see `names`). */
  elementName(qname: string, at: number): Name {
    const cached = this.names.get(qname);
    if (cached) return cached;
    const name = this.resolve(qname, false, at);
    if (this.names.size < MAX_NAMES) {
      name.table = this.names;
      this.names.set(qname, name);
    }
    return name;
  }

  /** Resolves a qualified name in this scope, or fails with NAMESPACE at offset `at`. */
  resolve(qname: string, isAttr: boolean, at: number): Name {
    const colon = qname.indexOf(':');
    let name: Name;
    if (colon === -1) {
      const q = shared(qname);
      name = {
        ns: isAttr ? '' : shared(this.lookup('') ?? ''),
        local: q,
        qname: q,
        table: null,
        next: null,
      };
    } else {
      const prefix = qname.slice(0, colon);
      const local = qname.slice(colon + 1);
      if (
        colon === 0 ||
        local.length === 0 ||
        local.indexOf(':') !== -1 ||
        !isNameStart(local.charCodeAt(0))
      )
        throw new ParseFailure('NAMESPACE', `The name ${qname} is not a valid qualified name.`, at);
      if (prefix === 'xmlns')
        throw new ParseFailure('NAMESPACE', `The prefix "xmlns" cannot name ${qname}.`, at);
      const uri = this.lookup(prefix);
      if (uri === undefined)
        throw new ParseFailure(
          'NAMESPACE',
          `The prefix "${prefix}" of ${qname} is not bound to a namespace (xmlns:${prefix}="…" is missing).`,
          at,
        );
      name = {
        ns: shared(uri),
        local: shared(local),
        qname: shared(qname),
        table: null,
        next: null,
      };
    }
    return name;
  }
}
