import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { api, data } from '../../api/client';
import { useFormat, useLang, useT } from '../../app/i18n';
import { ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { InvoiceActions } from './Actions';
import { RejectionNotice } from './RejectionNotice';
import { actionMessages } from './action-messages';
import { detailMessages } from './detail-messages';
import { InvoiceSollicitations } from '../sollicitations/InvoiceSollicitations';
import {
  isNotFound,
  statusMessages,
  StatusWithHelp,
  REJECTION_REASONS,
  type HistoryEntry,
  type InvoiceDetail as Detail,
  type RejectionReason,
  type InvoiceStatus,
} from './common';

const messages = detailMessages;

type M = typeof messages.fr;

/** /factures/:id — one invoice for either side: facts, actions, history, rendering, files. */
export default function InvoiceDetail() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const queryClient = useQueryClient();
  const invoice = useQuery({
    queryKey: ['invoice', id],
    queryFn: async () => data(await api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })),
  });
  const history = useQuery({
    queryKey: ['invoice', id, 'history'],
    queryFn: async () =>
      data(await api.GET('/api/v1/invoices/{id}/history', { params: { path: { id } } })),
    enabled: invoice.isSuccess,
  });

  if (invoice.isPending) return <Loading />;
  if (invoice.isError) {
    if (isNotFound(invoice.error)) {
      return (
        <>
          <PageTitle>{t('notFoundTitle')}</PageTitle>
          <p>{t('notFound')}</p>
        </>
      );
    }
    return <ErrorMessage error={invoice.error} />;
  }
  const inv = invoice.data;
  const reload = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['invoice', id] }),
      queryClient.invalidateQueries({ queryKey: ['invoices'] }),
    ]);
  const recipientSide = inv.sides.includes('RECIPIENT');

  return (
    <>
      <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
        <Link
          className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}
          to={recipientSide ? '/destinataire/factures' : '/fournisseur/factures'}
        >
          {t(recipientSide ? 'backReceived' : 'backSent')}
        </Link>
      </p>
      <PageTitle>{t(`title_${inv.type}` as 'title_FACTURE', { number: inv.number })}</PageTitle>
      <p>
        <strong>{t('statusLabel')}</strong> <StatusWithHelp status={inv.status} />
      </p>
      {inv.rejection && <RejectionNotice rejection={inv.rejection} />}
      <Facts invoice={inv} />
      <InvoiceActions
        invoice={inv}
        onChanged={reload}
        acknowledgedAt={acknowledgedAt(history.data?.entries)}
      />
      <InvoiceSollicitations invoice={inv} />
      <History entries={history.data?.entries} loading={history.isPending} error={history.error} />
      <Rendering invoice={inv} />
      <Downloads invoice={inv} />
    </>
  );
}

/** When the supplier acknowledged the current rejection (after the last move to REJETEE). */
function acknowledgedAt(entries: HistoryEntry[] | undefined): string | null {
  if (!entries) return null;
  let at: string | null = null;
  for (const e of entries) {
    if (e.toStatus === 'REJETEE' && e.event !== 'REJECTION_ACKNOWLEDGED') at = null;
    if (e.event === 'REJECTION_ACKNOWLEDGED') at = e.at;
  }
  return at;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={fr.cx('fr-mb-1w')}>
      <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>{label}</dt>
      <dd className={fr.cx('fr-ml-0')}>{children}</dd>
    </div>
  );
}

