/**
 * The rule catalogue (src/rules/catalogue-data.ts) against the official inventory: the same
 * ids, each with the official flag, in each syntax. Every rule set and message table keys off
 * the catalogue, so this is where a new release of the artefacts shows up first.
 */
import { describe, expect, it } from 'vitest';
import { ruleFlags } from '../../src/rules/catalogue.js';
import {
  officialRules,
  officialRulesRequired,
  type OfficialSyntax,
} from '../support/official-rules.js';

describe.runIf(officialRulesRequired)('rule catalogue', () => {
  it.each<OfficialSyntax>(['UBL', 'CII'])(
    'holds exactly the official %s rules, each with its official flag',
    (syntax) => {
      const ours = [...ruleFlags()]
        .filter(([, f]) => f[syntax] !== null)
        .map(([id, f]) => `${id} ${f[syntax]}`)
        .sort();
      const official = [...officialRules(syntax)].map(([id, flag]) => `${id} ${flag}`).sort();
      expect(ours).toEqual(official);
    },
  );
});
