import { useState, type DragEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Upload as DsfrUpload } from '@codegouvfr/react-dsfr/Upload';
import { defineMessages, useLang, useT } from '../../app/i18n';
import { TableFrame } from '../../app/DataTable';
import { useAbilities, useSession } from '../../app/session';
import { Loading, PageTitle, useErrorText } from '../../app/ui';
import { AttachmentsPicker } from './AttachmentsPicker';
import { DepositDone } from './DepositDone';
import { FRAMEWORKS } from './form-model';
import { InvoiceForm } from './InvoiceForm';
import { loadEngine } from './load-engine';
import { formMessages } from './messages';
import { refusalOf, sendDeposit, type DepositReply } from './send-deposit';
import { api } from '../../api/client';
import {
  AmountConfirm,
  focusAmountConfirm,
  needsConfirmation,
  useConfirmAbove,
} from './AmountConfirm';
import { ProblemText } from './field-problems';
import { withRef } from './problems';
import type { Engine } from './load-engine';

const messages = defineMessages({
  fr: {
    title: 'Déposer une facture',
    intro:
      'Déposez le fichier de la facture : XML (UBL 2.1 ou CII D16B), PDF Factur-X, ou PDF simple dont vous saisirez alors les données.',
    drop: 'Glissez-déposez le fichier ici, ou choisissez-le :',
    file: 'Fichier de la facture',
    fileHint: 'XML ou PDF, 10 Mo au plus',
    reading: 'Lecture et contrôle du fichier…',
    kindXml: '{name} : facture XML {syntax}.',
    kindFacturX: '{name} : PDF Factur-X (profil {profile}).',
    kindPlain:
      '{name} : PDF simple, sans facture structurée. Saisissez ses données ci-dessous : elles seront envoyées avec le PDF.',
    unreadable: 'Ce fichier ne peut pas être lu comme une facture :',
    notInvoice: 'Ce fichier n’est ni un XML ni un PDF.',
    tooLarge: 'Ce fichier dépasse 10 Mo : la plateforme ne l’accepterait pas.',
    valid:
      'Aucun problème bloquant : la facture {number} respecte la norme EN 16931 et peut être acheminée à {recipient}.',
    routing: 'Contrôle du destinataire, du service et de l’engagement…',
    routingRefused: 'La facture {number} serait refusée :',
    invalid: 'La facture enfreint {count} règle(s) de la norme EN 16931 : elle serait refusée.',
    verdictCaption: 'Problèmes relevés, règle par règle',
    colMessage: 'Problème (règle, termes)',
    colWhere: 'Emplacement',
    colLine: 'Ligne',
    colFlag: 'Gravité',
    fatal: 'Bloquant',
    warning: 'Remarque',
    send: 'Déposer la facture',
    sending: 'Envoi en cours…',
    other: 'Choisir un autre fichier',
    anotherFile: 'Déposer une autre facture',
    refused: 'La facture a été refusée',
  },
  en: {
    title: 'Upload an invoice',
    intro:
      'Upload the invoice file: XML (UBL 2.1 or CII D16B), a Factur-X PDF, or a plain PDF whose data you then key in.',
    drop: 'Drag and drop the file here, or choose it:',
    file: 'Invoice file',
    fileHint: 'XML or PDF, at most 10 MB',
    reading: 'Reading and checking the file…',
    kindXml: '{name}: {syntax} XML invoice.',
    kindFacturX: '{name}: Factur-X PDF (profile {profile}).',
    kindPlain:
      '{name}: plain PDF, with no structured invoice. Key in its data below: they are sent with the PDF.',
    unreadable: 'This file cannot be read as an invoice:',
    notInvoice: 'This file is neither XML nor PDF.',
    tooLarge: 'This file is larger than 10 MB: the platform would not accept it.',
    valid:
      'No blocking problem: invoice {number} meets the EN 16931 standard and can be routed to {recipient}.',
    routing: 'Checking the recipient, the service and the commitment…',
    routingRefused: 'Invoice {number} would be refused:',
    invalid: 'The invoice breaks {count} EN 16931 rule(s): it would be refused.',
    verdictCaption: 'Problems found, rule by rule',
    colMessage: 'Problem (rule, terms)',
    colWhere: 'Location',
    colLine: 'Line',
    colFlag: 'Severity',
    fatal: 'Blocking',
    warning: 'Remark',
    send: 'Deposit the invoice',
    sending: 'Sending…',
    other: 'Choose another file',
    anotherFile: 'Upload another invoice',
    refused: 'The invoice was refused',
  },
});

