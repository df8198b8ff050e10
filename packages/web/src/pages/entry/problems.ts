/**
 * The key-in form's problems, by form place: where the engine's findings, the server's refusal
 * and the form library's own errors land, and the list the error summary links from. Pure
 * functions: the form component decides when each is shown.
 */
import type { KeyedFinding, KeyedInvoice } from '@chorale/einvoice';
import { ApiError } from '../../api/client';
import type { Lang } from '../../app/i18n';
import { placeOfKeyedField, placeOfPointer, placeOfRefusal, type Place } from './form-model';
import { refusalOf } from './send-deposit';

export type Problems = Map<Place, string[]>;

/**
 * Between a message's plain words and its reference (rule id, business terms): an invisible
 * separator, so a message stays one string in the maps above and ProblemText can show the
 * words first and the reference after them, smaller.
 */
const REF = '\u2063';

/** A message saying what to do, followed by the rule id and the terms it concerns. */
export function withRef(text: string, rule: string, terms: readonly string[] = []): string {
  return `${text}${REF}${[rule, ...terms].join(' · ')}`;
}

/** The words and the reference (if any) of a message made by withRef. */
export function splitRef(message: string): { text: string; ref: string | undefined } {
  const at = message.indexOf(REF);
  return at < 0
    ? { text: message, ref: undefined }
    : { text: message.slice(0, at), ref: message.slice(at + 1) };
}

/** Element id of a form place, so the error summary can link to it. */
export const placeId = (place: Place) => `f-${place.replace(/\./g, '-')}`;

/** Adds a message at a place, once (the engine and the server may say the same thing). */
export function addProblem(problems: Problems, place: Place, message: string): void {
  const list = problems.get(place) ?? [];
  if (!list.includes(message)) list.push(message);
  problems.set(place, list);
}

/**
 * The engine's fatal findings at their places. Without a recipient yet, the rules about the
 * buyer only repeat "choose a recipient": `withoutRecipient` leaves them out.
 */
export function engineProblemsOf(
  findings: readonly KeyedFinding[],
  keyed: KeyedInvoice,
  {
    withoutRecipient = false,
    flag = 'fatal',
    termsOf,
  }: {
    withoutRecipient?: boolean;
    /** Which findings: the fatal ones (problems) or the warnings. */
    flag?: KeyedFinding['flag'];
    /** The business terms of a rule, shown after its id. */
    termsOf?: (id: string) => readonly string[];
  } = {},
): Problems {
  const found: Problems = new Map();
  for (const f of findings) {
    if (f.flag !== flag) continue;
    const place = placeOfKeyedField(f.field, keyed);
    if (place === 'recipient' && withoutRecipient) continue;
    addProblem(found, place, withRef(f.message, f.id, termsOf?.(f.id)));
  }
  return found;
}

/**
 * A failed deposit in the form's terms: problems at their places, and the message for the top
 * of the form when the failure is about no field (an expired session, a network error…).
 */
export function depositFailure(
  error: unknown,
  keyed: KeyedInvoice,
  lang: Lang,
  text: {
    sessionExpired: string;
    errorText: (error: unknown) => string;
    /** The engine's catalogue entry of a rule, when the engine is loaded. */
    ruleText?: ((id: string) => { fr?: string; terms?: readonly string[] } | undefined) | undefined;
  },
): { problems: Problems; top: string | undefined } {
  const refusal = refusalOf(error);
  const problems: Problems = new Map();
  let top: string | undefined;
  if (error instanceof ApiError && error.status === 401) {
    top = text.sessionExpired;
  } else if (refusal?.message) {
    const place = placeOfRefusal(refusal.code);
    addProblem(problems, place, refusal.message[lang]);
    if (place === 'top') top = refusal.message[lang];
    for (const d of refusal.details) {
      // A broken rule comes as "[ID] English words": the words first, in the reader's language
      // when the catalogue has them, then the rule id, smaller.
      const rule = /^\[([^\]]+)\]\s*(.*)$/.exec(d.message);
      if (!rule) addProblem(problems, 'top', d.message);
      else {
        const [, id, words] = rule as unknown as [string, string, string];
        const ref = text.ruleText?.(id);
        const readable = lang === 'fr' && ref?.fr && !ref.fr.includes('{') ? ref.fr : words;
        addProblem(problems, 'top', withRef(readable, id, ref?.terms));
      }
    }
  } else if (refusal && refusal.details.length) {
    for (const d of refusal.details)
      addProblem(problems, placeOfPointer(d.pointer, keyed), d.message);
    if (!problems.has('top')) top = text.errorText(error);
  } else {
    top = text.errorText(error);
  }
  return { problems, top };
}

/** The form library's message at a place ('lines.0.name' walks into the errors object). */
export function formErrorAt(errors: unknown, place: Place): string | undefined {
  let node: unknown = errors;
  for (const p of place.split('.')) node = (node as Record<string, unknown> | undefined)?.[p];
  const message = (node as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message ? message : undefined;
}

/**
 * Every problem for the error summary, each with its place: those found by the engine or the
 * server (as `problemsAt` shows them), then the form library's errors at places not listed yet.
 */
export function summaryOf(
  places: Iterable<Place>,
  problemsAt: (place: Place) => string[],
  errors: unknown,
): { place: Place; message: string }[] {
  const all: { place: Place; message: string }[] = [];
  for (const place of places) {
    if (place === 'top') continue;
    for (const message of problemsAt(place)) all.push({ place, message });
  }
  const seen = new Set(all.map((a) => a.place));
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== 'object') return;
    const m = (node as { message?: unknown }).message;
    if (typeof m === 'string' && m && path.length) {
      const place = path.join('.') as Place;
      if (!seen.has(place)) all.push({ place, message: m });
      return;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'ref') walk(v, [...path, k]);
  };
  walk(errors, []);
  return all;
}
