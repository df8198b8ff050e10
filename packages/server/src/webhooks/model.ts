import { eventTypes, type EventType } from '../events/model.js';
import { AppError } from '../lib/errors.js';

/** A structure's webhooks, at most. */
export const MAX_WEBHOOKS_PER_STRUCTURE = 10;
export const MAX_WEBHOOK_URL = 2000;
/** The receiver's answer kept per attempt, characters. */
export const RESPONSE_EXCERPT = 500;
/** How long a delivery is retried after its event (then FAILED; "resend" remains). */
export const DELIVERY_WINDOW_MS = 24 * 3600 * 1000;

export const deliveryStates = ['PENDING', 'DELIVERED', 'FAILED'] as const;

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** An HTTPS URL (or, when allowed, http on a loopback host), without credentials. */
export function checkWebhookUrl(text: string, allowLoopbackHttp: boolean): string {
  const refuse = (why: string) =>
    new AppError('VALIDATION_FAILED', `The webhook URL ${why}`, {
      details: [{ pointer: 'url', message: why }],
    });
  if (text.length > MAX_WEBHOOK_URL) throw refuse(`is longer than ${MAX_WEBHOOK_URL} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('is not a URL');
  }
  if (url.username || url.password) throw refuse('must not hold credentials');
  if (url.hash) throw refuse('must not hold a fragment');
  const loopbackHttp =
    url.protocol === 'http:' && allowLoopbackHttp && loopbackHosts.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) throw refuse('must use https://');
  return url.toString();
}

export function checkEventTypes(events: readonly string[]): EventType[] {
  const unknown = events.filter((e) => !(eventTypes as readonly string[]).includes(e));
  if (unknown.length > 0 || events.length === 0) {
    throw new AppError('VALIDATION_FAILED', `Events must be among: ${eventTypes.join(', ')}`, {
      details: [{ pointer: 'events', message: 'one or more known event types' }],
    });
  }
  return [...new Set(events)] as EventType[];
}