/** One row of a verdict: the browser's own check or the server's refusal details. */
interface VerdictRow {
  id: string;
  flag: 'fatal' | 'warning';
  terms: string[];
  message: string;
  path: string;
  line: number;
}

type Checked =
  | { kind: 'reading'; file: File }
  | { kind: 'error'; file: File; messages: string[] }
  | { kind: 'plain'; file: File }
  | {
      kind: 'structured';
      file: File;
      label: string;
      rows: VerdictRow[];
      fatal: number;
      /** What the engine read: the invoice number (BT-1) and total with VAT (BT-112). */
      number?: string | undefined;
      total?: string | undefined;
      currency?: string | undefined;
      /** The deposit's routing checks, run by the server once the rules pass. */
      routing?: Routing | undefined;
    };

/** The routing pre-check: running, passed (to whom), or the refusal the deposit would give. */
type Routing =
  | { kind: 'checking' }
  | { kind: 'ok'; number: string; recipient: string }
  | { kind: 'refused'; message: string };

type ReadInvoice = NonNullable<ReturnType<Engine['validate']>['invoice']>;

/** The routing terms of an invoice, as POST /invoices/routing-check takes them. */
function routingFields(i: ReadInvoice) {
  const id = (x: { value: string; scheme?: string | undefined } | undefined) =>
    x ? { value: x.value, ...(x.scheme !== undefined ? { scheme: x.scheme } : {}) } : undefined;
  return {
    id: i.id,
    issueDate: i.issueDate,
    typeCode: i.typeCode,
    currencyCode: i.currencyCode,
    buyerReference: i.buyerReference,
    purchaseOrderReference: i.purchaseOrderReference,
    seller: i.seller && {
      identifiers: i.seller.identifiers.map((x) => id(x)!),
      legalRegistration: id(i.seller.legalRegistration),
    },
    buyer: i.buyer && {
      identifier: id(i.buyer.identifier),
      legalRegistration: id(i.buyer.legalRegistration),
    },
  };
}

/** The API takes invoice files of 10 MB at most. */
const MAX_INVOICE_BYTES = 10 * 1024 * 1024;

const startsWithPdf = (b: Uint8Array) =>
  b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46; // %PDF

