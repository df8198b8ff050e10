import { describe, expect, it } from 'vitest';
import {
  identifierProblem,
  luhnValid,
  sirenValid,
  siretValid,
} from '../../src/directory/identifiers.js';
import { identifierTypes } from '../../src/directory/model.js';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';

describe('SIREN and SIRET keys', () => {
  it('accepts numbers whose Luhn key is right and refuses any single-digit change', () => {
    for (const siret of [DEMO_SUPPLIER.identifier, DEMO_PUBLIC_BODY.identifier]) {
      expect(siretValid(siret)).toBe(true);
      for (let i = 0; i < siret.length; i++) {
        const d = Number(siret[i]);
        const changed = siret.slice(0, i) + String((d + 1) % 10) + siret.slice(i + 1);
        expect(siretValid(changed), changed).toBe(false);
      }
    }
    expect(sirenValid(DEMO_SUPPLIER.identifier.slice(0, 9))).toBe(true);
    expect(sirenValid('123456789')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it("uses the digit-sum rule for La Poste's SIRETs, not Luhn", () => {
    const laPoste = '35600000000001'; // digit sum 15
    expect(luhnValid(laPoste)).toBe(false);
    expect(siretValid(laPoste)).toBe(true);
    expect(siretValid('35600000000002')).toBe(false); // digit sum 16
  });

  it('refuses wrong lengths and non-digits', () => {
    expect(siretValid('9988776660001')).toBe(false);
    expect(siretValid('9988776660001A')).toBe(false);
    expect(sirenValid('99887766')).toBe(false);
  });
});

describe('identifierProblem', () => {
  it('explains what is wrong for each identifier type', () => {
    expect(identifierProblem('SIRET', DEMO_SUPPLIER.identifier)).toBeUndefined();
    expect(identifierProblem('SIRET', '12345678901234')).toMatch(/Luhn/);
    expect(identifierProblem('SIRET', '123')).toMatch(/14 digits/);
    expect(identifierProblem('SIREN', '998877666')).toBeUndefined();
    expect(identifierProblem('SIREN', '99887766')).toMatch(/9 digits/);
    expect(identifierProblem('RIDET', '1234567')).toBeUndefined();
    expect(identifierProblem('RIDET', 'ABC')).toBeDefined();
    expect(identifierProblem('TAHITI', 'A12345')).toBeUndefined();
    expect(identifierProblem('UE_HORS_FRANCE', 'DE123456789')).toBeUndefined();
    expect(identifierProblem('HORS_UE', 'US-98 7654')).toBeUndefined();
    expect(identifierProblem('AUTRE', 'x<script>')).toBeDefined();
    for (const type of identifierTypes) expect(identifierProblem(type, '')).toMatch(/empty/);
  });
});
