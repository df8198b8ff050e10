import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useFormat, useT } from '../../app/i18n';
import { ActionDialog } from './ActionDialog';
import { ActionForm } from './ActionForm';
import { actionMessages, type Feedback, type Pending } from './action-messages';
import { movesOf, statusMessages, type InvoiceDetail } from './common';

/**
 * The actions the invoice's status allows for the sides the user holds, each in a dialog with
 * its form. Every request names the version shown; a 409 reloads the invoice and says why.
 */
export function InvoiceActions({
  invoice,
  onChanged,
  acknowledgedAt,
}: {
  invoice: InvoiceDetail;
  onChanged: () => Promise<unknown>;
  /** When the supplier already acknowledged this rejection (from the history). */
  acknowledgedAt: string | null;
}) {
  const t = useT(actionMessages);
  const f = useFormat();
  const ts = useT(statusMessages);
  const [pending, setPending] = useState<Pending | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  // The moves the server allows now (status and rights): the portal keeps no table of its own.
  const moves = movesOf(invoice.allowedActions);
  const recipient = invoice.sides.includes('RECIPIENT') ? moves.recipient : null;
  // Acknowledging twice is harmless but pointless: once done, say so instead of offering it.
  const supplier = invoice.sides.includes('SUPPLIER')
    ? moves.supplier.filter((m) => m !== 'acknowledge' || !acknowledgedAt)
    : null;

  useEffect(() => {
    if (feedback) feedbackRef.current?.focus();
  }, [feedback]);

  const finish = async (result: Feedback) => {
    setPending(null);
    await onChanged();
    setFeedback(result);
  };

  const label = (p: Pending) =>
    p.kind === 'recipient' ? t(`to_${p.move.to}` as 'to_SERVICE_FAIT') : t(p.move);

  return (
    <section aria-labelledby="actions-title" className={fr.cx('fr-my-4w')}>
      <h2 id="actions-title">{t('title')}</h2>
      <div ref={feedbackRef} tabIndex={-1}>
        {feedback?.kind === 'done' && (
          <Alert
            severity="success"
            small
            description={t('done', { status: ts(feedback.status) })}
            closable
            onClose={() => setFeedback(null)}
            className={fr.cx('fr-mb-2w')}
          />
        )}
        {feedback?.kind === 'acknowledged' && (
          <Alert
            severity="success"
            small
            description={t('acknowledged')}
            className={fr.cx('fr-mb-2w')}
          />
        )}
        {feedback?.kind === 'conflict' && (
          <Alert
            severity="warning"
            title={t('conflictTitle')}
            description={t('conflict')}
            className={fr.cx('fr-mb-2w')}
          />
        )}
      </div>
      {recipient && (
        <>
          {supplier && <h3 className={fr.cx('fr-h6')}>{t('asRecipient')}</h3>}
          {recipient.length === 0 ? (
            <p>{t('noneRecipient')}</p>
          ) : (
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
              {recipient.map((move) => (
                <li key={move.to}>
                  <Button
                    type="button"
                    priority={
                      move.to === 'REJETEE' || move.to === 'A_RECYCLER' ? 'secondary' : 'primary'
                    }
                    onClick={() => {
                      setFeedback(null);
                      setPending({ kind: 'recipient', move });
                    }}
                  >
                    {t(`to_${move.to}` as 'to_SERVICE_FAIT')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {supplier && (
        <>
          {recipient && <h3 className={fr.cx('fr-h6')}>{t('asSupplier')}</h3>}
          {supplier.length === 0 ? (
            <p>
              {acknowledgedAt && invoice.status === 'REJETEE'
                ? t('alreadyAcknowledged', { date: f.dateTime(acknowledgedAt) })
                : t('noneSupplier')}
            </p>
          ) : (
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
              {supplier.map((move) => (
                <li key={move}>
                  <Button
                    type="button"
                    onClick={() => {
                      setFeedback(null);
                      setPending({ kind: 'supplier', move });
                    }}
                  >
                    {t(move)}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {pending && (
        <ActionDialog
          title={t('dialogTitle', { action: label(pending), number: invoice.number })}
          onClose={() => setPending(null)}
        >
          <ActionForm
            pending={pending}
            invoice={invoice}
            onCancel={() => setPending(null)}
            onDone={(result) => finish(result)}
          />
        </ActionDialog>
      )}
    </section>
  );
}
