import { useEffect, useMemo, useRef, useState, type FocusEvent } from 'react';
import {
  useFieldArray,
  useForm,
  useWatch,
  type FieldPath,
  type RegisterOptions,
} from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { api, ApiError, data } from '../../api/client';
import { useErrorText } from '../../app/ui';
import { useFormat, useLang, useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { computeAmounts, DECIMAL, EXEMPT_CATEGORIES, NO_RATE_CATEGORIES } from './amounts';
import { clearDraft, draftKey, loadDraft, saveDraft } from './draft';
import {
  CURRENCIES,
  emptyForm,
  emptyLine,
  FRAMEWORKS,
  INVOICE_TYPES,
  keyedJson,
  placeOfKeyedField,
  placeOfPointer,
  placeOfRefusal,
  toKeyed,
  UNITS,
  VAT_CATEGORIES,
  type FormValues,
  type Place,
  type RecipientChoice,
  type Supplier,
} from './form-model';
import { loadEngine, useEngine } from './load-engine';
import { formMessages } from './messages';
import { AttachmentsPicker } from './AttachmentsPicker';
import { DepositDone } from './DepositDone';
import { FieldErrors, Lines, RecipientPicker } from './RecipientPicker';
import { refusalOf, sendDeposit, type DepositReply } from './send-deposit';

type Problems = Map<Place, string[]>;

/** Element id of a form place, so the error summary can link to it. */
export const placeId = (place: Place) => `f-${place.replace(/\./g, '-')}`;

function add(problems: Problems, place: Place, message: string) {
  const list = problems.get(place) ?? [];
  if (!list.includes(message)) list.push(message);
  problems.set(place, list);
}

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
  const format = useFormat();
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
  const { register, control, handleSubmit, setValue, getValues, formState, reset } = form;
  const lines = useFieldArray({ control, name: 'lines' });
  const values = useWatch({ control }) as FormValues;
  const [showDraftNotice, setShowDraftNotice] = useState(Boolean(restored));

  const [blurred, setBlurred] = useState<Set<string>>(() => new Set());
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

  // The supplier: the structure the user acts for, its address from the directory.
  const supplierQuery = useQuery({
    queryKey: ['structure', current?.structure.identifier],
    enabled: Boolean(current),
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}', {
          params: { path: { identifier: current!.structure.identifier } },
        }),
      ),
  });
  const supplier: Supplier | undefined = useMemo(() => {
    // Wait for the directory's answer: the address goes into the invoice (BT-35…BT-40).
    if (!current || supplierQuery.isPending) return undefined;
    const a = supplierQuery.data?.address;
    const opt = (s: string | null | undefined) => (s ? s : undefined);
    return {
      identifier: current.structure.identifier,
      name: current.structure.name,
      address: {
        line1: opt(a?.line1),
        line2: opt(a?.line2),
        postCode: opt(a?.postalCode),
        city: opt(a?.town),
        countryCode: a?.countryCode ?? 'FR',
      },
    };
  }, [current, supplierQuery.data, supplierQuery.isPending]);

  // The recipient's flags and services decide what else is asked.
  const recipientId = values.recipientIdentifier;
  const recipient: RecipientChoice | null = values.recipientIdentifier
    ? { identifier: values.recipientIdentifier, name: values.recipientName }
    : null;
  const recipientQuery = useQuery({
    queryKey: ['structure', recipient?.identifier],
    enabled: Boolean(recipient),
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}', {
          params: { path: { identifier: recipient!.identifier } },
        }),
      ),
  });
  const detail = recipient ? recipientQuery.data : undefined;
  const flags = detail?.flags;
  const services = (detail?.services ?? []).filter((s) => s.active);
  const service = services.find((s) => s.code === values.serviceCode);
  const askService = services.length > 0 || Boolean(flags?.serviceCodeRequired);
  const serviceRequired = Boolean(flags?.serviceCodeRequired);
  const eitherRequired = Boolean(flags?.serviceOrCommitmentRequired);
  const commitmentRequired = Boolean(flags?.commitmentRequired || service?.commitmentRequired);
  const askCommitment = commitmentRequired || eitherRequired;
  const buyer = useMemo(() => {
    if (!detail) return undefined;
    const a = detail.address;
    return {
      name: detail.name,
      address: {
        ...(a.line1 ? { line1: a.line1 } : {}),
        ...(a.line2 ? { line2: a.line2 } : {}),
        ...(a.postalCode ? { postCode: a.postalCode } : {}),
        ...(a.town ? { city: a.town } : {}),
        countryCode: a.countryCode ?? 'FR',
      },
    };
  }, [detail]);

  const amounts = useMemo(() => computeAmounts(values.lines ?? []), [values.lines]);

  /** The keyed invoice as it will be sent (fields not asked are left out). */
  const keyedOf = (v: FormValues) => {
    const k = toKeyed(
      {
        ...v,
        serviceCode: askService ? v.serviceCode : '',
        commitmentNumber: askCommitment ? v.commitmentNumber : '',
      },
      supplier!,
    );
    return keyedJson(k);
  };

  // The engine's verdict as the supplier types (debounced: one run per pause).
  // Each verdict remembers the values it judged: a verdict on values since changed is not shown
  // (it would flash a problem already fixed, and move the page under the pointer).
  const valuesKey = useMemo(() => JSON.stringify(values), [values]);
  const [verdict, setVerdict] = useState<{ of: string; problems: Problems }>({
    of: '',
    problems: new Map(),
  });
  const engineProblems = verdict.of === valuesKey ? verdict.problems : new Map<Place, string[]>();
  const setEngineProblems = (problems: Problems, of: string = valuesKey) =>
    setVerdict({ of, problems });
  useEffect(() => {
    if (!engine || !supplier) return;
    const timer = setTimeout(() => {
      const keyed = keyedOf(values);
      const report = engine.validateKeyed(keyed, buyer, { lang });
      const found: Problems = new Map();
      for (const f of report.findings) {
        if (f.flag !== 'fatal') continue;
        // Without a recipient yet, the rules about the buyer only repeat "choose a recipient".
        const place = placeOfKeyedField(f.field, keyed);
        if (place === 'recipient' && !recipientId) continue;
        add(found, place, `${f.message} (${f.id})`);
      }
      setEngineProblems(found);
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

  const isShown = (place: Place) =>
    submitted ||
    blurred.has(place) ||
    (place === 'totals' && [...blurred].some((b) => b.startsWith('lines.')));
  const markBlurred = (place: Place) =>
    setBlurred((s) => (s.has(place) ? s : new Set(s).add(place)));

  /** Every message to show at a place: form checks, then the engine's, then the server's. */
  const problemsAt = (place: Place): string[] => {
    const out: string[] = [];
    const rhf = fieldError(place);
    if (rhf) out.push(rhf);
    if (isShown(place)) for (const m of engineProblems.get(place) ?? []) out.push(m);
    for (const m of serverProblems.get(place) ?? []) out.push(m);
    return out;
  };
  const fieldError = (place: Place): string | undefined => {
    const parts = place.split('.');
    let node: unknown = formState.errors;
    for (const p of parts) node = (node as Record<string, unknown> | undefined)?.[p];
    const message = (node as { message?: unknown } | undefined)?.message;
    return typeof message === 'string' && message ? message : undefined;
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
  const stateOf = (place: Place) => {
    const list = problemsAt(place);
    return list.length
      ? { state: 'error' as const, stateRelatedMessage: <Lines messages={list} /> }
      : {};
  };

  const clientChecks = (v: FormValues): Problems => {
    const p: Problems = new Map();
    if (!v.recipientIdentifier) add(p, 'recipient', t('recipientMissing'));
    if (serviceRequired && !v.serviceCode) add(p, 'serviceCode', t('serviceMissing'));
    if (commitmentRequired && !v.commitmentNumber.trim())
      add(p, 'commitmentNumber', t('commitmentMissing'));
    if (eitherRequired && !v.serviceCode && !v.commitmentNumber.trim())
      add(p, 'commitmentNumber', t('eitherMissing'));
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
      const found: Problems = new Map();
      for (const f of report.findings)
        if (f.flag === 'fatal')
          add(found, placeOfKeyedField(f.field, keyed), `${f.message} (${f.id})`);
      setEngineProblems(found);
      focusSummary();
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
      const refusal = refusalOf(error);
      const found: Problems = new Map();
      if (error instanceof ApiError && error.status === 401) {
        setTopError(t('sessionExpired'));
      } else if (refusal?.message) {
        const place = placeOfRefusal(refusal.code);
        add(found, place, refusal.message[lang]);
        if (place === 'top') setTopError(refusal.message[lang]);
        for (const d of refusal.details) add(found, 'top', d.message);
      } else if (refusal && refusal.details.length) {
        for (const d of refusal.details) add(found, placeOfPointer(d.pointer, keyed), d.message);
        if (!found.has('top')) setTopError(errorText(error));
      } else {
        setTopError(errorText(error));
      }
      setServerProblems(found);
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
          setBlurred(new Set());
          setDone(undefined);
          onAnother?.();
        }}
      />
    );
  }

  // The summary: every problem with a link to its field, at the first attempt to send.
  const all: { place: Place; message: string }[] = [];
  if (submitted) {
    const places = new Set<Place>([...engineProblems.keys(), ...serverProblems.keys()]);
    for (const place of places) {
      if (place === 'top') continue;
      for (const message of problemsAt(place)) all.push({ place, message });
    }
    const errs = formState.errors;
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
    walk(errs, []);
  }
  const topMessages = [
    ...(topError ? [topError] : []),
    ...(serverProblems.get('top') ?? []),
    ...(submitted ? (engineProblems.get('top') ?? []) : []),
  ].filter((m, i, a) => a.indexOf(m) === i);
  const showSummary = submitted && (all.length > 0 || topMessages.length > 0);

  const lineCount = lines.fields.length;
  const usedExempt = amounts.breakdown
    .map((b) => b.category)
    .filter((c, i, a) => EXEMPT_CATEGORIES.has(c) && a.indexOf(c) === i);

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

      <div tabIndex={-1} id="form-summary">
        {showSummary && (
          <Alert
            severity="error"
            as="h2"
            title={refused ? t('refusedTitle') : t('problemsTitle')}
            className={fr.cx('fr-mb-3w')}
            description={
              <>
                {topMessages.map((m, i) => (
                  <p key={`top-${i}`}>{m}</p>
                ))}
                {all.length > 0 && (
                  <>
                    <p>{t('problemsIntro', { count: all.length })}</p>
                    <ul>
                      {all.map((a, i) => (
                        <li key={i}>
                          <a href={`#${placeId(a.place)}`}>{a.message}</a>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            }
          />
        )}
      </div>

      <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('supplierTitle')}</legend>
        <div className={fr.cx('fr-fieldset__element')} id={placeId('supplier')} tabIndex={-1}>
          {supplier && (
            <p className={fr.cx('fr-mb-1w')}>
              {t('supplierIdentity', { name: supplier.name, identifier: supplier.identifier })}
              <br />
              {supplierQuery.data
                ? [supplier.address.line1, supplier.address.postCode, supplier.address.city].some(
                    Boolean,
                  )
                  ? t('supplierAddress', {
                      address: [
                        supplier.address.line1,
                        supplier.address.postCode,
                        supplier.address.city,
                      ]
                        .filter(Boolean)
                        .join(' '),
                    })
                  : t('supplierNoAddress')
                : null}
            </p>
          )}
          {problemsAt('supplier').length > 0 && <FieldErrors messages={problemsAt('supplier')} />}
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input
            label={t('vatId')}
            hintText={t('vatIdHint')}
            {...stateOf('supplierVatId')}
            nativeInputProps={{ ...reg('supplierVatId'), autoComplete: 'off' }}
          />
        </div>
      </fieldset>

      <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('recipientTitle')}</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <RecipientPicker
            id={placeId('recipient')}
            value={recipient}
            onChange={(choice) => {
              setValue('recipientIdentifier', choice?.identifier ?? '', { shouldDirty: true });
              setValue('recipientName', choice?.name ?? '', { shouldDirty: true });
            }}
            error={submitted || serverProblems.has('recipient') ? problemsAt('recipient') : []}
          />
          {recipient && recipientQuery.isLoading && <p role="status">{t('recipientLoading')}</p>}
        </div>
        {recipient && askService && (
          <div className={fr.cx('fr-fieldset__element')}>
            <Select
              label={
                <>
                  {t('service')} {serviceRequired ? t('required') : t('optional')}
                </>
              }
              hint={
                serviceRequired
                  ? t('serviceHintRequired')
                  : eitherRequired
                    ? t('serviceHintEither')
                    : undefined
              }
              {...stateOf('serviceCode')}
              nativeSelectProps={reg('serviceCode')}
            >
              <option value="">{t('serviceChoose')}</option>
              {services.map((s) => (
                <option key={s.id} value={s.code}>
                  {`${s.name} (${s.code})`}
                </option>
              ))}
            </Select>
          </div>
        )}
        {recipient && askCommitment && (
          <div className={fr.cx('fr-fieldset__element')}>
            <Input
              label={
                <>
                  {t('commitment')} {commitmentRequired ? t('required') : ''}
                </>
              }
              hintText={t('commitmentHint')}
              {...stateOf('commitmentNumber')}
              nativeInputProps={{ ...reg('commitmentNumber'), maxLength: 50 }}
            />
          </div>
        )}
      </fieldset>

      <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('invoiceTitle')}</legend>
        <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
          <Input
            label={
              <>
                {t('number')} {t('required')}
              </>
            }
            hintText={t('numberHint')}
            {...stateOf('number')}
            nativeInputProps={{
              ...reg('number', {
                validate: (s) => s.trim() !== '' || t('numberMissing'),
              }),
              maxLength: 20,
              autoComplete: 'off',
            }}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
          <Input
            label={
              <>
                {t('issueDate')} {t('required')}
              </>
            }
            {...stateOf('issueDate')}
            nativeInputProps={{
              ...reg('issueDate', { required: t('issueDateMissing') }),
              type: 'date',
            }}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
          <Select label={t('type')} {...stateOf('type')} nativeSelectProps={reg('type')}>
            {INVOICE_TYPES.map((k) => (
              <option key={k} value={k}>
                {t(k)}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
          <Select
            label={t('framework')}
            {...stateOf('framework')}
            nativeSelectProps={reg('framework')}
          >
            {FRAMEWORKS.map((k) => (
              <option key={k} value={k}>
                {t(k)}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
          <Select
            label={t('currency')}
            {...stateOf('currency')}
            nativeSelectProps={reg('currency')}
          >
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
          <Input
            label={t('dueDate')}
            {...stateOf('dueDate')}
            nativeInputProps={{ ...reg('dueDate'), type: 'date' }}
          />
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <Input
            label={t('paymentTerms')}
            hintText={t('paymentTermsHint')}
            {...stateOf('paymentTerms')}
            nativeInputProps={{ ...reg('paymentTerms'), maxLength: 500 }}
          />
        </div>
      </fieldset>

      <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')} id={placeId('lines')} tabIndex={-1}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('linesTitle')}</legend>
        {problemsAt('lines').length > 0 && (
          <div className={fr.cx('fr-fieldset__element')}>
            <FieldErrors messages={problemsAt('lines')} />
          </div>
        )}
        {lines.fields.map((field, i) => {
          const n = i + 1;
          const category = values.lines?.[i]?.vatCategory ?? 'S';
          const net = amounts.lineNets[i];
          const p = (f: string) => `lines.${i}.${f}` as Place;
          const number = {
            validate: (s: string) => DECIMAL.test(s.trim().replace(/\s/g, '')) || t('notANumber'),
          };
          return (
            <div key={field.id} className={fr.cx('fr-fieldset__element')}>
              <fieldset
                className={fr.cx('fr-fieldset', 'fr-p-2w')}
                style={{ border: '1px solid var(--border-default-grey)', margin: 0 }}
              >
                <legend className={fr.cx('fr-fieldset__legend', 'fr-text--lg')}>
                  {t('line', { n })}
                </legend>
                <div className={fr.cx('fr-fieldset__element')}>
                  <Input
                    label={t('lineName')}
                    {...stateOf(p('name'))}
                    nativeInputProps={{
                      ...reg(`lines.${i}.name`, {
                        validate: (s) => s.trim() !== '' || t('lineNameMissing'),
                      }),
                      maxLength: 200,
                    }}
                  />
                </div>
                <div className={fr.cx('fr-fieldset__element', 'fr-col-6', 'fr-col-md-3')}>
                  <Input
                    label={t('quantity')}
                    {...stateOf(p('quantity'))}
                    nativeInputProps={{
                      ...reg(`lines.${i}.quantity`, number),
                      inputMode: 'decimal',
                    }}
                  />
                </div>
                <div className={fr.cx('fr-fieldset__element', 'fr-col-6', 'fr-col-md-3')}>
                  <Select
                    label={t('unit')}
                    {...stateOf(p('unitCode'))}
                    nativeSelectProps={reg(`lines.${i}.unitCode`)}
                  >
                    {UNITS.map((u) => (
                      <option key={u} value={u}>
                        {t(`unit_${u}`)}
                      </option>
                    ))}
                  </Select>
                </div>
                <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
                  <Input
                    label={t('unitPrice')}
                    {...stateOf(p('unitPrice'))}
                    nativeInputProps={{
                      ...reg(`lines.${i}.unitPrice`, number),
                      inputMode: 'decimal',
                    }}
                  />
                </div>
                <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
                  <Select
                    label={t('vatCategory')}
                    {...stateOf(p('vatCategory'))}
                    nativeSelectProps={{
                      ...reg(`lines.${i}.vatCategory`),
                      onChange: (e) => {
                        const next = e.target.value;
                        setValue(`lines.${i}.vatCategory`, next, { shouldDirty: true });
                        // A category's usual rate, so only a deliberate choice differs from it.
                        if (NO_RATE_CATEGORIES.has(next)) setValue(`lines.${i}.vatRate`, '');
                        else if (next !== 'S') setValue(`lines.${i}.vatRate`, '0');
                        else if (!values.lines?.[i]?.vatRate || values.lines[i]?.vatRate === '0')
                          setValue(`lines.${i}.vatRate`, '20');
                      },
                    }}
                  >
                    {VAT_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {t(`cat_${c}`)}
                      </option>
                    ))}
                  </Select>
                </div>
                {!NO_RATE_CATEGORIES.has(category) && (
                  <div className={fr.cx('fr-fieldset__element', 'fr-col-12', 'fr-col-md-6')}>
                    <Input
                      label={t('vatRate')}
                      {...stateOf(p('vatRate'))}
                      nativeInputProps={{
                        ...reg(`lines.${i}.vatRate`, number),
                        inputMode: 'decimal',
                      }}
                    />
                  </div>
                )}
                <div className={fr.cx('fr-fieldset__element')}>
                  <p className={fr.cx('fr-mb-1w')} aria-live="off">
                    {net !== undefined
                      ? t('lineTotal', { amount: format.money(net, values.currency) })
                      : t('lineTotalUnknown')}
                  </p>
                  {lineCount > 1 && (
                    <Button
                      type="button"
                      priority="tertiary"
                      size="small"
                      iconId="fr-icon-delete-line"
                      onClick={() => lines.remove(i)}
                    >
                      {t('removeLine', { n })}
                    </Button>
                  )}
                </div>
              </fieldset>
            </div>
          );
        })}
        <div className={fr.cx('fr-fieldset__element')}>
          <Button
            type="button"
            priority="secondary"
            iconId="fr-icon-add-line"
            onClick={() => lines.append(emptyLine())}
          >
            {t('addLine')}
          </Button>
        </div>
      </fieldset>

      <section className={fr.cx('fr-mb-4w')} aria-labelledby="totals-title">
        <h2 id="totals-title" className={fr.cx('fr-h4')}>
          {t('totalsTitle')}
        </h2>
        <div id={placeId('totals')} tabIndex={-1}>
          {problemsAt('totals').length > 0 && <FieldErrors messages={problemsAt('totals')} />}
        </div>
        {amounts.breakdown.length === 0 ? (
          <p>{t('noLines')}</p>
        ) : (
          <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
            <div className={fr.cx('fr-table__wrapper')}>
              <div
                className={fr.cx('fr-table__container')}
                // Scrolls sideways on a phone: reachable and named for keyboard users.
                tabIndex={0}
                role="region"
                aria-label={t('vatTableCaption')}
              >
                <div className={fr.cx('fr-table__content')}>
                  <table>
                    <caption>{t('vatTableCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('colCategory')}</th>
                        <th scope="col">{t('colRate')}</th>
                        <th scope="col">{t('colTaxable')}</th>
                        <th scope="col">{t('colTax')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {amounts.breakdown.map((b) => (
                        <tr key={`${b.category}|${b.rate ?? ''}`}>
                          <td>{t(`cat_${b.category}` as `cat_S`)}</td>
                          <td>{b.rate === undefined ? '—' : `${format.number(b.rate)} %`}</td>
                          <td>{format.money(b.taxableAmount, values.currency)}</td>
                          <td>{format.money(b.taxAmount, values.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        )}
        {usedExempt.map((c) => (
          <Input
            key={c}
            label={t('exemption', { category: c })}
            hintText={t('exemptionHint')}
            {...stateOf(`exemptions.${c}`)}
            nativeInputProps={{ ...reg(`exemptions.${c}`), maxLength: 300 }}
          />
        ))}
        <div
          className={fr.cx('fr-mt-2w')}
          style={{ maxWidth: '24rem', marginLeft: 'auto' }}
          aria-live="polite"
          aria-atomic="true"
        >
          {(
            [
              ['totalNet', amounts.totals.withoutVat],
              ['totalVat', amounts.totals.vat],
              ['totalWithVat', amounts.totals.withVat],
              ['payable', amounts.totals.payable],
            ] as const
          ).map(([label, amount]) => (
            <p
              key={label}
              className={fr.cx('fr-mb-1v', label === 'payable' ? 'fr-text--bold' : undefined)}
              style={{ display: 'flex', justifyContent: 'space-between', gap: '1rem' }}
            >
              <span>{t(label)}</span>
              <span>{format.money(amount, values.currency)}</span>
            </p>
          ))}
        </div>
      </section>

      <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('filesTitle')}</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          {pdf ? (
            <p>{t('pdfGiven', { name: pdf.name })}</p>
          ) : (
            <Upload
              label={t('pdf')}
              hint={t('pdfHint')}
              state={problemsAt('pdf').length ? 'error' : 'default'}
              stateRelatedMessage={<Lines messages={problemsAt('pdf')} />}
              nativeInputProps={{
                id: placeId('pdf'),
                accept: 'application/pdf,.pdf',
                onChange: (e) => setOwnPdf(e.target.files?.[0]),
              }}
            />
          )}
        </div>
        <div className={fr.cx('fr-fieldset__element')}>
          <AttachmentsPicker
            inputId={placeId('attachments')}
            attachments={attachments}
            setAttachments={setAttachments}
            error={
              problemsAt('attachments').length ? (
                <Lines messages={problemsAt('attachments')} />
              ) : undefined
            }
          />
          <p className={fr.cx('fr-text--sm', 'fr-mt-1w')}>{t('filesNotKept')}</p>
        </div>
      </fieldset>

      {progress !== undefined && sending && (
        <p>
          <label htmlFor="deposit-progress">
            {t('progress', { percent: Math.round(progress * 100) })}
          </label>{' '}
          <progress id="deposit-progress" max={1} value={progress} />
        </p>
      )}
      {!engine && <p className={fr.cx('fr-text--sm')}>{t('engineLoading')}</p>}
      <Button type="submit" disabled={sending || !supplier}>
        {sending ? t('sending') : t('submit')}
      </Button>
    </form>
  );
}
