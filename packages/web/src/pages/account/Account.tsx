import { useEffect } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { defineMessages, useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { EmptyState, Loading, PageTitle } from '../../app/ui';
import { useAccessLabels } from './access';
import { JoinStructure } from './JoinStructure';
import { SecondFactor } from './SecondFactor';

const messages = defineMessages({
  fr: {
    title: 'Mon compte',
    welcomeTitle: 'Bienvenue sur Chorale',
    welcome:
      'Votre compte est créé. Pour déposer ou recevoir des factures, demandez à rejoindre votre structure ci-dessous.',
    profile: 'Profil',
    name: 'Nom',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    changePassword: 'Changer de mot de passe',
    structures: 'Mes structures',
    noStructure:
      'Vous n’appartenez encore à aucune structure. Demandez à rejoindre la vôtre ci-dessous.',
    caption: 'Structures dont vous êtes membre',
    colStructure: 'Structure',
    colRole: 'Rôle',
    colRights: 'Droits',
    current: '(structure active)',
    manage: 'Gérer les utilisateurs',
  },
  en: {
    title: 'My account',
    welcomeTitle: 'Welcome to Chorale',
    welcome:
      'Your account is ready. To send or receive invoices, ask to join your structure below.',
    profile: 'Profile',
    name: 'Name',
    email: 'E-mail address',
    password: 'Password',
    changePassword: 'Change my password',
    structures: 'My structures',
    noStructure: 'You do not belong to any structure yet. Ask to join yours below.',
    caption: 'Structures you belong to',
    colStructure: 'Structure',
    colRole: 'Role',
    colRights: 'Rights',
    current: '(active structure)',
    manage: 'Manage users',
  },
});

export default function Account() {
  const t = useT(messages);
  const labels = useAccessLabels();
  const { me, current } = useSession();
  const [params] = useSearchParams();
  const { hash } = useLocation();

  // Lazy pages render after the browser looked for the #anchor: go there ourselves.
  useEffect(() => {
    if (!hash || !me) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView();
  }, [hash, me]);

  if (!me) return <Loading />;

  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      {params.get('bienvenue') === '1' && (
        <Alert
          severity="success"
          as="h2"
          title={t('welcomeTitle')}
          description={t('welcome')}
          className={fr.cx('fr-mb-4w')}
        />
      )}
      <section aria-labelledby="profil" className={fr.cx('fr-mb-6w')}>
        <h2 id="profil">{t('profile')}</h2>
        <dl>
          <dt className={fr.cx('fr-text--bold')}>{t('name')}</dt>
          <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>{me.name}</dd>
          <dt className={fr.cx('fr-text--bold')}>{t('email')}</dt>
          <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>{me.email}</dd>
          <dt className={fr.cx('fr-text--bold')}>{t('password')}</dt>
          <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>
            <Link to="/compte/mot-de-passe" className={fr.cx('fr-link')}>
              {t('changePassword')}
            </Link>
          </dd>
        </dl>
      </section>

      <SecondFactor />

      <section aria-labelledby="structures" className={fr.cx('fr-mb-6w')}>
        <h2 id="structures">{t('structures')}</h2>
        {me.memberships.length === 0 ? (
          <EmptyState>{t('noStructure')}</EmptyState>
        ) : (
          <Table
            caption={t('caption')}
            noCaption
            headers={[t('colStructure'), t('colRole'), t('colRights')]}
            data={me.memberships.map((m) => [
              <span key="s">
                <Link to={`/annuaire/${encodeURIComponent(m.structure.identifier)}`}>
                  {m.structure.name}
                </Link>{' '}
                <span className={fr.cx('fr-text--sm')}>
                  {m.structure.identifier}
                  {current?.structure.id === m.structure.id && me.memberships.length > 1
                    ? ` ${t('current')}`
                    : ''}
                </span>
              </span>,
              labels.role(m.role),
              labels.rights(m.rights),
            ])}
          />
        )}
      </section>

      <JoinStructure />
    </>
  );
}
