import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { useAbilities, useSession } from '../../app/session';
import { structureQuery } from '../../app/structures';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { DataTable } from '../../app/DataTable';
import { Figure, Figures } from './Figure';
import { moneyList, sumByCurrency, useForecast } from './forecast';
import { daysBetween, plural, type Forecast, type ForecastInvoice } from './labels';
import './dashboard.css';
import { OverdueTile } from '../sollicitations/OverdueTile';

const messages = defineMessages({
  fr: {
    title: 'Échéances de paiement',
    intro:
      'Les factures reçues par {name} qui restent à payer, les plus en retard d’abord. L’échéance est le jour de mise à disposition plus le délai de paiement légal ({hint}), décalée par les suspensions.',
    hint: '30 jours en général',
    noRightTitle: 'Pas de factures reçues ici',
    noRight:
      'Votre structure active ne vous permet pas de traiter des factures reçues. Choisissez une autre structure en haut de la page, ou demandez le droit « Factures reçues » à son gestionnaire.',
    service: 'Service',
    allServices: 'Tous mes services',
    noService: 'Sans service',
    serviceHint: 'Seuls les services sur lesquels vous avez des droits sont proposés.',
    figuresTitle: 'En bref',
    overdue: 'En retard',
    overdueNone: 'Aucune facture en retard',
    interest: 'Intérêts et indemnités dus à ce jour : {amount}',
    week: 'À payer dans les 7 jours',
    weekNone: 'Aucune échéance dans les 7 jours',
    total: 'Reste à payer',
    invoicesOne: '{count} facture',
    invoicesMany: '{count} factures',
    caption: 'Factures à payer, les plus en retard d’abord, les suspendues à la fin',
    invoice: 'Facture',
    supplier: 'Fournisseur',
    amountDue: 'Montant dû',
    dueDate: 'Échéance',
    delay: 'Délai',
    interestOwed: 'Intérêts dus',
    lateOne: 'En retard de {count} jour',
    lateMany: 'En retard de {count} jours',
    today: 'Échéance aujourd’hui',
    leftOne: 'Dans {count} jour',
    leftMany: 'Dans {count} jours',
    suspended: 'Délai suspendu',
    interestDetail: 'taux {rate} %, dont {indemnity} d’indemnité',
    empty: 'Aucune facture à payer pour l’instant.',
    emptyService: 'Aucune facture à payer pour ce service.',
    asOf: 'Calculé au {date}.',
    allInvoices: 'Voir toutes les factures reçues',
  },
  en: {
    title: 'Payment deadlines',
    intro:
      'Invoices received by {name} that are still to be paid, latest first. The deadline is the day the invoice was made available plus the legal payment period ({hint}), moved by suspensions.',
    hint: 'usually 30 days',
    noRightTitle: 'No received invoices here',
    noRight:
      'Your active structure does not let you process received invoices. Choose another structure at the top of the page, or ask its manager for the "Received invoices" right.',
    service: 'Service',
    allServices: 'All my services',
    noService: 'No service',
    serviceHint: 'Only the services you hold rights on are offered.',
    figuresTitle: 'At a glance',
    overdue: 'Late',
    overdueNone: 'No invoice is late',
    interest: 'Interest and indemnities owed to date: {amount}',
    week: 'To pay within 7 days',
    weekNone: 'No deadline within 7 days',
    total: 'Left to pay',
    invoicesOne: '{count} invoice',
    invoicesMany: '{count} invoices',
    caption: 'Invoices to pay, latest first, suspended ones last',
    invoice: 'Invoice',
    supplier: 'Supplier',
    amountDue: 'Amount due',
    dueDate: 'Deadline',
    delay: 'Time',
    interestOwed: 'Interest owed',
    lateOne: 'Late by {count} day',
    lateMany: 'Late by {count} days',
    today: 'Due today',
    leftOne: 'In {count} day',
    leftMany: 'In {count} days',
    suspended: 'Period suspended',
    interestDetail: 'rate {rate} %, including a {indemnity} indemnity',
    empty: 'No invoice to pay for now.',
    emptyService: 'No invoice to pay for this service.',
    asOf: 'Computed as of {date}.',
    allInvoices: 'See every received invoice',
  },
});