function Facts({ invoice: inv }: { invoice: Detail }) {
  const t = useT(messages);
  const f = useFormat();
  const money = (v: string | null) => f.money(v, inv.currency);
  const terms = inv.terms;
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}>
      <section className={fr.cx('fr-col-12', 'fr-col-md-4')} aria-labelledby="facts-parties">
        <h2 id="facts-parties" className={fr.cx('fr-h5')}>
          {t('parties')}
        </h2>
        <dl>
          <Row label={t('supplier')}>
            {inv.supplier.name}{' '}
            <span className={fr.cx('fr-text--xs')}>({inv.supplier.identifier})</span>
          </Row>
          <Row label={t('recipient')}>
            {inv.recipient.name}{' '}
            <span className={fr.cx('fr-text--xs')}>({inv.recipient.identifier})</span>
          </Row>
          <Row label={t('service')}>
            {inv.service
              ? `${inv.service.name} (${inv.service.code})`
              : (inv.serviceCode ?? t('none'))}
          </Row>
          <Row label={t('commitment')}>{inv.commitmentNumber ?? t('none')}</Row>
          <Row label={t('issueDate')}>{f.date(inv.issueDate)}</Row>
          <Row label={t('depositedAt')}>{f.dateTime(inv.depositedAt)}</Row>
          <Row label={t('madeAvailableAt')}>{f.dateTime(inv.madeAvailableAt)}</Row>
          <Row label={t('firstDownloadedAt')}>
            {inv.firstDownloadedAt ? f.dateTime(inv.firstDownloadedAt) : t('notDownloaded')}
          </Row>
        </dl>
      </section>
      <section className={fr.cx('fr-col-12', 'fr-col-md-4')} aria-labelledby="facts-amounts">
        <h2 id="facts-amounts" className={fr.cx('fr-h5')}>
          {t('amounts')}
        </h2>
        <dl>
          <Row label={t('withoutVat')}>{money(inv.amounts.totalWithoutVat)}</Row>
          <Row label={t('vat')}>{money(inv.amounts.totalVat)}</Row>
          <Row label={t('withVat')}>{money(inv.amounts.totalWithVat)}</Row>
          <Row label={t('due')}>
            <strong data-testid="amount-due">{money(inv.amounts.amountDue)}</strong>
          </Row>
          {inv.mandateNumber && <Row label={t('mandate')}>{inv.mandateNumber}</Row>}
          {inv.payment.date && (
            <Row label={t('payment')}>
              {t('paymentValue', {
                amount: money(inv.payment.amount),
                date: f.date(inv.payment.date),
              })}
            </Row>
          )}
        </dl>
      </section>
      <section className={fr.cx('fr-col-12', 'fr-col-md-4')} aria-labelledby="facts-terms">
        <h2 id="facts-terms" className={fr.cx('fr-h5')}>
          {t('terms')}
        </h2>
        <dl>
          <Row label={t('period')}>{t('periodValue', { days: terms.periodDays })}</Row>
          <Row label={t('invoiceDueDate')}>
            {inv.invoiceDueDate ? f.date(inv.invoiceDueDate) : t('noInvoiceDueDate')}
          </Row>
          <Row label={t('dueDate')}>
            {terms.paid ? t('paid') : terms.dueDate ? f.date(terms.dueDate) : t('dueSuspended')}
          </Row>
          {terms.suspensions.length > 0 && (
            <Row label={t('suspensions')}>
              <ul className={fr.cx('fr-pl-2w', 'fr-mb-0')}>
                {terms.suspensions.map((s) => (
                  <li key={s.from}>
                    {t('suspension', {
                      from: f.date(s.from),
                      to: s.to ? f.date(s.to) : t('ongoing'),
                    })}
                  </li>
                ))}
              </ul>
            </Row>
          )}
          {terms.lateInterest && terms.lateInterest.daysLate > 0 && (
            <Row label={t('lateInterest')}>
              {t('lateValue', {
                total: money(terms.lateInterest.total),
                days: terms.lateInterest.daysLate,
                rate: f.number(terms.lateInterest.rate),
                interest: money(terms.lateInterest.interest),
                indemnity: money(terms.lateInterest.indemnity),
              })}
            </Row>
          )}
        </dl>
      </section>
    </div>
  );
}

function actorName(entry: HistoryEntry, t: (k: keyof M) => string): string {
  if (entry.actor.kind === 'SYSTEM') return t('system');
  if (entry.actor.name) return entry.actor.name;
  return entry.actor.kind === 'CLIENT' ? t('apiClient') : t('someone');
}

