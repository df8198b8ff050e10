/**
 * Technical accounts of the /cpro surface: what the real service's clients send in the
 * `cpro-account` header (base64 of "login:password"). One structure each; created and rotated
 * by any of its gestionnaires principaux; the password expires TECHNICAL_ACCOUNT_DAYS after it
 * was set, and a reminder is mailed TECHNICAL_ACCOUNT_REMINDER_DAYS before.
 */
import { randomBytes } from 'node:crypto';

/** How long a technical password lives (the real service's 424 days, kept for familiarity). */
export const TECHNICAL_ACCOUNT_DAYS = 424;
export const TECHNICAL_ACCOUNT_REMINDER_DAYS = 30;
export const DAY_MS = 24 * 60 * 60 * 1000;

export interface TechnicalAccountCredentials {
  id: string;
  login: string;
  /** Shown once; only its hash is stored. */
  password: string;
  /** ISO 8601 */
  expiresAt: string;
}

export interface TechnicalAccountView {
  id: string;
  login: string;
  active: boolean;
  /** EXPIRING: within the reminder's window; EXPIRED: refused until a new password is set. */
  state: 'ACTIVE' | 'EXPIRING' | 'EXPIRED';
  createdAt: string;
  rotatedAt: string | null;
  expiresAt: string;
}

/** A login shaped like the real service's (TECH_1_…@cpro.fr), on our own domain. */
export function newTechnicalLogin(): string {
  return `TECH_1_${randomBytes(6).toString('hex').toUpperCase()}@cpro.chorale`;
}

/** 24 random bytes as base64url: no ':' (the header's separator), nothing to escape. */
export function newTechnicalPassword(): string {
  return randomBytes(24).toString('base64url');
}

export function expiryFrom(now: Date): Date {
  return new Date(now.getTime() + TECHNICAL_ACCOUNT_DAYS * DAY_MS);
}