/** The value of the service filter for invoices that name no service. */
const NO_SERVICE = '-';

export default function Deadlines() {
  const t = useT(messages);
  const { current } = useSession();
  const { canReceive, canRequest, services } = useAbilities();
  const identifier = current?.structure.identifier;
  const enabled = canReceive && identifier !== undefined;

  const forecast = useForecast('received', identifier, enabled);
  // Service names for the filter (the directory is public; rights decide which are offered).
  const structure = useQuery({ ...structureQuery(identifier), enabled });

  let body;
  if (!current) body = <Loading />;
  else if (!canReceive)
    body = (
      <Alert
        severity="info"
        as="h2"
        title={t('noRightTitle')}
        description={t('noRight')}
        className={fr.cx('fr-my-2w')}
      />
    );
  else if (forecast.error) body = <ErrorMessage error={forecast.error} />;
  else if (!forecast.data) body = <Loading />;
  else
    body = (
      <DeadlineList
        forecast={forecast.data}
        rights={services}
        names={new Map((structure.data?.services ?? []).map((s) => [s.code, s.name]))}
      />
    );

  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      {current && canReceive && (
        <p>{t('intro', { name: current.structure.name, hint: t('hint') })}</p>
      )}
      {current && canRequest && (
        <OverdueTile box="received" structure={current.structure.identifier} link />
      )}
      {body}
    </>
  );
}

function DeadlineList({
  forecast,
  rights,
  names,
}: {
  forecast: Forecast;
  /** Service codes the user holds FACTURES_RECUES on; null = the whole structure. */
  rights: string[] | null;
  names: Map<string, string>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const [service, setService] = useState(params.get('service') ?? '');

  // The services offered: those the user holds rights on, or, with a right on the whole
  // structure, every service that has an invoice to pay (plus those of the directory).
  const options = useMemo(() => {
    const codes = new Set<string>(rights ?? [...names.keys()]);
    if (rights === null)
      for (const i of forecast.deadlines) if (i.serviceCode) codes.add(i.serviceCode);
    const list = [...codes].sort().map((code) => ({
      value: code,
      label: names.has(code) ? `${names.get(code)} (${code})` : code,
    }));
    if (rights === null && forecast.deadlines.some((i) => !i.serviceCode))
      list.push({ value: NO_SERVICE, label: t('noService') });
    return list;
  }, [rights, names, forecast.deadlines, t]);

  const shown = forecast.deadlines.filter(
    (i) =>
      service === '' ||
      (service === NO_SERVICE ? i.serviceCode === null : i.serviceCode === service),
  );

  const choose = (value: string) => {
    setService(value);
    const next = new URLSearchParams(params);
    if (value) next.set('service', value);
    else next.delete('service');
    setParams(next, { replace: true });
  };

  return (
    <>
      {options.length > 1 && (
        <Select
          label={t('service')}
          hint={t('serviceHint')}
          nativeSelectProps={{
            value: service,
            onChange: (e) => choose(e.target.value),
            name: 'service',
          }}
          className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-mt-2w')}
        >
          <option value="">{t('allServices')}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      )}
      {forecast.deadlines.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState>{t('emptyService')}</EmptyState>
      ) : (
        <>
          <KeyFigures items={shown} asOf={forecast.asOf} />
          <DataTable
            id="deadlines"
            caption={t('caption')}
            columns={[
              { label: t('invoice') },
              { label: t('supplier'), wrap: true },
              { label: t('service') },
              { label: t('dueDate') },
              { label: t('delay') },
              { label: t('amountDue'), numeric: true },
              { label: t('interestOwed'), numeric: true, wrap: true },
            ]}
            rows={shown.map((i) => ({
              key: i.id,
              cells: [
                <Link key="l" to={`/factures/${i.id}`}>
                  {i.number}
                </Link>,
                i.counterpartyName,
                i.serviceCode ? (names.get(i.serviceCode) ?? i.serviceCode) : t('noService'),
                format.date(i.dueDate),
                <Delay key="d" invoice={i} asOf={forecast.asOf} />,
                format.money(i.amountDue, i.currency),
                i.lateInterest ? (
                  <>
                    {format.money(i.lateInterest.total, i.currency)}
                    <br />
                    <span className={fr.cx('fr-text--xs')}>
                      {t('interestDetail', {
                        rate: format.number(i.lateInterest.rate),
                        indemnity: format.money(i.lateInterest.indemnity, i.currency),
                      })}
                    </span>
                  </>
                ) : (
                  '—'
                ),
              ],
            }))}
          />
        </>
      )}
      <p className={fr.cx('fr-text--xs')}>{t('asOf', { date: format.date(forecast.asOf) })}</p>
      <p>
        <Link to="/destinataire/factures">{t('allInvoices')}</Link>
      </p>
    </>
  );
}

