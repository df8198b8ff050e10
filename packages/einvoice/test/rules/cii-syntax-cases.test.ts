/**
 * Every CII syntax rule outside the "should not be present" table: a mutation of the base
 * invoice that fires it and a near miss that must not; and the official inventory's coverage
 * by these cases and by the messages.
 */
import { describe, expect, it } from 'vitest';
import { CII_SYNTAX_MESSAGES } from '../../src/rules/cii/syntax-messages.js';
import { absentEntries } from '../../src/rules/cii/absent.js';
import { officialIds, officialRules, officialRulesRequired } from '../support/official-rules.js';
import { caseTests } from './cii-syntax-support.js';
import { FATAL_CASES } from './cii-syntax-fatal-cases.js';
import { WARNING_CASES } from './cii-syntax-warning-cases.js';

describe('CII syntax rules: fatal rules outside the table', () => {
  caseTests(FATAL_CASES);
});

describe('CII syntax rules: warnings outside the table', () => {
  caseTests(WARNING_CASES);
});

describe.runIf(officialRulesRequired)('CII syntax rules: coverage and messages', () => {
  // The official inventory, not our catalogue: a rule missing from both would go unseen.
  const official = () => officialIds('CII', /^CII-(SR|DT)-/);
  const flagged = (flag: string) =>
    official().filter((id) => officialRules('CII').get(id) === flag);

  it('has a message in both languages for every official CII-SR and CII-DT rule', () => {
    for (const id of official()) {
      const m = CII_SYNTAX_MESSAGES[id];
      expect(m, id).toBeDefined();
      expect(m?.fr.length, id).toBeGreaterThan(20);
      expect(m?.en.length, id).toBeGreaterThan(20);
    }
  });

  it('has a negative test for every fatal rule (CII-DT-010..012 proven unreachable)', () => {
    const tested = new Set([
      ...FATAL_CASES.map((c) => c.id),
      ...absentEntries().map((e) => e.id),
      'CII-DT-010',
      'CII-DT-011',
      'CII-DT-012',
    ]);
    expect(flagged('fatal').filter((id) => !tested.has(id))).toEqual([]);
  });

  it('has a test for every warning', () => {
    const tested = new Set([
      ...WARNING_CASES.map((c) => c.id),
      ...absentEntries().map((e) => e.id),
    ]);
    expect(flagged('warning').filter((id) => !tested.has(id))).toEqual([]);
  });
});
