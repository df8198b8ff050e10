import type { IdentifierType } from './model.js';

/** Luhn checksum over a string of digits (SIREN and SIRET keys). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste's SIREN: its establishments' SIRETs do not follow Luhn (see siretValid). */
export const LA_POSTE_SIREN = '356000000';

export function sirenValid(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhnValid(siren);
}

/**
 * A SIRET is the SIREN plus a 5-digit establishment number, the whole passing Luhn. La Poste
 * has more establishments than Luhn keys allow: its SIRETs instead have a digit sum that is a
 * multiple of 5.
 */
export function siretValid(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN)) {
    let sum = 0;
    for (const c of siret) sum += c.charCodeAt(0) - 48;
    return sum % 5 === 0;
  }
  return luhnValid(siret);
}

/** Why an identifier is not acceptable for its type, or undefined when it is. */
export function identifierProblem(type: IdentifierType, identifier: string): string | undefined {
  if (identifier.length === 0) return 'identifier is empty';
  if (identifier.length > 80) return 'identifier is longer than 80 characters';
  switch (type) {
    case 'SIRET':
      if (!/^\d{14}$/.test(identifier)) return 'a SIRET has exactly 14 digits';
      return siretValid(identifier) ? undefined : 'SIRET check digit is wrong (Luhn key)';
    case 'SIREN':
      if (!/^\d{9}$/.test(identifier)) return 'a SIREN has exactly 9 digits';
      return sirenValid(identifier) ? undefined : 'SIREN check digit is wrong (Luhn key)';
    case 'RIDET':
      return /^\d{6,10}$/.test(identifier) ? undefined : 'a RIDET has 6 to 10 digits';
    case 'TAHITI':
      return /^[A-Z0-9]{6,9}$/i.test(identifier)
        ? undefined
        : 'a TAHITI number has 6 to 9 letters or digits';
    default:
      return /^[\p{L}\p{N} ._/-]+$/u.test(identifier)
        ? undefined
        : 'identifier has characters that are not allowed';
  }
}
