import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { api } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { errorState, useErrorText } from '../../app/ui';
import {
  isConflict,
  MAX_REASON,
  statusMessages,
  type InvoiceStatus,
  type InvoiceSummary,
} from './common';

const messages = defineMessages({
  fr: {
    title: 'Action sur la sélection',
    none: 'Cochez une ou plusieurs factures dans le tableau pour leur appliquer une action.',
    count: '{count} facture(s) sélectionnée(s).',
    action: 'Action',
    choose: 'Choisir une action',
    to_SERVICE_FAIT: 'Constater le service fait',
    to_A_RECYCLER: 'Renvoyer au fournisseur pour recyclage (erreur de destinataire)',
    to_SUSPENDUE: 'Suspendre (motif obligatoire)',
    to_REJETEE: 'Rejeter (motif obligatoire)',
    reason: 'Motif',
    reasonHint: '255 caractères au plus, visible par le fournisseur',
    reasonRequired: 'Saisissez le motif (255 caractères au plus).',
    actionRequired: 'Choisissez une action.',
    apply: 'Appliquer aux {count} facture(s)',
    running: 'Traitement en cours : {done} sur {count}…',
    results: 'Résultat : {ok} réussie(s), {failed} en échec',
    ok: '{number} : passée au statut « {status} ».',
    notAllowed: '{number} : non traitée, son statut « {status} » ne permet pas cette action.',
    conflict:
      '{number} : non traitée, quelqu’un d’autre l’a modifiée entre-temps (conflit de version). Ouvrez-la pour voir son état, puis recommencez.',
    failed: '{number} : non traitée. {reason}',
  },
  en: {
    title: 'Action on the selection',
    none: 'Tick one or more invoices in the table to apply an action to them.',
    count: '{count} invoice(s) selected.',
    action: 'Action',
    choose: 'Choose an action',
    to_SERVICE_FAIT: 'Record the service as done',
    to_A_RECYCLER: 'Send back to the supplier for re-routing (wrong recipient)',
    to_SUSPENDUE: 'Suspend (reason required)',
    to_REJETEE: 'Reject (reason required)',
    reason: 'Reason',
    reasonHint: 'At most 255 characters, shown to the supplier',
    reasonRequired: 'Enter the reason (at most 255 characters).',
    actionRequired: 'Choose an action.',
    apply: 'Apply to the {count} invoice(s)',
    running: 'Processing: {done} of {count}…',
    results: 'Result: {ok} done, {failed} failed',
    ok: '{number}: moved to “{status}”.',
    notAllowed: '{number}: not processed, its status “{status}” does not allow this action.',
    conflict:
      '{number}: not processed, someone else changed it in the meantime (version conflict). Open it to see where it stands, then try again.',
    failed: '{number}: not processed. {reason}',
  },
});

const BULK: readonly InvoiceStatus[] = ['SERVICE_FAIT', 'A_RECYCLER', 'SUSPENDUE', 'REJETEE'];
type Bulk = 'SERVICE_FAIT' | 'A_RECYCLER' | 'SUSPENDUE' | 'REJETEE';

interface Outcome {
  id: string;
  ok: boolean;
  text: string;
}

/**
 * One action applied to every selected invoice, one request each (each names the version the
 * list showed), and every outcome reported: a conflict on one does not stop the others.
 */
export function BulkActions({ items }: { items: InvoiceSummary[] }) {
  const t = useT(messages);
  const ts = useT(statusMessages);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Bulk | ''>('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<{ field: 'action' | 'reason'; text: string } | null>(null);
  const [progress, setProgress] = useState<{ done: number; count: number } | null>(null);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);
  const needsReason = action === 'SUSPENDUE' || action === 'REJETEE';

  const run = async () => {
    if (!action) {
      setProblem({ field: 'action', text: t('actionRequired') });
      return;
    }
    if (needsReason && (!reason.trim() || reason.trim().length > MAX_REASON)) {
      setProblem({ field: 'reason', text: t('reasonRequired') });
      return;
    }
    setProblem(null);
    const batch = [...items];
    const results: Outcome[] = [];
    setOutcomes(null);
    setProgress({ done: 0, count: batch.length });
    for (const item of batch) {
      const allowed = item.allowedActions.some((a) => a.action === 'status' && a.to === action);
      if (!allowed) {
        results.push({
          id: item.id,
          ok: false,
          text: t('notAllowed', { number: item.number, status: ts(item.status) }),
        });
      } else {
        try {
          await api.POST('/api/v1/invoices/{id}/status', {
            params: { path: { id: item.id } },
            body: {
              status: action,
              version: item.version,
              ...(needsReason ? { reason: reason.trim() } : {}),
            },
          });
          results.push({
            id: item.id,
            ok: true,
            text: t('ok', { number: item.number, status: ts(action) }),
          });
        } catch (error) {
          results.push({
            id: item.id,
            ok: false,
            text: isConflict(error)
              ? t('conflict', { number: item.number })
              : t('failed', {
                  number: item.number,
                  reason: errorText(error),
                }),
          });
        }
      }
      setProgress({ done: results.length, count: batch.length });
    }
    setProgress(null);
    setOutcomes(results);
    await queryClient.invalidateQueries({ queryKey: ['invoices'] });
  };

  const okCount = outcomes?.filter((o) => o.ok).length ?? 0;
  return (
    <section aria-labelledby="bulk-title" className={fr.cx('fr-mb-6w')}>
      <h2 id="bulk-title" className={fr.cx('fr-h5')}>
        {t('title')}
      </h2>
      {items.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <p>{t('count', { count: items.length })}</p>
          <Select
            label={t('action')}
            nativeSelectProps={{
              value: action,
              onChange: (e) => setAction(e.currentTarget.value as Bulk | ''),
            }}
            {...errorState(problem?.field === 'action' ? problem.text : undefined)}
          >
            <option value="">{t('choose')}</option>
            {BULK.map((s) => (
              <option key={s} value={s}>
                {t(`to_${s as Bulk}`)}
              </option>
            ))}
          </Select>
          {needsReason && (
            <Input
              label={t('reason')}
              hintText={t('reasonHint')}
              textArea
              nativeTextAreaProps={{
                value: reason,
                maxLength: MAX_REASON,
                onChange: (e) => setReason(e.currentTarget.value),
              }}
              {...errorState(problem?.field === 'reason' ? problem.text : undefined)}
            />
          )}
          <Button type="submit" disabled={progress !== null}>
            {t('apply', { count: items.length })}
          </Button>
        </form>
      )}
      <div role="status" aria-live="polite" className={fr.cx('fr-mt-2w')}>
        {progress && <p>{t('running', progress)}</p>}
        {outcomes && (
          <>
            <p className={fr.cx('fr-text--bold', 'fr-mb-1w')}>
              {t('results', { ok: okCount, failed: outcomes.length - okCount })}
            </p>
            <ul data-testid="bulk-results">
              {outcomes.map((o) => (
                <li key={o.id} data-ok={o.ok}>
                  {o.text}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
