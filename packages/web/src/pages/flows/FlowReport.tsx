import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SegmentedControl } from '@codegouvfr/react-dsfr/SegmentedControl';
import { api, data } from '../../api/client';
import { DataTable, type Column } from '../../app/DataTable';
import { defineMessages, useFormat, useLang, useT } from '../../app/i18n';
import { ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { isNotFound } from '../invoices/common';
import { REFUSALS, type RefusalCode } from '../help/refusals';
import {
  isFinal,
  LIVE_INTERVAL_MS,
  type EntryError,
  type FlowState,
  type FlowSummary,
  type ReportEntry,
} from './flow-model';
import { useFlowSettings } from './flow-settings';
import { FlowStateAnnouncer } from './FlowStateAnnouncer';
import { FlowStateBadge, flowStateHelp } from './flow-states';

const messages = defineMessages({
  fr: {
    flows: 'Mes flux',
    title: 'Flux {number}',
    notFound: 'Ce flux n’existe pas, ou il n’est pas celui de votre structure.',
    summary: 'Résumé du flux',
    file: 'Fichier',
    syntax: 'Syntaxe',
    deposited: 'Déposé le',
    finished: 'Intégration terminée le',
    state: 'État',
    counts: 'Factures',
    countsText: '{accepted} acceptée(s), {refused} refusée(s) sur {total}',
    countsPending: '{accepted} acceptée(s), {refused} refusée(s) pour l’instant',
    live: 'L’intégration est en cours : cette page se met à jour d’elle-même.',
    flowError: 'Le flux entier a été refusé',
    downloads: 'Télécharger le compte rendu',
    csv: 'Compte rendu CSV',
    csvHint: 'tableur, une ligne par facture acceptée et par erreur',
    pdf: 'Compte rendu PDF',
    entries: 'Les factures du flux',
    show: 'Afficher',
    showAll: 'Toutes ({count})',
    showRefused: 'Refusées ({count})',
    showAccepted: 'Acceptées ({count})',
    caption: 'Factures du flux {number}',
    colIndex: 'N°',
    colName: 'Entrée',
    colNumber: 'Numéro de facture',
    colOutcome: 'Résultat',
    colDetail: 'Détail',
    accepted: 'Acceptée',
    refused: 'Refusée',
    seeInvoice: 'Voir la facture {number}',
    rule: 'Règle {rule}',
    field: 'Champ {field}',
    where: 'Ligne {line}',
    code: 'Code {code}',
    helpCode: 'Comprendre ce refus : {title}',
    helpCodes: 'Les codes de refus',
    noEntries: 'Aucune facture à afficher.',
    more: 'Afficher {count} factures de plus',
    shownOf: '{shown} facture(s) affichée(s) sur {total}.',
  },
  en: {
    flows: 'My flows',
    title: 'Flow {number}',
    notFound: 'This flow does not exist, or it is not your structure’s.',
    summary: 'Flow summary',
    file: 'File',
    syntax: 'Syntax',
    deposited: 'Deposited on',
    finished: 'Integration finished on',
    state: 'State',
    counts: 'Invoices',
    countsText: '{accepted} accepted, {refused} refused out of {total}',
    countsPending: '{accepted} accepted, {refused} refused so far',
    live: 'Integration is under way: this page updates by itself.',
    flowError: 'The whole flow was refused',
    downloads: 'Download the report',
    csv: 'CSV report',
    csvHint: 'spreadsheet, one row per accepted invoice and per error',
    pdf: 'PDF report',
    entries: 'The flow’s invoices',
    show: 'Show',
    showAll: 'All ({count})',
    showRefused: 'Refused ({count})',
    showAccepted: 'Accepted ({count})',
    caption: 'Invoices of flow {number}',
    colIndex: 'No.',
    colName: 'Entry',
    colNumber: 'Invoice number',
    colOutcome: 'Result',
    colDetail: 'Detail',
    accepted: 'Accepted',
    refused: 'Refused',
    seeInvoice: 'See invoice {number}',
    rule: 'Rule {rule}',
    field: 'Field {field}',
    where: 'Line {line}',
    code: 'Code {code}',
    helpCode: 'Understand this refusal: {title}',
    helpCodes: 'Refusal codes',
    noEntries: 'No invoice to show.',
    more: 'Show {count} more invoices',
    shownOf: '{shown} of {total} invoice(s) shown.',
  },
});

/** How many entries are drawn at once: a flow may hold 10,000 of them. */
const BATCH = 200;

type Show = 'all' | 'refused' | 'accepted';

/** /fournisseur/flux/:id: the flow's state, live until final, then its report entry by entry. */
export default function FlowReport() {
  const t = useT(messages);
  const { id = '' } = useParams();
  const settings = useFlowSettings();
  const finalStates = settings.data?.finalStates;
  // The summary is light: it is what the page asks again while the flow integrates.
  const flow = useQuery({
    queryKey: ['flows', id],
    queryFn: async () => data(await api.GET('/api/v1/flows/{id}', { params: { path: { id } } })),
    refetchInterval: (q) =>
      q.state.data && finalStates && isFinal(q.state.data.etat, finalStates)
        ? false
        : LIVE_INTERVAL_MS,
  });
  if (flow.isPending || settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorMessage error={settings.error} />;
  if (flow.isError) {
    return (
      <>
        <PageTitle>{t('flows')}</PageTitle>
        {isNotFound(flow.error) ? (
          <Alert severity="warning" small description={t('notFound')} />
        ) : (
          <ErrorMessage error={flow.error} />
        )}
      </>
    );
  }
  const f = flow.data;
  return (
    <>
      <Breadcrumb
        homeLinkProps={{ to: '/' }}
        segments={[{ label: t('flows'), linkProps: { to: '/fournisseur/flux' } }]}
        currentPageLabel={f.numeroFluxDepot}
      />
      <PageTitle>{t('title', { number: f.numeroFluxDepot })}</PageTitle>
      <FlowStateAnnouncer flows={[f]} />
      <Summary flow={f} finalStates={settings.data.finalStates} />
      {isFinal(f.etat, settings.data.finalStates) && <Entries flow={f} />}
    </>
  );
}

function Summary({ flow, finalStates }: { flow: FlowSummary; finalStates: readonly FlowState[] }) {
  const t = useT(messages);
  const th = useT(flowStateHelp);
  const format = useFormat();
  const { lang } = useLang();
  const total = flow.entries;
  return (
    <>
      <h2 className={fr.cx('fr-sr-only')}>{t('summary')}</h2>
      <dl className="flow-summary">
        <dt>{t('state')}</dt>
        <dd>
          <FlowStateBadge state={flow.etat} />
          <br />
          <span className={fr.cx('fr-text--sm')}>{th(flow.etat)}</span>
        </dd>
        <dt>{t('counts')}</dt>
        <dd>
          {total === null
            ? t('countsPending', { accepted: flow.accepted, refused: flow.refused })
            : t('countsText', {
                accepted: format.number(flow.accepted),
                refused: format.number(flow.refused),
                total: format.number(total),
              })}
        </dd>
        <dt>{t('file')}</dt>
        <dd style={{ wordBreak: 'break-all' }}>{flow.nomFichier}</dd>
        <dt>{t('syntax')}</dt>
        <dd>
          <code>{flow.syntaxeFlux}</code>
        </dd>
        <dt>{t('deposited')}</dt>
        <dd>{format.dateTime(flow.dateDepot)}</dd>
        {flow.dates.finished && (
          <>
            <dt>{t('finished')}</dt>
            <dd>{format.dateTime(flow.dates.finished)}</dd>
          </>
        )}
      </dl>
      {!isFinal(flow.etat, finalStates) && <Loading label={t('live')} />}
      {flow.error && (
        <Alert
          severity="error"
          as="h2"
          title={t('flowError')}
          description={
            <>
              {flow.error.message[lang]} <RefusalHelpLink code={flow.error.code} />
            </>
          }
          className={fr.cx('fr-my-2w')}
        />
      )}
      <h2 className={fr.cx('fr-h6', 'fr-mt-3w', 'fr-mb-1w')}>{t('downloads')}</h2>
      <ul
        className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}
      >
        <li>
          <a
            className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-download-line')}
            href={`/api/v1/flows/${encodeURIComponent(flow.id)}/report?format=csv`}
            download
            title={`${t('csv')} (${t('csvHint')})`}
          >
            {t('csv')}
          </a>
        </li>
        <li>
          <a
            className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-icon-download-line')}
            href={`/api/v1/flows/${encodeURIComponent(flow.id)}/report?format=pdf`}
            download
          >
            {t('pdf')}
          </a>
        </li>
      </ul>
    </>
  );
}

function Entries({ flow }: { flow: FlowSummary }) {
  const t = useT(messages);
  const [show, setShow] = useState<Show>('all');
  const [limit, setLimit] = useState(BATCH);
  // Asked once the flow is final (the entries do not change after), keyed by its state.
  const report = useQuery({
    queryKey: ['flows', flow.id, 'report', flow.etat],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/flows/{id}/report', {
          params: { path: { id: flow.id }, query: { format: 'json' } },
        }),
      ),
    staleTime: Infinity,
  });
  if (report.isPending) return <Loading />;
  if (report.isError) return <ErrorMessage error={report.error} />;
  // format=json: the JSON report (the same route gives CSV and PDF for other formats).
  if (typeof report.data === 'string') return null;
  const all = report.data.entries;
  if (all.length === 0) return null;
  const refused = all.filter((e) => e.outcome === 'REFUSED');
  const accepted = all.filter((e) => e.outcome === 'ACCEPTED');
  const chosen = show === 'refused' ? refused : show === 'accepted' ? accepted : all;
  const shown = chosen.slice(0, limit);
  return (
    <section aria-labelledby="flow-entries" className={fr.cx('fr-mt-4w')}>
      <h2 id="flow-entries">{t('entries')}</h2>
      <SegmentedControl
        small
        legend={t('show')}
        segments={[
          segment('all', t('showAll', { count: all.length })),
          segment('refused', t('showRefused', { count: refused.length })),
          segment('accepted', t('showAccepted', { count: accepted.length })),
        ]}
      />
      {shown.length === 0 ? (
        <p className={fr.cx('fr-mt-2w')}>{t('noEntries')}</p>
      ) : (
        <EntryTable number={flow.numeroFluxDepot} entries={shown} />
      )}
      {chosen.length > shown.length && (
        <>
          <p>{t('shownOf', { shown: shown.length, total: chosen.length })}</p>
          <Button type="button" priority="secondary" onClick={() => setLimit(limit + BATCH)}>
            {t('more', { count: Math.min(BATCH, chosen.length - shown.length) })}
          </Button>
        </>
      )}
    </section>
  );

  function segment(value: Show, label: string) {
    return {
      label,
      nativeInputProps: {
        checked: show === value,
        onChange: () => {
          setShow(value);
          setLimit(BATCH);
        },
      },
    };
  }
}