/** Upload (/fournisseur/depot): drop a file, see the verdict, deposit it. */
export default function Upload() {
  const t = useT(messages);
  const tf = useT(formMessages);
  const { lang } = useLang();
  const { current } = useSession();
  const { canSend } = useAbilities();
  const [checked, setChecked] = useState<Checked>();
  const [dragging, setDragging] = useState(false);
  const [framework, setFramework] = useState<string>(FRAMEWORKS[0]);
  const [attachments, setAttachments] = useState<File[]>([]);
  const [progress, setProgress] = useState<number>();
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; rows: VerdictRow[] }>();
  const [done, setDone] = useState<DepositReply>();
  const errorText = useErrorText();
  const confirmAbove = useConfirmAbove();
  const [amountConfirmed, setAmountConfirmed] = useState(false);
  const [confirmTried, setConfirmTried] = useState(false);

  /** The deposit's routing checks on what the file names; the result lands on `checked`. */
  const checkRouting = async (file: File, invoice: ReadInvoice) => {
    let routing: Routing;
    try {
      const { data } = await api.POST('/api/v1/invoices/routing-check', {
        body: routingFields(invoice),
      });
      routing = {
        kind: 'ok',
        number: data?.number ?? invoice.id ?? '',
        recipient: data ? `${data.recipient.name} (${data.recipient.identifier})` : '',
      };
    } catch (error) {
      const r = refusalOf(error);
      routing = { kind: 'refused', message: r?.message?.[lang] ?? errorText(error) };
    }
    setChecked((c) => (c?.kind === 'structured' && c.file === file ? { ...c, routing } : c));
  };

  const check = async (file: File) => {
    setRefusal(undefined);
    setAmountConfirmed(false);
    setConfirmTried(false);
    if (file.size > MAX_INVOICE_BYTES) {
      setChecked({ kind: 'error', file, messages: [t('tooLarge')] });
      return;
    }
    setChecked({ kind: 'reading', file });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const engine = await loadEngine().catch(() => undefined);
    if (!engine) {
      // The checker could not be loaded (network): the server judges the file on its own.
      setChecked({ kind: 'structured', file, label: file.name, rows: [], fatal: 0 });
      return;
    }
    const rowsOf = (report: ReturnType<typeof engine.validate>): VerdictRow[] =>
      report.findings.map((f) => ({
        id: f.id,
        flag: f.flag,
        terms: engine.ruleMessage(f.id)?.terms ?? [],
        message: f.message,
        path: f.path,
        line: f.line,
      }));
    let xml: Uint8Array = bytes;
    let label: string;
    // The PDF's own problems (PDF/A-3, attachment, profile) come first in the verdict.
    let pdfRows: VerdictRow[] = [];
    if (startsWithPdf(bytes)) {
      const pdf = await engine.readPdf(bytes);
      if (pdf.kind === 'plain') {
        setChecked({ kind: 'plain', file });
        return;
      }
      if (pdf.kind === 'unreadable') {
        setChecked({ kind: 'error', file, messages: pdf.problems.map((p) => p.message[lang]) });
        return;
      }
      xml = pdf.xml;
      pdfRows = pdf.problems.map((p) => ({
        id: p.code,
        flag: p.flag,
        terms: [],
        message: p.message[lang],
        path: pdf.filename,
        line: 0,
      }));
      label = t('kindFacturX', { name: file.name, profile: pdf.profile ?? '—' });
    } else {
      label = '';
    }
    const report = engine.validate(xml, { lang });
    if (report.valid === null) {
      setChecked({
        kind: 'error',
        file,
        messages: [report.error?.message ?? t('notInvoice')],
      });
      return;
    }
    if (!label) label = t('kindXml', { name: file.name, syntax: report.syntax ?? '' });
    const fatal = report.fatal.length + pdfRows.filter((r) => r.flag === 'fatal').length;
    const invoice = report.invoice;
    setChecked({
      kind: 'structured',
      file,
      label,
      rows: [...pdfRows, ...rowsOf(report)],
      fatal,
      number: invoice?.id,
      total: invoice?.totals?.taxInclusiveAmount,
      currency: invoice?.currencyCode,
      routing: fatal === 0 && invoice ? { kind: 'checking' } : undefined,
    });
    // "No blocking problem" waits for the routing: a file the deposit would refuse for its
    // recipient, service or commitment is not announced as fine.
    if (fatal === 0 && invoice) await checkRouting(file, invoice);
  };

  const choose = (file: File | undefined) => {
    if (file) void check(file);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };

  /** The server words rule details in English; French readers get the catalogue's text. */
  const frenchOr = (fr: string | undefined, en: string) =>
    // A catalogue text with placeholders needs the finding's values, which only English carries.
    lang === 'fr' && fr && !fr.includes('{') ? fr : en;

  const askAmount =
    checked?.kind === 'structured' && needsConfirmation(checked.total, confirmAbove);

  const send = async () => {
    if (checked?.kind !== 'structured') return;
    if (askAmount && !amountConfirmed) {
      setConfirmTried(true);
      focusAmountConfirm('upload-confirm-amount');
      return;
    }
    setSending(true);
    setRefusal(undefined);
    setProgress(0);
    try {
      const reply = await sendDeposit({
        metadata: { framework },
        invoice: checked.file,
        attachments,
        onProgress: setProgress,
        idempotencyKey: crypto.randomUUID(),
      });
      setDone(reply);
      setTimeout(() => document.getElementById('deposit-done')?.focus(), 0);
    } catch (error) {
      const r = refusalOf(error);
      const engine = await loadEngine().catch(() => undefined);
      setRefusal({
        message: r?.message?.[lang] ?? errorText(error),
        // The server lists each broken rule as "[BR-xx] message" at a path.
        rows: (r?.details ?? []).map((d) => {
          const m = /^\[([^\]]+)\]\s*(.*)$/.exec(d.message);
          const id = m?.[1] ?? '';
          return {
            id,
            flag: 'fatal' as const,
            terms: id ? (engine?.ruleMessage(id)?.terms ?? []) : [],
            message: frenchOr(engine?.ruleMessage(id)?.fr, m?.[2] ?? d.message),
            path: d.pointer ?? '',
            line: 0,
          };
        }),
      });
      setTimeout(() => document.getElementById('upload-refusal')?.focus(), 0);
    } finally {
      setSending(false);
    }
  };

  const restart = () => {
    setChecked(undefined);
    setAttachments([]);
    setRefusal(undefined);
    setDone(undefined);
    setAmountConfirmed(false);
    setConfirmTried(false);
  };

  if (!current) return <Loading />;
  if (!canSend) {
    return (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <Alert severity="warning" small description={tf('cannotSend')} />
      </>
    );
  }

  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p className={fr.cx('fr-text--lead')}>{t('intro')}</p>
      {done && checked ? (
        <DepositDone
          reply={done}
          number={(checked.kind === 'structured' && checked.number) || checked.file.name}
          anotherLabel={t('anotherFile')}
          onAnother={restart}
        />
      ) : (
        <>
          <div
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="dropzone"
            className={fr.cx('fr-p-3w', 'fr-mb-3w')}
            style={{
              border: `2px dashed ${dragging ? 'var(--border-action-high-blue-france)' : 'var(--border-default-grey)'}`,
              background: dragging ? 'var(--background-alt-blue-france)' : undefined,
            }}
          >
            <p>{t('drop')}</p>
            <DsfrUpload
              label={t('file')}
              hint={t('fileHint')}
              nativeInputProps={{
                id: 'invoice-file',
                accept: '.xml,.pdf,application/xml,text/xml,application/pdf',
                onChange: (e) => {
                  choose(e.target.files?.[0]);
                  e.target.value = '';
                },
              }}
            />
          </div>

          {checked?.kind === 'reading' && <Loading label={t('reading')} />}
          {checked?.kind === 'error' && (
            <Alert
              severity="error"
              as="h2"
              title={t('unreadable')}
              description={
                <ul>
                  {checked.messages.map((m, i) => (
                    <li key={i}>{m}</li>
                  ))}
                </ul>
              }
            />
          )}
          {checked?.kind === 'plain' && (
            <>
              <p>{t('kindPlain', { name: checked.file.name })}</p>
              <InvoiceForm
                key={`${checked.file.name}-${checked.file.size}`}
                pdf={checked.file}
                draftName="upload"
                onAnother={restart}
              />
            </>
          )}
          {checked?.kind === 'structured' && (
            <section aria-labelledby="verdict-title">
              <h2 id="verdict-title" className={fr.cx('fr-h4')}>
                {checked.label}
              </h2>
              {checked.fatal > 0 && (
                <Alert
                  severity="error"
                  small
                  description={t('invalid', { count: checked.fatal })}
                  className={fr.cx('fr-mb-2w')}
                />
              )}
              {checked.routing?.kind === 'checking' && <Loading label={t('routing')} />}
              {checked.routing?.kind === 'refused' && (
                <Alert
                  severity="error"
                  as="h3"
                  title={t('routingRefused', { number: checked.number ?? checked.file.name })}
                  description={checked.routing.message}
                  className={fr.cx('fr-mb-2w')}
                />
              )}
              {checked.fatal === 0 &&
                (checked.routing === undefined || checked.routing.kind === 'ok') && (
                  <Alert
                    severity="success"
                    small
                    description={t('valid', {
                      number: checked.routing?.number ?? checked.number ?? checked.file.name,
                      recipient: checked.routing?.recipient ?? '—',
                    })}
                    className={fr.cx('fr-mb-2w')}
                  />
                )}
              {checked.rows.length > 0 && <VerdictTable rows={checked.rows} />}
              {checked.fatal === 0 &&
                checked.routing?.kind !== 'refused' &&
                checked.routing?.kind !== 'checking' && (
                  <div className={fr.cx('fr-mt-3w')}>
                    <Select
                      label={tf('framework')}
                      nativeSelectProps={{
                        id: 'upload-framework',
                        value: framework,
                        onChange: (e) => setFramework(e.target.value),
                      }}
                    >
                      {FRAMEWORKS.map((k) => (
                        <option key={k} value={k}>
                          {tf(k)}
                        </option>
                      ))}
                    </Select>
                    <AttachmentsPicker
                      inputId="upload-attachments"
                      attachments={attachments}
                      setAttachments={setAttachments}
                    />
                    {askAmount && confirmAbove && checked.total && (
                      <AmountConfirm
                        id="upload-confirm-amount"
                        total={checked.total}
                        currency={checked.currency ?? 'EUR'}
                        threshold={confirmAbove}
                        checked={amountConfirmed}
                        onChange={setAmountConfirmed}
                        showError={confirmTried}
                      />
                    )}
                    {sending && progress !== undefined && (
                      <p>
                        <label htmlFor="upload-progress">
                          {tf('progress', { percent: Math.round(progress * 100) })}
                        </label>{' '}
                        <progress id="upload-progress" max={1} value={progress} />
                      </p>
                    )}
                    <div id="upload-refusal" tabIndex={-1}>
                      {refusal && (
                        <>
                          <Alert
                            severity="error"
                            as="h3"
                            title={t('refused')}
                            description={refusal.message}
                            className={fr.cx('fr-my-2w')}
                          />
                          {refusal.rows.length > 0 && <VerdictTable rows={refusal.rows} />}
                        </>
                      )}
                    </div>
                    <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-2w')}>
                      <li>
                        <Button type="button" disabled={sending} onClick={() => void send()}>
                          {sending ? t('sending') : t('send')}
                        </Button>
                      </li>
                      <li>
                        <Button type="button" priority="secondary" onClick={restart}>
                          {t('other')}
                        </Button>
                      </li>
                    </ul>
                  </div>
                )}
            </section>
          )}
        </>
      )}
    </>
  );
}

function VerdictTable({ rows }: { rows: VerdictRow[] }) {
  const t = useT(messages);
  return (
    <TableFrame caption={t('verdictCaption')} className={fr.cx('fr-table')}>
      <thead>
        <tr>
          <th scope="col">{t('colMessage')}</th>
          <th scope="col">{t('colFlag')}</th>
          <th scope="col">{t('colWhere')}</th>
          <th scope="col">{t('colLine')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>
              <ProblemText message={r.id ? withRef(r.message, r.id, r.terms) : r.message} />
            </td>
            <td>{r.flag === 'fatal' ? t('fatal') : t('warning')}</td>
            <td>
              <code style={{ wordBreak: 'break-all' }}>{r.path}</code>
            </td>
            <td>{r.line > 0 ? r.line : '—'}</td>
          </tr>
        ))}
      </tbody>
    </TableFrame>
  );
}
