import { useEffect, useMemo, useRef, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { useErrorText } from '../../app/ui';
import { useLang, useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { computeAmounts } from './amounts';
import { clearDraft, draftKey, loadDraft, saveDraft } from './draft';
import { emptyForm, keyedBody, type FormValues, type Place } from './form-model';
import { loadEngine, useEngine } from './load-engine';
import { formMessages } from './messages';
import { DepositDone } from './DepositDone';
import { useFieldProblems } from './field-problems';
import { FilesFields } from './FilesFields';
import { InvoiceFields } from './InvoiceFields';
import { LinesEditor } from './LinesEditor';
import { RecipientFields, SupplierFields } from './PartiesFields';
import { ProblemSummary } from './ProblemSummary';
import { addProblem, depositFailure, engineProblemsOf, summaryOf, type Problems } from './problems';
import { sendDeposit, type DepositReply } from './send-deposit';
import { TotalsPanel } from './TotalsPanel';
import {
  AmountConfirm,
  focusAmountConfirm,
  needsConfirmation,
  useConfirmAbove,
} from './AmountConfirm';
import { useParties } from './use-parties';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The key-in form, used alone (/fournisseur/saisie) and for the data of a plain PDF (upload
 * page). The EN 16931 engine (loaded on demand) judges the keyed data as the server will, as
 * the supplier types; each problem shows at its field once the field was left, all of them at
 * the first attempt to send.
 */
export function InvoiceForm({
  pdf,
  draftName,
  onAnother,
}: {
  pdf?: File;
  draftName: string;
  /** After "send another": the upload page goes back to choosing a file. */
  onAnother?: () => void;
}) {
  const t = useT(formMessages);
  const { lang } = useLang();
  const { me, current } = useSession();
  const engine = useEngine();
  const errorText = useErrorText();
  const key = draftKey(`${me?.id ?? 'anon'}.${draftName}`, current?.structure.id ?? 'none');
  const [restored] = useState(() => loadDraft(key));
  const vatKey = `chorale.vatId.${current?.structure.id ?? 'none'}`;
  const form = useForm<FormValues>({
    // A draft over the empty form: a draft saved by an older portal may lack newer fields.
    defaultValues: restored
      ? { ...emptyForm(today()), ...restored }
      : {
          ...emptyForm(today()),
          supplierVatId: localStorage.getItem(vatKey) ?? '',
        },
    mode: 'onTouched',
  });
  const { control, handleSubmit, setValue, getValues, formState, reset } = form;
  const lines = useFieldArray({ control, name: 'lines' });
  const values = useWatch({ control }) as FormValues;
  const [showDraftNotice, setShowDraftNotice] = useState(Boolean(restored));

  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Problems>(new Map());
  const [topError, setTopError] = useState<string>();
  /** The server refused the last attempt (as opposed to problems found before sending). */
  const [refused, setRefused] = useState(false);
  const [sending, setSending] = useState(false);
  const [progress, setProgress] = useState<number>();
  const [attachments, setAttachments] = useState<File[]>([]);
  const [ownPdf, setOwnPdf] = useState<File>();
  const [done, setDone] = useState<DepositReply>();

  const parties = useParties(values);
  const { supplier, recipient, buyer, askService, askCommitment } = parties;
  const recipientId = values.recipientIdentifier;

  const amounts = useMemo(() => computeAmounts(values.lines ?? []), [values.lines]);
  // A total above the configured threshold is confirmed before sending; a confirmation holds
  // for the total it was given for only.
  const confirmAbove = useConfirmAbove();
  const total = amounts.totals.withVat;
  const askAmount = needsConfirmation(total, confirmAbove);
  const [confirmedTotal, setConfirmedTotal] = useState<string>();
  const [confirmTried, setConfirmTried] = useState(false);

  /** The keyed invoice as it will be sent (fields not asked are left out). */
  const keyedOf = (v: FormValues) =>
    keyedBody(v, supplier!, { service: askService, commitment: askCommitment });

  // The engine's verdict as the supplier types (debounced: one run per pause).
  // Each verdict remembers the values it judged: a verdict on values since changed is not shown
  // (it would flash a problem already fixed, and move the page under the pointer).
  const valuesKey = useMemo(() => JSON.stringify(values), [values]);
  const [verdict, setVerdict] = useState<{ of: string; problems: Problems; warnings: Problems }>({
    of: '',
    problems: new Map(),
    warnings: new Map(),
  });
  const verdictIsCurrent = verdict.of === valuesKey;
  const engineProblems = verdictIsCurrent ? verdict.problems : new Map<Place, string[]>();
  const engineWarnings = verdictIsCurrent ? verdict.warnings : new Map<Place, string[]>();
  const termsOf = (id: string) => engine?.ruleMessage(id)?.terms ?? [];
  const setEngineProblems = (problems: Problems, warnings: Problems, of: string = valuesKey) =>
    setVerdict({ of, problems, warnings });
  useEffect(() => {
    if (!engine || !supplier) return;
    const timer = setTimeout(() => {
      const keyed = keyedOf(values);
      const report = engine.validateKeyed(keyed, buyer, { lang });
      const withoutRecipient = !recipientId;
      setEngineProblems(
        engineProblemsOf(report.findings, keyed, { withoutRecipient, termsOf }),
        engineProblemsOf(report.findings, keyed, { withoutRecipient, termsOf, flag: 'warning' }),
      );
    }, 250);
    return () => clearTimeout(timer);
    // Keyed on what changes the verdict (valuesKey stands for values, recipientId for recipient):
    // objects rebuilt at each render would run the engine again after every verdict.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [engine, valuesKey, buyer, supplier, lang, askService, askCommitment, recipientId]);

  // The draft follows every change once the supplier has typed something.
  useEffect(() => {
    if (done || !formState.isDirty) return;
    const timer = setTimeout(() => saveDraft(key, values), 300);
    return () => clearTimeout(timer);
    // valuesKey stands for values (the same content, not a new object at each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [valuesKey, key, done, formState.isDirty]);

  // A new recipient: its services and requirements are not those of the previous one.
  const previousRecipient = useRef(recipient?.identifier);
  useEffect(() => {
    if (previousRecipient.current === recipient?.identifier) return;
    if (previousRecipient.current !== undefined) {
      setValue('serviceCode', '');
      setValue('commitmentNumber', '');
    }
    previousRecipient.current = recipient?.identifier;
  }, [recipient?.identifier, setValue]);

  const fields = useFieldProblems({
    form,
    engineProblems,
    engineWarnings,
    serverProblems,
    submitted,
  });
  const { problemsAt } = fields;

  const clientChecks = (v: FormValues): Problems => {
    const p: Problems = new Map();
    if (!v.recipientIdentifier) addProblem(p, 'recipient', t('recipientMissing'));
    if (parties.serviceRequired && !v.serviceCode)
      addProblem(p, 'serviceCode', t('serviceMissing'));
    if (parties.commitmentRequired && !v.commitmentNumber.trim())
      addProblem(p, 'commitmentNumber', t('commitmentMissing'));
    if (parties.eitherRequired && !v.serviceCode && !v.commitmentNumber.trim())
      addProblem(p, 'commitmentNumber', t('eitherMissing'));
    return p;
  };

  const focusSummary = () => setTimeout(() => document.getElementById('form-summary')?.focus(), 0);

  const onValid = async (v: FormValues) => {
    setServerProblems(new Map());
    setTopError(undefined);
    setRefused(false);
    const own = clientChecks(v);
    if (own.size > 0 || !supplier) {
      setServerProblems(own);
      focusSummary();
      return;
    }
    const keyed = keyedOf(v);
    // Without the engine (it failed to load), the server still judges the invoice.
    const e = await loadEngine().catch(() => undefined);
    const report = e?.validateKeyed(keyed, buyer, { lang });
    if (report && !report.valid) {
      setEngineProblems(
        engineProblemsOf(report.findings, keyed, { termsOf }),
        engineProblemsOf(report.findings, keyed, { termsOf, flag: 'warning' }),
      );
      focusSummary();
      return;
    }
    if (askAmount && confirmedTotal !== total) {
      setConfirmTried(true);
      focusAmountConfirm('confirm-amount');
      return;
    }
    setSending(true);
    const file = pdf ?? ownPdf;
    setProgress(file || attachments.length ? 0 : undefined);
    try {
      const reply = await sendDeposit({
        metadata: { framework: v.framework, type: v.type },
        keyed,
        invoice: file,
        attachments,
        onProgress: setProgress,
        idempotencyKey: crypto.randomUUID(),
      });
      clearDraft(key);
      if (keyed.supplier.vatId) localStorage.setItem(vatKey, keyed.supplier.vatId);
      setDone(reply);
      setTimeout(() => document.getElementById('deposit-done')?.focus(), 0);
    } catch (error) {
      setRefused(true);
      const failure = depositFailure(error, keyed, lang, {
        sessionExpired: t('sessionExpired'),
        errorText,
        ruleText: (id) => e?.ruleMessage(id),
      });
      if (failure.top) setTopError(failure.top);
      setServerProblems(failure.problems);
      focusSummary();
    } finally {
      setSending(false);
    }
  };

  // The form's own checks failed: say what else is missing too, in the same summary.
  const onInvalid = () => {
    setTopError(undefined);
    setRefused(false);
    setServerProblems(clientChecks(getValues()));
    focusSummary();
  };

  if (done) {
    return (
      <DepositDone
        reply={done}
        number={values.number}
        anotherLabel={t('another')}
        onAnother={() => {
          reset({ ...emptyForm(today()), supplierVatId: values.supplierVatId });
          setAttachments([]);
          setOwnPdf(undefined);
          setSubmitted(false);
          fields.forgetBlurred();
          setDone(undefined);
          onAnother?.();
        }}
      />
    );
  }

  // The summary: every problem with a link to its field, at the first attempt to send.
  const all = submitted
    ? summaryOf(
        new Set<Place>([...engineProblems.keys(), ...serverProblems.keys()]),
        problemsAt,
        formState.errors,
      )
    : [];
  const topMessages = [
    ...(topError ? [topError] : []),
    ...(serverProblems.get('top') ?? []),
    ...(submitted ? (engineProblems.get('top') ?? []) : []),
  ].filter((m, i, a) => a.indexOf(m) === i);
  const showSummary = submitted && (all.length > 0 || topMessages.length > 0);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        setSubmitted(true);
        void handleSubmit(onValid, onInvalid)(e);
      }}
    >
      {showDraftNotice && (
        <Notice
          title={t('draftRestored')}
          description={
            <>
              {t('draftRestoredText')}{' '}
              <button
                type="button"
                className={fr.cx('fr-link')}
                onClick={() => {
                  clearDraft(key);
                  reset(emptyForm(today()));
                  setShowDraftNotice(false);
                }}
              >
                {t('draftDiscard')}
              </button>
            </>
          }
          className={fr.cx('fr-mb-3w')}
        />
      )}

      <ProblemSummary show={showSummary} refused={refused} topMessages={topMessages} all={all} />
      <SupplierFields parties={parties} fields={fields} />
      <RecipientFields
        parties={parties}
        fields={fields}
        onChoose={(choice) => {
          setValue('recipientIdentifier', choice?.identifier ?? '', { shouldDirty: true });
          setValue('recipientName', choice?.name ?? '', { shouldDirty: true });
        }}
        showPickerProblems={submitted || serverProblems.has('recipient')}
      />
      <InvoiceFields fields={fields} number={values.number ?? ''} />
      <LinesEditor
        lines={lines}
        values={values.lines}
        lineNets={amounts.lineNets}
        currency={values.currency}
        setValue={setValue}
        fields={fields}
      />
      <TotalsPanel amounts={amounts} currency={values.currency} fields={fields} />
      <FilesFields
        pdf={pdf}
        onPdf={setOwnPdf}
        attachments={attachments}
        setAttachments={setAttachments}
        problemsAt={problemsAt}
      />

      {progress !== undefined && sending && (
        <p>
          <label htmlFor="deposit-progress">
            {t('progress', { percent: Math.round(progress * 100) })}
          </label>{' '}
          <progress id="deposit-progress" max={1} value={progress} />
        </p>
      )}
      {askAmount && confirmAbove && (
        <AmountConfirm
          id="confirm-amount"
          total={total}
          currency={values.currency}
          threshold={confirmAbove}
          checked={confirmedTotal === total}
          onChange={(on) => setConfirmedTotal(on ? total : undefined)}
          showError={confirmTried}
        />
      )}
      {!engine && <p className={fr.cx('fr-text--sm')}>{t('engineLoading')}</p>}
      <Button type="submit" disabled={sending || !supplier}>
        {sending ? t('sending') : t('submit')}
      </Button>
    </form>
  );
}
