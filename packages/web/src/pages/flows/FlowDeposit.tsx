import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Upload as DsfrUpload } from '@codegouvfr/react-dsfr/Upload';
import { api, data } from '../../api/client';
import { uploadForm } from '../../api/upload';
import { defineMessages, useFormat, useLang, useT } from '../../app/i18n';
import { useAbilities, useSession } from '../../app/session';
import { ErrorMessage, errorState, Loading, PageTitle } from '../../app/ui';
import {
  fileProblem,
  invoiceSyntaxes,
  isFinal,
  LIVE_INTERVAL_MS,
  suggestedSyntax,
  type FlowDeposited,
  type FlowSettings,
  type InvoiceSyntaxKind,
} from './flow-model';
import { useFlowSettings } from './flow-settings';
import { FlowStateAnnouncer } from './FlowStateAnnouncer';
import { FlowStateBadge } from './flow-states';

const messages = defineMessages({
  fr: {
    title: 'Déposer un flux',
    intro:
      'Un flux est un fichier qui porte une ou plusieurs factures : une archive .zip ou .tar.gz de factures, ou une facture seule (XML ou PDF Factur-X). Chorale l’intègre facture par facture et vous rend un compte rendu.',
    limitsTitle: 'Limites',
    limitEntries: 'une archive contient au plus {entries} factures\u202f;',
    limitInvoice: 'chaque facture (seule ou dans l’archive) pèse au plus {invoice}\u202f;',
    limitFlow: 'le fichier déposé pèse au plus {flow}\u202f;',
    limitSyntax: 'toutes les factures d’un flux sont de la syntaxe choisie ci-dessous.',
    file: 'Fichier du flux',
    fileHint: '.zip, .tar.gz, .xml ou .pdf',
    syntax: 'Syntaxe des factures',
    syntaxHint: 'Le format dans lequel votre logiciel a produit les factures du flux.',
    ubl: 'UBL 2.1 (XML)',
    ublHint: 'Factures XML au format UBL, le plus courant des logiciels européens.',
    cii: 'CII D16B (XML)',
    ciiHint: 'Factures XML au format Cross Industry Invoice des Nations unies.',
    facturx: 'Factur-X (PDF)',
    facturxHint: 'PDF lisibles qui portent chacun leur facture XML, intégrée au fichier.',
    codeLabel: 'Code :',
    chooseFile: 'Choisissez le fichier du flux.',
    tooLarge: 'Ce fichier dépasse {flow} : la plateforme ne l’accepterait pas.',
    invoiceTooLarge:
      'Une facture seule pèse au plus {invoice} : mettez-la dans une archive .zip si elle est plus lourde, ou réduisez-la.',
    pdfNotFacturX: 'Un PDF ne peut être déposé qu’en Factur-X : choisissez cette syntaxe.',
    xmlIsFacturX: 'Un fichier XML est une facture UBL ou CII : la syntaxe Factur-X attend des PDF.',
    send: 'Déposer le flux',
    sending: 'Envoi en cours…',
    progress: 'Envoi : {percent} %',
    refused: 'Le flux n’a pas été reçu',
    doneTitle: 'Flux reçu',
    doneText: 'Le flux {number} ({name}) a été reçu le {date}.',
    doneState: 'État :',
    doneLive:
      'Son intégration se fait en arrière-plan : cette page et la liste de vos flux se mettent à jour d’elles-mêmes.',
    seeReport: 'Voir le compte rendu',
    seeList: 'Voir tous mes flux',
    another: 'Déposer un autre flux',
    cannotSend:
      'Vous n’avez pas le droit de déposer des factures pour cette structure (espace « Factures émises »).',
  },
  en: {
    title: 'Deposit a flow',
    intro:
      'A flow is a file carrying one or more invoices: a .zip or .tar.gz archive of invoices, or a single invoice (XML or Factur-X PDF). Chorale integrates it invoice by invoice and gives you a report.',
    limitsTitle: 'Limits',
    limitEntries: 'an archive holds at most {entries} invoices;',
    limitInvoice: 'each invoice (alone or in the archive) weighs at most {invoice};',
    limitFlow: 'the deposited file weighs at most {flow};',
    limitSyntax: 'every invoice of a flow is of the syntax chosen below.',
    file: 'Flow file',
    fileHint: '.zip, .tar.gz, .xml or .pdf',
    syntax: 'Syntax of the invoices',
    syntaxHint: 'The format in which your software produced the flow’s invoices.',
    ubl: 'UBL 2.1 (XML)',
    ublHint: 'XML invoices in the UBL format, the most common in European software.',
    cii: 'CII D16B (XML)',
    ciiHint: 'XML invoices in the United Nations’ Cross Industry Invoice format.',
    facturx: 'Factur-X (PDF)',
    facturxHint: 'Readable PDFs each carrying its XML invoice inside the file.',
    codeLabel: 'Code:',
    chooseFile: 'Choose the flow’s file.',
    tooLarge: 'This file is larger than {flow}: the platform would not accept it.',
    invoiceTooLarge:
      'A single invoice weighs at most {invoice}: put it in a .zip archive if it is larger, or make it smaller.',
    pdfNotFacturX: 'A PDF can only be deposited as Factur-X: choose that syntax.',
    xmlIsFacturX: 'An XML file is a UBL or CII invoice: the Factur-X syntax expects PDFs.',
    send: 'Deposit the flow',
    sending: 'Sending…',
    progress: 'Sending: {percent} %',
    refused: 'The flow was not received',
    doneTitle: 'Flow received',
    doneText: 'Flow {number} ({name}) was received on {date}.',
    doneState: 'State:',
    doneLive:
      'It is integrated in the background: this page and the list of your flows update by themselves.',
    seeReport: 'See the report',
    seeList: 'See all my flows',
    another: 'Deposit another flow',
    cannotSend: 'You have no right to deposit invoices for this structure (“Sent invoices” space).',
  },
});

