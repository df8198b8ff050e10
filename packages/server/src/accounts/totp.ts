import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: 'Chorale',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The time step a code belongs to (±1 step of clock drift), or undefined when it matches none.
 * Callers refuse a step already used, so a code can't be replayed.
 */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secretBase32, 'check').validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return undefined;
  return Math.floor(now / 1000 / PERIOD) + delta;
}
