/**
 * How a delivery is signed (documented for receivers in docs/webhooks.md and the help page):
 * HMAC-SHA256, keyed with the webhook's secret, over `<timestamp>.<body>`, where the timestamp
 * is the `Chorale-Timestamp` header (Unix seconds) and the body the exact bytes received. The
 * hex digest is sent as `Chorale-Signature: v1=<hex>`. A receiver recomputes it, compares in
 * constant time, and refuses a timestamp more than five minutes away from its clock (replays).
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'chorale-signature';
export const TIMESTAMP_HEADER = 'chorale-timestamp';
export const EVENT_ID_HEADER = 'chorale-event-id';

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A new signing secret: 32 random bytes, with a prefix saying what it is. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