/** Sizes as the page states them: the server's limits are whole megabytes or gigabytes. */
function sizeText(bytes: number, unit: { mb: string; gb: string }, number: (n: number) => string) {
  const MiB = 1024 * 1024;
  return bytes >= 1024 * MiB
    ? `${number(bytes / (1024 * MiB))} ${unit.gb}`
    : `${number(bytes / MiB)} ${unit.mb}`;
}

/** /fournisseur/flux/depot: a flow file and its syntax, sent with its progress shown. */
export default function FlowDeposit() {
  const t = useT(messages);
  const { current } = useSession();
  const { canSend } = useAbilities();
  const settings = useFlowSettings();
  if (!current) return <Loading />;
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p className={fr.cx('fr-text--lead')}>{t('intro')}</p>
      {!canSend ? (
        <Alert severity="warning" small description={t('cannotSend')} />
      ) : settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorMessage error={settings.error} />
      ) : (
        <DepositForm structure={current.structure.identifier} settings={settings.data} />
      )}
    </>
  );
}

function DepositForm({ structure, settings }: { structure: string; settings: FlowSettings }) {
  const t = useT(messages);
  const format = useFormat();
  const [file, setFile] = useState<File>();
  const [syntax, setSyntax] = useState<InvoiceSyntaxKind>('ubl');
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState<number>();
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<{ reply: FlowDeposited; name: string }>();
  // One key per chosen file: a retry after a network failure gives back the same flow.
  const idempotencyKey = useRef<string>(crypto.randomUUID());
  const fileInput = useRef<HTMLInputElement>(null);

  const { lang } = useLang();
  const units = lang === 'fr' ? { mb: 'Mo', gb: 'Go' } : { mb: 'MB', gb: 'GB' };
  const { limits } = settings;
  const syntaxes = invoiceSyntaxes(settings);
  const sizes = {
    entries: format.number(limits.maxEntries),
    invoice: sizeText(limits.maxInvoiceBytes, units, format.number),
    flow: sizeText(limits.maxFlowBytes, units, format.number),
  };

  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setFileError(undefined);
    setFailure(undefined);
    idempotencyKey.current = crypto.randomUUID();
    const suggested = chosen && suggestedSyntax(chosen.name);
    if (suggested) setSyntax(suggested);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (!file) {
      setFileError(t('chooseFile'));
      fileInput.current?.focus();
      return;
    }
    const problem = fileProblem(file, syntax, limits);
    if (problem) {
      setFileError(t(problem, sizes));
      fileInput.current?.focus();
      return;
    }
    const code = syntaxes.find((s) => s.kind === syntax)!.code;
    // The server reads the fields before the file part: they must come first.
    const form = new FormData();
    form.append('syntaxeFlux', code);
    form.append('nomFichier', file.name);
    form.append('structure', structure);
    form.append('flow', file, file.name);
    setProgress(0);
    try {
      const reply = await uploadForm<FlowDeposited>({
        url: '/api/v1/flows',
        form,
        expect: 202,
        idempotencyKey: idempotencyKey.current,
        onProgress: setProgress,
      });
      setDone({ reply, name: file.name });
      setTimeout(() => document.getElementById('flow-done')?.focus(), 0);
    } catch (error) {
      setFailure(error);
      setTimeout(() => document.getElementById('flow-failure')?.focus(), 0);
    } finally {
      setProgress(undefined);
    }
  };

  const restart = () => {
    setDone(undefined);
    choose(undefined);
  };

  if (done) {
    return (
      <Deposited
        reply={done.reply}
        name={done.name}
        finalStates={settings.finalStates}
        onAnother={restart}
      />
    );
  }

  const sending = progress !== undefined;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <section aria-labelledby="flow-limits" className={fr.cx('fr-mb-3w')}>
        <h2 id="flow-limits" className={fr.cx('fr-h6', 'fr-mb-1w')}>
          {t('limitsTitle')}
        </h2>
        <ul>
          <li>{t('limitEntries', sizes)}</li>
          <li>{t('limitInvoice', sizes)}</li>
          <li>{t('limitFlow', sizes)}</li>
          <li>{t('limitSyntax')}</li>
        </ul>
      </section>
      <DsfrUpload
        label={t('file')}
        hint={t('fileHint')}
        className={fr.cx('fr-mb-3w')}
        {...errorState(fileError)}
        nativeInputProps={{
          id: 'flow-file',
          ref: fileInput,
          accept:
            '.zip,.tar.gz,.tgz,.xml,.pdf,application/zip,application/gzip,application/xml,text/xml,application/pdf',
          onChange: (e) => choose(e.target.files?.[0]),
        }}
      />
      <RadioButtons
        legend={t('syntax')}
        hintText={t('syntaxHint')}
        name="syntaxeFlux"
        options={syntaxes.map((s) => ({
          label: t(s.kind),
          hintText: (
            <>
              {t(`${s.kind}Hint`)}{' '}
              <span className={fr.cx('fr-text--xs')}>
                {t('codeLabel')} <code>{s.code}</code>
              </span>
            </>
          ),
          nativeInputProps: {
            value: s.code,
            checked: syntax === s.kind,
            onChange: () => {
              setSyntax(s.kind);
              setFileError(undefined);
            },
          },
        }))}
      />
      {sending && (
        <p>
          <label htmlFor="flow-progress">
            {t('progress', { percent: Math.round((progress ?? 0) * 100) })}
          </label>{' '}
          <progress id="flow-progress" max={1} value={progress} />
        </p>
      )}
      <div id="flow-failure" tabIndex={-1}>
        {failure !== undefined && <ErrorMessage error={failure} title={t('refused')} />}
      </div>
      <Button type="submit" disabled={sending}>
        {sending ? t('sending') : t('send')}
      </Button>
    </form>
  );
}

