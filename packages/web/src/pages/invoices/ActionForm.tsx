import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { api, rawFetch } from '../../api/client';
import { useFormat, useT } from '../../app/i18n';
import { errorState, ErrorMessage } from '../../app/ui';
import { actionMessages, type Feedback, type Pending } from './action-messages';
import {
  isConflict,
  MAX_REASON,
  normaliseAmount,
  REJECTION_REASONS,
  type InvoiceDetail,
  type InvoiceStatus,
  type RejectionReason,
} from './common';

interface FormValues {
  reason: string;
  rejectionReason: RejectionReason | '';
  mandateNumber: string;
  paymentDate: string;
  paymentAmount: string;
  comment: string;
  files: FileList | null;
  recipientIdentifier: string;
  serviceCode: string;
  commitmentNumber: string;
}

/**
 * The form of one action, in its dialog: what the move needs (a reason, a mandate number, the
 * payment, a complement, the right recipient), sent with the version shown.
 */
export function ActionForm({
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
  const t = useT(actionMessages);
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
      rejectionReason: '',
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
  // A rejection picks its reason from the server's list; the free text is then optional but
  // for AUTRE (the server says the same, in the same words).
  const rejecting = pending.kind === 'recipient' && pending.move.to === 'REJETEE';
  const reasonLength = useWatch({ control, name: 'reason' }).length;
  const fieldError = (name: keyof FormValues) => errorState(formState.errors[name]?.message);

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
          rejectionReason?: RejectionReason;
        } = { status: pending.move.to, version: invoice.version };
        if (needs === 'reason' && v.reason.trim()) body.reason = v.reason.trim();
        if (rejecting && v.rejectionReason) body.rejectionReason = v.rejectionReason;
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
      {rejecting && (
        <Select
          label={t('rejectionReason')}
          hint={t('rejectionReasonHint')}
          nativeSelectProps={{
            ...register('rejectionReason', {
              validate: (s) => (s ? true : t('rejectionReasonRequired')),
            }),
          }}
          {...fieldError('rejectionReason')}
        >
          <option value="" disabled>
            {t('rejectionReasonChoose')}
          </option>
          {REJECTION_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reject_${r}`)}
            </option>
          ))}
        </Select>
      )}
      {needs === 'reason' && (
        <Input
          label={rejecting ? t('rejectionText') : t('reason')}
          hintText={rejecting ? t('rejectionTextHint') : t('reasonHint')}
          textArea
          nativeTextAreaProps={{
            ...register('reason', {
              validate: (s, all) =>
                !s.trim() && (!rejecting || all.rejectionReason === 'AUTRE')
                  ? rejecting
                    ? t('rejectionTextRequired')
                    : t('reasonRequired')
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
          {t('charsLeft', { count: Math.max(0, MAX_REASON - reasonLength) })}
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
