import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { DataTable } from '../../app/DataTable';
import { ApiError } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { useAbilities, useSession } from '../../app/session';
import { structureQuery } from '../../app/structures';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { useDirectoryLabels } from './labels';
import type { StructureDetail as Detail } from './search';

const messages = defineMessages({
  fr: {
    directory: 'Annuaire',
    notFoundTitle: 'Structure introuvable',
    notFound:
      'Aucune structure de l’annuaire ne porte l’identifiant « {id} ». Vérifiez le numéro, ou cherchez la structure par son nom.',
    back: 'Retour à l’annuaire',
    public: 'Structure publique',
    private: 'Entreprise ou organisme privé',
    active: 'Active',
    inactive: 'Inactive : elle ne reçoit plus de factures',
    identifier: 'Identifiant',
    category: 'Catégorie',
    address: 'Adresse',
    contact: 'Contact',
    phone: 'Téléphone : {phone}',
    email: 'E-mail : {email}',
    invoiceTitle: 'Ce que vos factures doivent indiquer',
    needService:
      'Un code service : indiquez dans la facture le code de l’un des services actifs ci-dessous (champ « référence acheteur », BT-10). Sans lui, la facture est refusée (code SERVICE_OBLIGATOIRE).',
    needCommitment:
      'Un numéro d’engagement : indiquez le numéro de bon de commande ou d’engagement que la structure vous a communiqué (champ « référence de commande », BT-13). Sans lui, la facture est refusée (code ENGAGEMENT_OBLIGATOIRE).',
    needEither:
      'Un code service ou un numéro d’engagement : au moins l’un des deux doit figurer sur la facture.',
    needNothing:
      'Rien de plus que le SIRET de la structure : ni code service ni numéro d’engagement ne sont exigés (vous pouvez les indiquer s’ils vous ont été donnés).',
    serviceCommitment:
      'Certains services exigent en plus un numéro d’engagement : voir la colonne « Numéro d’engagement » ci-dessous.',
    refusalHelp: 'Comprendre les codes de refus',
    otherTitle: 'Autres informations',
    paymentNotReported:
      'Cette structure ne transmet pas la date de mise en paiement : le dernier statut visible sera « mandatée » ou « comptabilisée ».',
    moa: 'Maître d’ouvrage : elle reçoit aussi les pièces des marchés de travaux.',
    moaOnly: 'Elle ne reçoit que des pièces de marchés de travaux (maîtrise d’ouvrage).',
    edi: 'Elle reçoit ses factures par échange de données informatisé (EDI).',
    servicesTitle: 'Services',
    servicesCount: '{n} service(s)',
    noServices: 'Cette structure n’a déclaré aucun service : adressez vos factures à la structure.',
    colCode: 'Code service',
    colName: 'Nom',
    colState: 'État',
    colValidity: 'Validité',
    colCommitment: 'Numéro d’engagement',
    required: 'Exigé',
    notRequired: 'Non exigé',
    serviceActive: 'Actif',
    serviceInactive: 'Inactif',
    from: 'depuis le {date}',
    until: 'jusqu’au {date}',
    always: 'sans limite',
    keyIn: 'Saisir une facture',
    upload: 'Déposer une facture',
    join: 'Demander à rejoindre cette structure',
  },
  en: {
    directory: 'Directory',
    notFoundTitle: 'Structure not found',
    notFound:
      'No structure of the directory has the identifier “{id}”. Check the number, or search for the structure by name.',
    back: 'Back to the directory',
    public: 'Public body',
    private: 'Private company or organisation',
    active: 'Active',
    inactive: 'Inactive: it no longer receives invoices',
    identifier: 'Identifier',
    category: 'Category',
    address: 'Address',
    contact: 'Contact',
    phone: 'Phone: {phone}',
    email: 'E-mail: {email}',
    invoiceTitle: 'What your invoices must show',
    needService:
      'A service code: put the code of one of the active services below in the invoice (“buyer reference”, BT-10). Without it the invoice is refused (code SERVICE_OBLIGATOIRE).',
    needCommitment:
      'A commitment number: put the purchase order or commitment number the body gave you (“purchase order reference”, BT-13). Without it the invoice is refused (code ENGAGEMENT_OBLIGATOIRE).',
    needEither:
      'A service code or a commitment number: at least one of the two must be on the invoice.',
    needNothing:
      'Nothing but the body’s SIRET: neither a service code nor a commitment number is required (you may give them if you were told them).',
    serviceCommitment:
      'Some services also require a commitment number: see the “Commitment number” column below.',
    refusalHelp: 'Understand refusal codes',
    otherTitle: 'Other information',
    paymentNotReported:
      'This body does not report the payment date: the last status you will see is “mandated” or “accounted”.',
    moa: 'Project owner: it also receives the documents of works contracts.',
    moaOnly: 'It only receives documents of works contracts (project ownership).',
    edi: 'It receives its invoices by electronic data interchange (EDI).',
    servicesTitle: 'Services',
    servicesCount: '{n} service(s)',
    noServices: 'This body has declared no service: address your invoices to the body itself.',
    colCode: 'Service code',
    colName: 'Name',
    colState: 'State',
    colValidity: 'Validity',
    colCommitment: 'Commitment number',
    required: 'Required',
    notRequired: 'Not required',
    serviceActive: 'Active',
    serviceInactive: 'Inactive',
    from: 'from {date}',
    until: 'until {date}',
    always: 'no limit',
    keyIn: 'Key in an invoice',
    upload: 'Upload an invoice',
    join: 'Ask to join this structure',
  },
});

