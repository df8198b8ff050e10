import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { api, rawFetch } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { ErrorMessage } from '../../app/ui';
import {
  isConflict,
  MAX_REASON,
  normaliseAmount,
  recipientMoves,
  statusMessages,
  supplierMoves,
  type InvoiceDetail,
  type InvoiceStatus,
  type RecipientMove,
  type SupplierMove,
} from './common';

const messages = defineMessages({
  fr: {
    title: 'Actions possibles',
    noneRecipient: 'Aucune action n’est possible sur cette facture dans son statut actuel.',
    noneSupplier:
      'Rien à faire de votre côté pour l’instant : la facture est entre les mains du destinataire.',
    asRecipient: 'En tant que service destinataire',
    asSupplier: 'En tant que fournisseur',
    to_SERVICE_FAIT: 'Constater le service fait',
    to_MANDATEE: 'Mandater',
    to_SUSPENDUE: 'Suspendre',
    to_A_RECYCLER: 'Renvoyer pour recyclage',
    to_REJETEE: 'Rejeter',
    to_MISE_EN_PAIEMENT: 'Mettre en paiement',
    to_MISE_A_DISPOSITION_COMPTABLE: 'Transmettre au comptable',
    to_COMPTABILISEE: 'Constater la comptabilisation',
    complete: 'Compléter la facture',
    recycle: 'Envoyer au bon destinataire',
    acknowledge: 'Prendre acte du rejet',
    explain_SERVICE_FAIT:
      'Vous confirmez que la prestation ou la livraison facturée a bien été faite.',
    explain_A_RECYCLER:
      'La facture n’est pas pour votre structure ou ce service : elle retourne au fournisseur, qui l’enverra au bon destinataire.',
    explain_MISE_A_DISPOSITION_COMPTABLE: 'La facture est transmise au comptable public.',
    explain_COMPTABILISEE: 'Le comptable a pris la facture en compte.',
    explain_acknowledge:
      'Vous indiquez avoir pris connaissance du rejet. La facture reste rejetée ; pour être payé, déposez une nouvelle facture corrigée.',
    reason: 'Motif',
    reasonHint: '255 caractères au plus. Le fournisseur le verra.',
    reasonRequired: 'Saisissez le motif.',
    reasonTooLong: 'Le motif compte {count} caractères : 255 au plus.',
    charsLeft: '{count} caractère(s) restant(s)',
    mandateNumber: 'Numéro de mandat',
    mandateRequired: 'Saisissez le numéro de mandat.',
    paymentDate: 'Date du paiement',
    paymentAmount: 'Montant payé',
    paymentAmountHint: 'En {currency}, par exemple 1 500,00',
    dateRequired: 'Saisissez la date du paiement.',
    dueHint: 'Net à payer de la facture : {amount}',
    amountInvalid: 'Saisissez un montant positif, par exemple 1 500,00.',
    comment: 'Votre réponse au destinataire',
    commentHint: '2 000 caractères au plus. Expliquez ce que vous corrigez ou joignez.',
    files: 'Pièces jointes',
    filesHint:
      'Optionnel. 10 Mo par fichier au plus ; PDF, bureautique, images ou archives. Plusieurs fichiers possibles.',
    completeRequired: 'Écrivez un commentaire ou joignez au moins un fichier.',
    recipientIdentifier: 'SIRET du bon destinataire',
    recipientHint: '14 chiffres, voir l’annuaire',
    serviceCode: 'Code service',
    serviceHint: 'Si le destinataire l’exige',
    commitmentNumber: 'Numéro d’engagement',
    commitmentHint: 'Si le destinataire l’exige',
    identifierRequired: 'Saisissez le SIRET du destinataire.',
    confirm: 'Confirmer',
    cancel: 'Annuler',
    close: 'Fermer',
    sending: 'Envoi…',
    dialogTitle: '{action} — facture {number}',
    done: 'C’est fait : la facture est maintenant au statut « {status} ».',
    acknowledged: 'C’est noté : le rejet a été pris en compte.',
    alreadyAcknowledged:
      'Vous avez pris acte de ce rejet le {date}. Pour être payé, déposez une nouvelle facture corrigée.',
    conflictTitle: 'La facture a changé entre-temps',
    conflict:
      'Quelqu’un d’autre a modifié cette facture pendant que vous la consultiez, votre action n’a donc pas été enregistrée. La facture vient d’être rechargée : vérifiez son nouvel état puis recommencez si besoin.',
  },
  en: {
    title: 'Possible actions',
    noneRecipient: 'No action is possible on this invoice in its current status.',
    noneSupplier:
      'Nothing to do on your side for now: the invoice is in the hands of the recipient.',
    asRecipient: 'As the recipient service',
    asSupplier: 'As the supplier',
    to_SERVICE_FAIT: 'Record service done',
    to_MANDATEE: 'Mandate',
    to_SUSPENDUE: 'Suspend',
    to_A_RECYCLER: 'Send back for re-routing',
    to_REJETEE: 'Reject',
    to_MISE_EN_PAIEMENT: 'Record the payment',
    to_MISE_A_DISPOSITION_COMPTABLE: 'Send to the accountant',
    to_COMPTABILISEE: 'Record it as booked',
    complete: 'Complete the invoice',
    recycle: 'Send to the right recipient',
    acknowledge: 'Acknowledge the rejection',
    explain_SERVICE_FAIT: 'You confirm that the invoiced work or delivery was done.',
    explain_A_RECYCLER:
      'The invoice is not for your structure or this service: it goes back to the supplier, who will send it to the right recipient.',
    explain_MISE_A_DISPOSITION_COMPTABLE: 'The invoice goes to the public accountant.',
    explain_COMPTABILISEE: 'The accountant has booked the invoice.',
    explain_acknowledge:
      'You confirm you have read the rejection. The invoice stays rejected; to be paid, deposit a new, corrected invoice.',
    reason: 'Reason',
    reasonHint: 'At most 255 characters. The supplier will see it.',
    reasonRequired: 'Enter the reason.',
    reasonTooLong: 'The reason has {count} characters: 255 at most.',
    charsLeft: '{count} character(s) left',
    mandateNumber: 'Mandate number',
    mandateRequired: 'Enter the mandate number.',
    paymentDate: 'Payment date',
    paymentAmount: 'Amount paid',
    paymentAmountHint: 'In {currency}, for example 1500.00',
    dateRequired: 'Enter the payment date.',
    dueHint: 'Amount due on the invoice: {amount}',
    amountInvalid: 'Enter a positive amount, for example 1500.00.',
    comment: 'Your answer to the recipient',
    commentHint: 'At most 2,000 characters. Say what you correct or attach.',
    files: 'Attachments',
    filesHint:
      'Optional. At most 10 MB per file; PDF, office documents, images or archives. Several files allowed.',
    completeRequired: 'Write a comment or attach at least one file.',
    recipientIdentifier: 'SIRET of the right recipient',
    recipientHint: '14 digits, see the directory',
    serviceCode: 'Service code',
    serviceHint: 'If the recipient requires it',
    commitmentNumber: 'Commitment number',
    commitmentHint: 'If the recipient requires it',
    identifierRequired: 'Enter the SIRET of the recipient.',
    confirm: 'Confirm',
    cancel: 'Cancel',
    close: 'Close',
    sending: 'Sending…',
    dialogTitle: '{action} — invoice {number}',
    done: 'Done: the invoice is now “{status}”.',
    acknowledged: 'Noted: the rejection has been acknowledged.',
    alreadyAcknowledged:
      'You acknowledged this rejection on {date}. To be paid, deposit a new, corrected invoice.',
    conflictTitle: 'The invoice changed in the meantime',
    conflict:
      'Someone else changed this invoice while you were looking at it, so your action was not recorded. The invoice has just been reloaded: check where it stands now and try again if needed.',
  },
});