/** The answer: the flow's number and its state, followed live until it is final. */
function Deposited({
  reply,
  name,
  finalStates,
  onAnother,
}: {
  reply: FlowDeposited;
  name: string;
  finalStates: FlowSettings['finalStates'];
  onAnother: () => void;
}) {
  const t = useT(messages);
  const format = useFormat();
  const flow = useQuery({
    queryKey: ['flows', reply.id],
    queryFn: async () =>
      data(await api.GET('/api/v1/flows/{id}', { params: { path: { id: reply.id } } })),
    refetchInterval: (q) =>
      q.state.data && isFinal(q.state.data.etat, finalStates) ? false : LIVE_INTERVAL_MS,
  });
  const state = flow.data?.etat ?? reply.etat;
  return (
    <div>
      <h2 id="flow-done" tabIndex={-1}>
        {t('doneTitle')}
      </h2>
      <Alert
        severity="success"
        small
        description={t('doneText', {
          number: reply.numeroFluxDepot,
          name,
          date: format.dateTime(reply.dateDepot),
        })}
        className={fr.cx('fr-mb-2w')}
      />
      <p>
        {t('doneState')} <FlowStateBadge state={state} />
      </p>
      {!isFinal(state, finalStates) && <p className={fr.cx('fr-text--sm')}>{t('doneLive')}</p>}
      <FlowStateAnnouncer flows={flow.data ? [flow.data] : undefined} />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Link className={fr.cx('fr-btn')} to={`/fournisseur/flux/${reply.id}`}>
            {t('seeReport')}
          </Link>
        </li>
        <li>
          <Link className={fr.cx('fr-btn', 'fr-btn--secondary')} to="/fournisseur/flux">
            {t('seeList')}
          </Link>
        </li>
        <li>
          <Button priority="tertiary" type="button" onClick={onAnother}>
            {t('another')}
          </Button>
        </li>
      </ul>
    </div>
  );
}
