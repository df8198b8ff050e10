/**
 * French identifiers' check keys: SIREN and SIRET (Luhn, with La Poste's exception) and the
 * French VAT number (FR, a 2-digit key, the SIREN). Browser-safe: the portal checks a field as
 * it is typed with the very functions the server refuses by.
 */

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

/** The key of a French VAT number for a SIREN: (12 + 3 × (SIREN mod 97)) mod 97, 2 digits. */
export function frenchVatKey(siren: string): string {
  const key = (12 + 3 * (Number(siren) % 97)) % 97;
  return String(key).padStart(2, '0');
}

/**
 * Whether a French VAT number (FR + 2-digit key + 9-digit SIREN, spaces ignored) is well
 * formed and its key matches its SIREN. Numbers of other countries are not judged here.
 */
export function frenchVatValid(vatId: string): boolean {
  const m = /^FR(\d{2})(\d{9})$/.exec(vatId.replace(/\s+/g, '').toUpperCase());
  return m !== null && m[1] === frenchVatKey(m[2]!);
}
