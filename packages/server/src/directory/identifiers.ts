import { sirenValid, siretValid } from '@chorale/einvoice';
import type { IdentifierType } from './model.js';

// The check keys live in the library, shared with the portal (one source of truth).
export { LA_POSTE_SIREN, luhnValid, sirenValid, siretValid } from '@chorale/einvoice';

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