type Pending =
  { kind: 'recipient'; move: RecipientMove } | { kind: 'supplier'; move: SupplierMove };

type Feedback =
  { kind: 'done'; status: InvoiceStatus } | { kind: 'acknowledged' } | { kind: 'conflict' };

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
  const t = useT(messages);
  const f = useFormat();
  const ts = useT(statusMessages);
  const [pending, setPending] = useState<Pending | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const recipient = invoice.sides.includes('RECIPIENT')
    ? (recipientMoves[invoice.status] ?? [])
    : null;
  // Acknowledging twice is harmless but pointless: once done, say so instead of offering it.
  const supplier = invoice.sides.includes('SUPPLIER')
    ? (supplierMoves[invoice.status] ?? []).filter((m) => m !== 'acknowledge' || !acknowledgedAt)
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
        <Dialog
          title={t('dialogTitle', { action: label(pending), number: invoice.number })}
          onClose={() => setPending(null)}
        >
          <ActionForm
            pending={pending}
            invoice={invoice}
            onCancel={() => setPending(null)}
            onDone={(result) => finish(result)}
          />
        </Dialog>
      )}
    </section>
  );
}

/**
 * A modal dialog on the native <dialog> element: focus moves in and is trapped, Escape closes
 * it, the page behind is inert, and focus returns to the button that opened it.
 */
