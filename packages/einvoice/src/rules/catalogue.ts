import { RULE_FLAGS_TABLE } from './catalogue-data.js';
import { SCHEMA_RULES } from '../schema/ids.js';
import type { Flag, Syntax } from './types.js';

interface RuleFlags {
  UBL: Flag | null;
  CII: Flag | null;
}

const letter = (c: string | undefined): Flag | null =>
  c === 'F' ? 'fatal' : c === 'W' ? 'warning' : null;

let table: Map<string, RuleFlags> | undefined;

/** id → flag per syntax, parsed once on first use. */
export function ruleFlags(): ReadonlyMap<string, RuleFlags> {
  if (!table) {
    table = new Map();
    for (const line of RULE_FLAGS_TABLE.split('\n')) {
      const [id, flags] = line.split(' ');
      if (!id || !flags) continue;
      table.set(id, { UBL: letter(flags[0]), CII: letter(flags[1]) });
    }
  }
  return table;
}

/**
 * Flag of a rule in a syntax. A keyed-in model (no syntax) takes the CII flag, falling back
 * to the UBL one: CII is the syntax of Factur-X, what a keyed-in invoice becomes.
 */
export function flagOf(id: string, syntax: Syntax | undefined): Flag | null {
  const f = ruleFlags().get(id);
  if (!f) return SCHEMA_RULES[id] ?? null;
  if (syntax === 'UBL') return f.UBL;
  if (syntax === 'CII') return f.CII;
  return f.CII ?? f.UBL;
}