export default function StructureDetail() {
  const t = useT(messages);
  const { identifier = '' } = useParams();
  const query = useQuery(structureQuery(identifier));

  const breadcrumb = (label: string) => (
    <Breadcrumb
      homeLinkProps={{ to: '/' }}
      currentPageLabel={label}
      segments={[{ label: t('directory'), linkProps: { to: '/annuaire' } }]}
    />
  );

  if (query.isPending) return <Loading />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <>
          {breadcrumb(t('notFoundTitle'))}
          <PageTitle>{t('notFoundTitle')}</PageTitle>
          <p>{t('notFound', { id: identifier })}</p>
          <Link to="/annuaire" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
            {t('back')}
          </Link>
        </>
      );
    }
    return (
      <>
        {breadcrumb(identifier)}
        <PageTitle>{identifier}</PageTitle>
        <ErrorMessage error={query.error} />
      </>
    );
  }
  return <Structure s={query.data} breadcrumb={breadcrumb(query.data.name)} />;
}

function Structure({ s, breadcrumb }: { s: Detail; breadcrumb: ReactNode }) {
  const t = useT(messages);
  const format = useFormat();
  const labels = useDirectoryLabels();
  const { me } = useSession();
  const { canSend } = useAbilities();
  const { flags } = s;
  const addressLines = [
    s.address.line1,
    s.address.line2,
    s.address.line3,
    [s.address.postalCode, s.address.town].filter(Boolean).join(' '),
    s.address.countryName,
  ].filter((x): x is string => Boolean(x));

  const needs: string[] = [];
  if (flags.serviceCodeRequired) needs.push(t('needService'));
  if (flags.commitmentRequired) needs.push(t('needCommitment'));
  if (!flags.serviceCodeRequired && flags.serviceOrCommitmentRequired) needs.push(t('needEither'));
  if (needs.length === 0) needs.push(t('needNothing'));
  const serviceNeedsCommitment = s.services.some((v) => v.commitmentRequired);
  const other: string[] = [];
  if (flags.paymentStatusNotReported) other.push(t('paymentNotReported'));
  if (flags.isMoaOnly) other.push(t('moaOnly'));
  else if (flags.isMoa) other.push(t('moa'));
  if (flags.ediReception) other.push(t('edi'));

  const validity = (from: string | null, to: string | null) => {
    if (!from && !to) return t('always');
    return [
      from && t('from', { date: format.date(from) }),
      to && t('until', { date: format.date(to) }),
    ]
      .filter(Boolean)
      .join(', ');
  };

  return (
    <>
      {breadcrumb}
      <PageTitle>{s.name}</PageTitle>
      <ul className={fr.cx('fr-badges-group', 'fr-mb-3w')}>
        <li>
          <Badge severity={s.isPublic ? 'info' : 'new'} noIcon>
            {s.isPublic ? t('public') : t('private')}
          </Badge>
        </li>
        <li>
          <Badge severity={s.active ? 'success' : 'error'}>
            {s.active ? t('active') : t('inactive')}
          </Badge>
        </li>
      </ul>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <dl className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <dt className={fr.cx('fr-text--bold')}>{t('identifier')}</dt>
          <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>
            {labels.identifierType(s.identifierType)} {s.identifier}
          </dd>
          <dt className={fr.cx('fr-text--bold')}>{t('category')}</dt>
          <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>{labels.category(s)}</dd>
        </dl>
        <dl className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          {addressLines.length > 0 && (
            <>
              <dt className={fr.cx('fr-text--bold')}>{t('address')}</dt>
              <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>
                {addressLines.map((line, i) => (
                  <span key={i} style={{ display: 'block' }}>
                    {line}
                  </span>
                ))}
              </dd>
            </>
          )}
          {(s.phone || s.email) && (
            <>
              <dt className={fr.cx('fr-text--bold')}>{t('contact')}</dt>
              <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>
                {s.phone && (
                  <span style={{ display: 'block' }}>{t('phone', { phone: s.phone })}</span>
                )}
                {s.email && (
                  <span style={{ display: 'block' }}>{t('email', { email: s.email })}</span>
                )}
              </dd>
            </>
          )}
        </dl>
      </div>

      {s.isPublic && (
        <CallOut title={t('invoiceTitle')} titleAs="h2" className={fr.cx('fr-my-3w')}>
          {needs.map((n) => (
            <span key={n} style={{ display: 'block' }} className={fr.cx('fr-mb-1w')}>
              {n}
            </span>
          ))}
          {serviceNeedsCommitment && (
            <span style={{ display: 'block' }} className={fr.cx('fr-mb-1w')}>
              {t('serviceCommitment')}
            </span>
          )}
          <Link
            to={`/aide/codes-refus${
              flags.serviceCodeRequired || flags.serviceOrCommitmentRequired
                ? '#SERVICE_OBLIGATOIRE'
                : flags.commitmentRequired
                  ? '#ENGAGEMENT_OBLIGATOIRE'
                  : ''
            }`}
            className={fr.cx('fr-link')}
          >
            {t('refusalHelp')}
          </Link>
        </CallOut>
      )}
      {me && canSend && s.isPublic && s.active && (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mb-3w')}>
          <li>
            <Link to="/fournisseur/saisie" className={fr.cx('fr-btn')}>
              {t('keyIn')}
            </Link>
          </li>
          <li>
            <Link to="/fournisseur/depot" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
              {t('upload')}
            </Link>
          </li>
        </ul>
      )}

      {me && s.active && !me.memberships.some((m) => m.structure.id === s.id) && (
        <p>
          <Link
            to={`/compte?rejoindre=${encodeURIComponent(s.identifier)}#rejoindre`}
            className={fr.cx('fr-link', 'fr-icon-team-line', 'fr-link--icon-left')}
          >
            {t('join')}
          </Link>
        </p>
      )}

      {other.length > 0 && (
        <>
          <h2>{t('otherTitle')}</h2>
          <ul>
            {other.map((o) => (
              <li key={o}>{o}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('servicesTitle')}</h2>
      {s.services.length === 0 ? (
        <EmptyState>{t('noServices')}</EmptyState>
      ) : (
        <DataTable
          caption={t('servicesCount', { n: s.services.length })}
          columns={[
            { label: t('colCode') },
            { label: t('colName'), wrap: true },
            { label: t('colState') },
            { label: t('colValidity') },
            { label: t('colCommitment') },
          ]}
          rows={s.services.map((v) => ({
            key: v.code,
            cells: [
              <code key="c">{v.code}</code>,
              v.name,
              <Badge key="s" small severity={v.active ? 'success' : 'error'}>
                {v.active ? t('serviceActive') : t('serviceInactive')}
              </Badge>,
              validity(v.validFrom, v.validTo),
              v.commitmentRequired || flags.commitmentRequired ? t('required') : t('notRequired'),
            ],
          }))}
        />
      )}
    </>
  );
}