function Delay({ invoice, asOf }: { invoice: ForecastInvoice; asOf: string }) {
  const t = useT(messages);
  const format = useFormat();
  if (invoice.dueDate === null)
    return (
      <Badge as="span" small noIcon severity="warning">
        {t('suspended')}
      </Badge>
    );
  const left = daysBetween(asOf, invoice.dueDate);
  if (left < 0) {
    const late = -left;
    return (
      <Badge as="span" small noIcon severity="error">
        {t(plural(format.locale, late, 'lateOne', 'lateMany'), { count: format.number(late) })}
      </Badge>
    );
  }
  if (left === 0)
    return (
      <Badge as="span" small noIcon severity="warning">
        {t('today')}
      </Badge>
    );
  return (
    <Badge as="span" small noIcon severity="info">
      {t(plural(format.locale, left, 'leftOne', 'leftMany'), { count: format.number(left) })}
    </Badge>
  );
}

function KeyFigures({ items, asOf }: { items: ForecastInvoice[]; asOf: string }) {
  const t = useT(messages);
  const format = useFormat();
  const count = (n: number) =>
    t(plural(format.locale, n, 'invoicesOne', 'invoicesMany'), { count: format.number(n) });
  const late = items.filter((i) => i.dueDate !== null && i.dueDate < asOf);
  const soon = items.filter(
    (i) => i.dueDate !== null && i.dueDate >= asOf && daysBetween(asOf, i.dueDate) <= 7,
  );
  const owed = sumByCurrency(
    late.filter((i) => i.lateInterest),
    (i) => i.lateInterest!.total,
  );
  return (
    <Figures title={t('figuresTitle')}>
      <Figure
        id="figure-late"
        title={t('overdue')}
        none={late.length === 0}
        value={late.length === 0 ? t('overdueNone') : count(late.length)}
        detail={
          late.length === 0
            ? undefined
            : `${moneyList(
                sumByCurrency(late, (i) => i.amountDue),
                format,
              )} — ${t('interest', {
                amount: owed.size ? moneyList(owed, format) : '—',
              })}`
        }
      />
      <Figure
        id="figure-soon"
        title={t('week')}
        none={soon.length === 0}
        value={soon.length === 0 ? t('weekNone') : count(soon.length)}
        detail={
          soon.length === 0
            ? undefined
            : moneyList(
                sumByCurrency(soon, (i) => i.amountDue),
                format,
              )
        }
      />
      <Figure
        id="figure-total"
        title={t('total')}
        value={moneyList(
          sumByCurrency(items, (i) => i.amountDue),
          format,
        )}
        detail={count(items.length)}
      />
    </Figures>
  );
}