function History({
  entries,
  loading,
  error,
}: {
  entries: HistoryEntry[] | undefined;
  loading: boolean;
  error: unknown;
}) {
  const t = useT(messages);
  const ta = useT(actionMessages);
  const f = useFormat();
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  // A journal row names a reason of the list the portal knows; another string is shown as is.
  const rejectionLabel = (v: unknown) => {
    const code = str(v);
    if (!code) return null;
    return (REJECTION_REASONS as readonly string[]).includes(code)
      ? ta(`reject_${code as RejectionReason}`)
      : code;
  };
  return (
    <section aria-labelledby="history-title" className={fr.cx('fr-my-4w')}>
      <h2 id="history-title">{t('history')}</h2>
      {error ? (
        <ErrorMessage error={error} />
      ) : loading || !entries ? (
        <Loading label={t('historyLoading')} />
      ) : (
        <ol className={fr.cx('fr-pl-2w')} aria-label={t('historyCaption')} data-testid="history">
          {entries.map((e) => {
            const d = e.data;
            const files = Array.isArray(d.files)
              ? (d.files as unknown[])
                  .map((x) =>
                    x && typeof x === 'object' ? str((x as { name?: unknown }).name) : null,
                  )
                  .filter((x): x is string => x !== null)
              : [];
            return (
              <li key={e.seq} className={fr.cx('fr-mb-2w')}>
                <p className={fr.cx('fr-mb-0')}>
                  <time dateTime={e.at}>{f.dateTime(e.at)}</time> —{' '}
                  <strong>{t(`ev_${e.event}` as 'ev_DEPOSITED')}</strong>{' '}
                  {t('by', { name: actorName(e, t) })}
                </p>
                {e.toStatus && e.fromStatus !== e.toStatus && (
                  <p className={fr.cx('fr-mb-0')}>
                    {e.fromStatus && (
                      <>
                        <StatusLink status={e.fromStatus} /> →{' '}
                      </>
                    )}
                    <StatusLink status={e.toStatus} />
                  </p>
                )}
                {rejectionLabel(d.rejectionReason) && (
                  <p className={fr.cx('fr-mb-0')}>
                    {ta('rejectedBecause', { reason: rejectionLabel(d.rejectionReason)! })}
                  </p>
                )}
                {e.reason && (
                  <p className={fr.cx('fr-mb-0')}>{t('reason', { reason: e.reason })}</p>
                )}
                {str(d.mandateNumber) && (
                  <p className={fr.cx('fr-mb-0')}>
                    {t('mandateData', { number: str(d.mandateNumber)! })}
                  </p>
                )}
                {str(d.paymentDate) && (
                  <p className={fr.cx('fr-mb-0')}>
                    {t('paymentData', {
                      amount: f.money(str(d.paymentAmount)),
                      date: f.date(str(d.paymentDate)),
                    })}
                  </p>
                )}
                {str(d.comment) && (
                  <p className={fr.cx('fr-mb-0')}>
                    {t('commentData', { comment: str(d.comment)! })}
                  </p>
                )}
                {files.length > 0 && (
                  <p className={fr.cx('fr-mb-0')}>{t('filesData', { names: files.join(', ') })}</p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** A status in the history, linked to what it means on the help page. */
function StatusLink({ status }: { status: InvoiceStatus }) {
  const ts = useT(statusMessages);
  return (
    <Link to={`/aide/statuts#${status}`} className={fr.cx('fr-link')}>
      {ts(status)}
    </Link>
  );
}

interface StoredWarning {
  id: string;
  message: string;
  messageFr?: string;
}

function warningsOf(list: unknown[]): StoredWarning[] {
  return list.flatMap((w) => {
    if (!w || typeof w !== 'object') return [];
    const o = w as Record<string, unknown>;
    if (typeof o.id !== 'string' || typeof o.message !== 'string') return [];
    return [
      {
        id: o.id,
        message: o.message,
        ...(typeof o.messageFr === 'string' ? { messageFr: o.messageFr } : {}),
      },
    ];
  });
}

function Rendering({ invoice: inv }: { invoice: Detail }) {
  const t = useT(messages);
  const { lang } = useLang();
  const warnings = warningsOf(inv.warnings);
  const src = `/api/v1/invoices/${encodeURIComponent(inv.id)}/rendering?format=html&lang=${lang}`;
  return (
    <section aria-labelledby="rendering-title" className={fr.cx('fr-my-4w')}>
      <h2 id="rendering-title">{t('rendering')}</h2>
      {warnings.length > 0 && (
        <Alert
          severity="warning"
          title={t('warnings')}
          className={fr.cx('fr-mb-2w')}
          description={
            <>
              {t('warningsIntro')}
              <ul>
                {warnings.map((w, i) => (
                  <li key={`${w.id}-${i}`}>
                    {t('warningLine', {
                      id: w.id,
                      message: lang === 'fr' ? (w.messageFr ?? w.message) : w.message,
                    })}
                  </li>
                ))}
              </ul>
            </>
          }
        />
      )}
      <p className={fr.cx('fr-hint-text')}>{t('renderingHelp')}</p>
      {/* Our own renderer's escaped output, served with a script-free CSP; the empty sandbox
          keeps it inert even so (no script, no form, no navigation of the portal). */}
      <iframe
        title={t('renderingTitle', { number: inv.number })}
        src={src}
        sandbox=""
        loading="lazy"
        style={{ width: '100%', height: '70vh', minHeight: 480, border: '1px solid #ddd' }}
      />
    </section>
  );
}

function Downloads({ invoice: inv }: { invoice: Detail }) {
  const t = useT(messages);
  const { lang } = useLang();
  const f = useFormat();
  const base = `/api/v1/invoices/${encodeURIComponent(inv.id)}`;
  // Sizes are display-only, rounded: a float is fine here (never money).
  const size = (bytes: number) => {
    const [value, unit] =
      bytes < 1024
        ? [bytes, 'byte']
        : bytes < 1024 * 1024
          ? [bytes / 1024, 'kilobyte']
          : [bytes / 1048576, 'megabyte'];
    return new Intl.NumberFormat(f.locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(value);
  };
  const original = inv.files.find((x) => x.kind === 'ORIGINAL');
  const others = inv.files.filter((x) => x.kind !== 'ORIGINAL');
  const link = (href: string, label: string, detail?: string) => (
    <li key={href}>
      <a className={fr.cx('fr-link', 'fr-link--download')} href={href} download>
        {label}
        {detail && <span className={fr.cx('fr-link__detail')}>{detail}</span>}
      </a>
    </li>
  );
  return (
    <section aria-labelledby="downloads-title" className={fr.cx('fr-my-4w')}>
      <h2 id="downloads-title">{t('downloads')}</h2>
      <ul className={fr.cx('fr-raw-list')}>
        {original &&
          link(
            `${base}/original`,
            t('original', { name: original.name }),
            `${original.mediaType} – ${size(original.size)}`,
          )}
        {link(`${base}/rendering?format=pdf&lang=${lang}`, t('renderingPdf'), 'PDF')}
        {link(`${base}/certificate`, t('certificate'), 'PDF')}
        {others.map((file) =>
          link(
            `${base}/attachments/${encodeURIComponent(file.id)}`,
            t(file.kind === 'COMPLEMENT' ? 'complement' : 'attachment', { name: file.name }),
            `${file.mediaType} – ${size(file.size)}`,
          ),
        )}
      </ul>
      {inv.sides.includes('RECIPIENT') && (
        <p className={fr.cx('fr-hint-text')}>{t('downloadNote')}</p>
      )}
    </section>
  );
}
