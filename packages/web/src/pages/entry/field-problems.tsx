import { useState, type FocusEvent } from 'react';
import type { FieldPath, RegisterOptions, UseFormReturn } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import type { FormValues, Place } from './form-model';
import { formErrorAt, placeId, splitRef, type Problems } from './problems';

/** A message: what to do in plain words, then its rule id and terms, smaller. */
export function ProblemText({ message }: { message: string }) {
  const { text, ref } = splitRef(message);
  if (!ref) return <>{text}</>;
  return (
    <>
      {text} <small>({ref})</small>
    </>
  );
}

/** Several messages for one field, one a line (a single one stays plain text). */
export function Lines({ messages }: { messages: string[] }) {
  if (messages.length === 1) return <ProblemText message={messages[0]!} />;
  return (
    <>
      {messages.map((m, i) => (
        <span key={i} style={{ display: 'block' }}>
          <ProblemText message={m} />
        </span>
      ))}
    </>
  );
}

/** A field's messages where the DSFR component has no error slot of its own. */
export function FieldErrors({ messages }: { messages: string[] }) {
  return (
    <p className={fr.cx('fr-error-text')}>
      <Lines messages={messages} />
    </p>
  );
}

/**
 * When and where the key-in form shows its problems. The form library's own errors show at
 * once; the engine's show at a field once it was left (the totals once any line was), all of
 * them after the first attempt to send; the server's always. Sections take what this returns.
 */
export function useFieldProblems({
  form,
  engineProblems,
  engineWarnings,
  serverProblems,
  submitted,
}: {
  form: UseFormReturn<FormValues>;
  engineProblems: Problems;
  /** The engine's warnings (a French VAT rate not in use…): shown at the field, never blocking. */
  engineWarnings: Problems;
  serverProblems: Problems;
  submitted: boolean;
}) {
  const { register, formState } = form;
  const [blurred, setBlurred] = useState<Set<string>>(() => new Set());

  const isShown = (place: Place) =>
    submitted ||
    blurred.has(place) ||
    (place === 'totals' && [...blurred].some((b) => b.startsWith('lines.')));
  const markBlurred = (place: Place) =>
    setBlurred((s) => (s.has(place) ? s : new Set(s).add(place)));

  /** Every message to show at a place: form checks, then the engine's, then the server's. */
  const problemsAt = (place: Place): string[] => {
    const out: string[] = [];
    const own = formErrorAt(formState.errors, place);
    if (own) out.push(own);
    if (isShown(place)) for (const m of engineProblems.get(place) ?? []) out.push(m);
    for (const m of serverProblems.get(place) ?? []) out.push(m);
    return out;
  };

  /** register() plus the blur bookkeeping that decides when the engine's findings show. */
  const reg = <N extends FieldPath<FormValues>>(
    name: N,
    rules?: RegisterOptions<FormValues, N>,
  ) => {
    const r = register(name, rules);
    return {
      ...r,
      id: placeId(name as Place),
      onBlur: (e: FocusEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
        markBlurred(name as Place);
        return r.onBlur(e);
      },
    };
  };

  /** The warnings to show at a place, on the same terms as the engine's problems. */
  const warningsAt = (place: Place): string[] =>
    isShown(place) ? (engineWarnings.get(place) ?? []) : [];

  /**
   * The DSFR input's state and message for a place: its problems (error), else its warnings
   * (info: the supplier may still send), else nothing.
   */
  const stateOf = (place: Place) => {
    const list = problemsAt(place);
    if (list.length) {
      return { state: 'error' as const, stateRelatedMessage: <Lines messages={list} /> };
    }
    const warnings = warningsAt(place);
    return warnings.length
      ? { state: 'info' as const, stateRelatedMessage: <Lines messages={warnings} /> }
      : {};
  };

  /** A new invoice: no field has been left yet. */
  const forgetBlurred = () => setBlurred(new Set());

  return { problemsAt, warningsAt, reg, stateOf, forgetBlurred };
}

export type FieldProblems = ReturnType<typeof useFieldProblems>;