function EntryTable({ number, entries }: { number: string; entries: ReportEntry[] }) {
  const t = useT(messages);
  const columns: Column[] = [
    { label: t('colIndex'), numeric: true },
    { label: t('colName'), wrap: true },
    { label: t('colNumber') },
    { label: t('colOutcome') },
    { label: t('colDetail'), wrap: true },
  ];
  const rows = entries.map((e) => ({
    key: String(e.index),
    cells: [
      e.index + 1,
      <span key="n" style={{ wordBreak: 'break-all' }}>
        {e.name}
      </span>,
      e.invoiceNumber ?? '—',
      e.outcome === 'ACCEPTED' ? (
        <Badge key="o" as="span" small noIcon severity="success">
          {t('accepted')}
        </Badge>
      ) : (
        <Badge key="o" as="span" small noIcon severity="error">
          {t('refused')}
        </Badge>
      ),
      e.outcome === 'ACCEPTED' && e.invoiceId ? (
        <Link
          key="d"
          to={`/factures/${encodeURIComponent(e.invoiceId)}`}
          className={fr.cx('fr-link')}
        >
          {t('seeInvoice', { number: e.invoiceNumber ?? e.name })}
        </Link>
      ) : (
        <ErrorList key="d" entry={e} />
      ),
    ],
  }));
  return (
    <DataTable caption={t('caption', { number })} columns={columns} rows={rows} rowHeader={1} />
  );
}