function Dialog({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const t = useT(messages);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={fr.cx('fr-p-3w')}
      style={{ width: 'min(40rem, 94vw)', border: 'none', borderRadius: 4 }}
    >
      <div className={fr.cx('fr-grid-row')} style={{ justifyContent: 'space-between' }}>
        <h2 id={titleId} className={fr.cx('fr-h4')} style={{ flex: 1 }}>
          {title}
        </h2>
        <Button
          type="button"
          priority="tertiary no outline"
          size="small"
          iconId="fr-icon-close-line"
          title={t('close')}
          onClick={onClose}
        />
      </div>
      {children}
    </dialog>
  );
}

interface FormValues {
  reason: string;
  mandateNumber: string;
  paymentDate: string;
  paymentAmount: string;
  comment: string;
  files: FileList | null;
  recipientIdentifier: string;
  serviceCode: string;
  commitmentNumber: string;
}

function ActionForm({
  pending,
  invoice,
  onCancel,
  onDone,
}: {
  pending: Pending;
  invoice: InvoiceDetail;
  onCancel: () => void;
  onDone: (result: Feedback) => Promise<void>;
}) {
  const t = useT(messages);
  const f = useFormat();
  const [error, setError] = useState<unknown>(null);
  const today = new Date().toISOString().slice(0, 10);
  const {
    register,
    handleSubmit,
    control,
    formState,
    setError: setFieldError,
  } = useForm<FormValues>({
    defaultValues: {
      reason: '',
      mandateNumber: '',
      paymentDate: today,
      paymentAmount: invoice.amounts.amountDue ?? invoice.amounts.totalWithVat ?? '',
      comment: '',
      files: null,
      recipientIdentifier: '',
      serviceCode: '',
      commitmentNumber: '',
    },
  });
  const needs = pending.kind === 'recipient' ? pending.move.needs : null;
  const reasonLength = useWatch({ control, name: 'reason' }).length;
  const fieldError = (name: keyof FormValues) =>
    formState.errors[name]?.message
      ? { state: 'error' as const, stateRelatedMessage: formState.errors[name]?.message }
      : {};

  const submit = handleSubmit(async (v) => {
    setError(null);
    try {
      const id = invoice.id;
      if (pending.kind === 'recipient') {
        const body: {
          status: InvoiceStatus;
          version: number;
          reason?: string;
          mandateNumber?: string;
          paymentDate?: string;
          paymentAmount?: string;
        } = { status: pending.move.to, version: invoice.version };
        if (needs === 'reason') body.reason = v.reason.trim();
        if (needs === 'mandateNumber') body.mandateNumber = v.mandateNumber.trim();
        if (needs === 'payment') {
          const amount = normaliseAmount(v.paymentAmount);
          if (!amount) {
            setFieldError('paymentAmount', { message: t('amountInvalid') });
            return;
          }
          body.paymentDate = v.paymentDate;
          body.paymentAmount = amount;
        }
        const result = await api.POST('/api/v1/invoices/{id}/status', {
          params: { path: { id } },
          body,
        });
        await onDone({ kind: 'done', status: result.data?.status ?? pending.move.to });
        return;
      }
      if (pending.move === 'complete') {
        const files = v.files ? Array.from(v.files) : [];
        if (!v.comment.trim() && files.length === 0) {
          setFieldError('comment', { message: t('completeRequired') });
          return;
        }
        const form = new FormData();
        form.set('version', String(invoice.version));
        if (v.comment.trim()) form.set('comment', v.comment.trim());
        for (const file of files) form.append('attachments', file, file.name);
        await rawFetch(`/api/v1/invoices/${encodeURIComponent(id)}/complete`, {
          method: 'POST',
          body: form,
        });
        await onDone({ kind: 'done', status: 'COMPLETEE' });
        return;
      }
      if (pending.move === 'recycle') {
        await api.POST('/api/v1/invoices/{id}/recycle', {
          params: { path: { id } },
          body: {
            version: invoice.version,
            recipientIdentifier: v.recipientIdentifier.replace(/\s/g, ''),
            serviceCode: v.serviceCode.trim() || null,
            commitmentNumber: v.commitmentNumber.trim() || null,
          },
        });
        await onDone({ kind: 'done', status: 'MISE_A_DISPOSITION' });
        return;
      }
      await api.POST('/api/v1/invoices/{id}/acknowledge', { params: { path: { id } } });
      await onDone({ kind: 'acknowledged' });
    } catch (e) {
      if (isConflict(e)) {
        await onDone({ kind: 'conflict' });
        return;
      }
      setError(e);
    }
  });

  const explain =
    pending.kind === 'supplier'
      ? pending.move === 'acknowledge'
        ? t('explain_acknowledge')
        : null
      : pending.move.needs === null
        ? t(`explain_${pending.move.to}` as 'explain_SERVICE_FAIT')
        : null;

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      {explain && <p>{explain}</p>}
      {needs === 'reason' && (
        <Input
          label={t('reason')}
          hintText={t('reasonHint')}
          textArea
          nativeTextAreaProps={{
            ...register('reason', {
              validate: (s) =>
                !s.trim()
                  ? t('reasonRequired')
                  : s.length > MAX_REASON
                    ? t('reasonTooLong', { count: s.length })
                    : true,
            }),
            rows: 3,
            'aria-describedby': 'reason-count',
          }}
          {...fieldError('reason')}
        />
      )}
      {needs === 'reason' && (
        <p id="reason-count" className={fr.cx('fr-hint-text')} aria-live="polite">
          {t('charsLeft', { count: MAX_REASON - reasonLength })}
        </p>
      )}
      {needs === 'mandateNumber' && (
        <Input
          label={t('mandateNumber')}
          nativeInputProps={{
            ...register('mandateNumber', {
              validate: (s) => (s.trim() ? true : t('mandateRequired')),
            }),
            maxLength: 100,
            autoComplete: 'off',
          }}
          {...fieldError('mandateNumber')}
        />
      )}
      {needs === 'payment' && (
        <>
          <Input
            label={t('paymentDate')}
            nativeInputProps={{
              ...register('paymentDate', { required: t('dateRequired') }),
              type: 'date',
            }}
            {...fieldError('paymentDate')}
          />
          <Input
            label={t('paymentAmount')}
            hintText={t('paymentAmountHint', { currency: invoice.currency })}
            nativeInputProps={{
              ...register('paymentAmount', {
                validate: (s) => (normaliseAmount(s) ? true : t('amountInvalid')),
              }),
              inputMode: 'decimal',
            }}
            {...fieldError('paymentAmount')}
          />
          {invoice.amounts.amountDue && (
            <p className={fr.cx('fr-hint-text')}>
              {t('dueHint', { amount: f.money(invoice.amounts.amountDue, invoice.currency) })}
            </p>
          )}
        </>
      )}
      {pending.kind === 'supplier' && pending.move === 'complete' && (
        <>
          <Input
            label={t('comment')}
            hintText={t('commentHint')}
            textArea
            nativeTextAreaProps={{ ...register('comment'), rows: 4, maxLength: 2000 }}
            {...fieldError('comment')}
          />
          <div className={fr.cx('fr-upload-group', 'fr-mb-3w')}>
            <label className={fr.cx('fr-label')} htmlFor="complete-files">
              {t('files')}
              <span className={fr.cx('fr-hint-text')}>{t('filesHint')}</span>
            </label>
            <input
              className={fr.cx('fr-upload')}
              type="file"
              id="complete-files"
              multiple
              {...register('files')}
            />
          </div>
        </>
      )}
      {pending.kind === 'supplier' && pending.move === 'recycle' && (
        <>
          <Input
            label={t('recipientIdentifier')}
            hintText={t('recipientHint')}
            nativeInputProps={{
              ...register('recipientIdentifier', {
                validate: (s) => (s.trim() ? true : t('identifierRequired')),
              }),
              inputMode: 'numeric',
              autoComplete: 'off',
            }}
            {...fieldError('recipientIdentifier')}
          />
          <Input
            label={t('serviceCode')}
            hintText={t('serviceHint')}
            nativeInputProps={{ ...register('serviceCode'), maxLength: 100 }}
          />
          <Input
            label={t('commitmentNumber')}
            hintText={t('commitmentHint')}
            nativeInputProps={{ ...register('commitmentNumber'), maxLength: 100 }}
          />
        </>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--right')}>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </li>
        <li>
          <Button type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? t('sending') : t('confirm')}
          </Button>
        </li>
      </ul>
    </form>
  );
}
