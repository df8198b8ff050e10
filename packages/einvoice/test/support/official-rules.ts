/**
 * The official inventory of rules (../shared/conformance/en16931/rules/<syntax>-asserts.tsv:
 * id, flag, context, test, message; one row per assert, an id may have several rows). Tests
 * compare the implementation's catalogue, messages and cases with it rather than with a copy of
 * the implementation's own tables.
 *
 * The material lives beside the repository. Without it these tests are skipped on a developer's
 * machine, but under CI=true they run and fail: a missing inventory must not pass silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type OfficialFlag = 'fatal' | 'warning';
export type OfficialSyntax = 'UBL' | 'CII';

const RULES_DIR = join(import.meta.dirname, '../../../../../shared/conformance/en16931/rules');

/** Whether tests against the inventory run: it is there, or CI demands it (and then fails). */
export const officialRulesRequired: boolean = existsSync(RULES_DIR) || process.env.CI === 'true';

const cache = new Map<OfficialSyntax, ReadonlyMap<string, OfficialFlag>>();

/** id → flag of every official assert of a syntax. Throws when the inventory is missing. */
export function officialRules(syntax: OfficialSyntax): ReadonlyMap<string, OfficialFlag> {
  let rules = cache.get(syntax);
  if (rules) return rules;
  const file = join(RULES_DIR, `${syntax.toLowerCase()}-asserts.tsv`);
  const out = new Map<string, OfficialFlag>();
  const [header, ...rows] = readFileSync(file, 'utf8').split('\n');
  if (!header?.startsWith('id\tflag\t')) throw new Error(`${file}: unexpected header`);
  for (const row of rows) {
    if (!row.trim()) continue;
    const [id, flag] = row.split('\t');
    if (!id || (flag !== 'fatal' && flag !== 'warning')) throw new Error(`${file}: ${row}`);
    const seen = out.get(id);
    if (seen && seen !== flag) throw new Error(`${file}: ${id} is both ${seen} and ${flag}`);
    out.set(id, flag);
  }
  rules = out;
  cache.set(syntax, rules);
  return rules;
}

/** Official ids of a syntax matching `pattern`, sorted. */
export function officialIds(syntax: OfficialSyntax, pattern: RegExp): string[] {
  return [...officialRules(syntax).keys()].filter((id) => pattern.test(id)).sort();
}

/** Official ids of either syntax matching `pattern`, sorted. */
export function officialIdsOfBoth(pattern: RegExp): string[] {
  const ids = new Set([...officialIds('UBL', pattern), ...officialIds('CII', pattern)]);
  return [...ids].sort();
}