/** Every error of a refused entry: the sentence first, the rule and field smaller, then help. */
function ErrorList({ entry }: { entry: ReportEntry }) {
  const errors: EntryError[] =
    entry.errors.length > 0
      ? entry.errors
      : entry.refusalCode
        ? [
            {
              refusalCode: entry.refusalCode,
              ruleId: null,
              message: { fr: '', en: '' },
              field: null,
              path: null,
              line: null,
            },
          ]
        : [];
  return (
    <ul className={fr.cx('fr-raw-list')}>
      {errors.map((err, i) => (
        <ErrorItem key={i} error={err} />
      ))}
    </ul>
  );
}

function ErrorItem({ error }: { error: EntryError }) {
  const t = useT(messages);
  const { lang } = useLang();
  const details = [
    error.ruleId && t('rule', { rule: error.ruleId }),
    error.field && t('field', { field: error.field }),
    error.line !== null && t('where', { line: error.line }),
    t('code', { code: error.refusalCode }),
  ].filter(Boolean);
  return (
    <li className={fr.cx('fr-mb-2w')}>
      {error.message[lang] && <p className={fr.cx('fr-mb-0')}>{error.message[lang]}</p>}
      <p className={fr.cx('fr-text--xs', 'fr-mb-0')}>{details.join(' · ')}</p>
      <RefusalHelpLink code={error.refusalCode} />
    </li>
  );
}

function isRefusalCode(code: string): code is RefusalCode {
  return Object.hasOwn(REFUSALS, code);
}

/** To the help entry of the code when it has one; else to the list of every code. */
function RefusalHelpLink({ code }: { code: string }) {
  const t = useT(messages);
  const { lang } = useLang();
  return isRefusalCode(code) ? (
    <Link to={`/aide/codes-refus#${code}`} className={fr.cx('fr-link', 'fr-text--sm')}>
      {t('helpCode', { title: REFUSALS[code].title[lang] })}
    </Link>
  ) : (
    <Link to="/aide/codes-refus" className={fr.cx('fr-link', 'fr-text--sm')}>
      {t('helpCodes')}
    </Link>
  );
}
