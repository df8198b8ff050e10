import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { defineMessages, useT } from '../../app/i18n';
import type { FlowState, FlowSummary } from './flow-model';
import { flowStateMessages } from './flow-states';

const messages = defineMessages({
  fr: {
    changed: 'Flux {number} : {state}.',
    counts: '{accepted} facture(s) acceptée(s), {refused} refusée(s).',
  },
  en: {
    changed: 'Flow {number}: {state}.',
    counts: '{accepted} invoice(s) accepted, {refused} refused.',
  },
});

/**
 * Tells screen readers when a flow shown on the page changes state — only then: the page asks
 * the server every few seconds, and announcing every answer (or the first one, which the page
 * itself shows) would drown the reader. The region exists from the start, empty, as live
 * regions must to be heard.
 */
export function FlowStateAnnouncer({ flows }: { flows: readonly FlowSummary[] | undefined }) {
  const t = useT(messages);
  const ts = useT(flowStateMessages);
  // The states last seen, updated while rendering when the list changes (React's pattern for
  // "what changed since the previous render"): an effect would render the page twice.
  // Compared by content: pages pass a fresh array on every render.
  const key = flows?.map((f) => `${f.id}:${f.etat}`).join(' ');
  const [seen, setSeen] = useState<{
    of: string | undefined;
    states: ReadonlyMap<string, FlowState>;
  }>({
    of: undefined,
    states: new Map(),
  });
  const [text, setText] = useState('');
  if (flows && key !== seen.of) {
    const changes: string[] = [];
    const states = new Map(seen.states);
    for (const f of flows) {
      const before = states.get(f.id);
      if (before !== undefined && before !== f.etat) {
        changes.push(t('changed', { number: f.numeroFluxDepot, state: ts(f.etat) }));
        if (f.entries !== null) {
          changes.push(t('counts', { accepted: f.accepted, refused: f.refused }));
        }
      }
      states.set(f.id, f.etat);
    }
    setSeen({ of: key, states });
    if (changes.length > 0) setText(changes.join(' '));
  }
  return (
    <p role="status" aria-live="polite" className={fr.cx('fr-sr-only')}>
      {text}
    </p>
  );
}
