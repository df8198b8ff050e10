import { Suspense, useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { api } from '../api/client';
import { defineMessages, useLang, useT } from './i18n';
import { useUnreadCount } from './notification-bell';
import { useAbilities, useSession } from './session';
import { Loading } from './ui';

const messages = defineMessages({
  fr: {
    brandTop: 'République\nFrançaise',
    homeTitle: 'Accueil — Chorale',
    tagline: 'La facturation électronique des achats publics',
    skipContent: 'Contenu',
    skipFooter: 'Pied de page',
    signIn: 'Se connecter',
    signUp: 'Créer un compte',
    signOut: 'Se déconnecter',
    account: 'Mon compte',
    switchLang: 'English',
    switchLangTitle: 'Switch to English',
    dashboard: 'Tableau de bord',
    keyIn: 'Saisir une facture',
    upload: 'Déposer une facture',
    flows: 'Flux',
    sent: 'Factures émises',
    inbox: 'Factures reçues',
    deadlines: 'Échéances',
    sollicitations: 'Sollicitations',
    directory: 'Annuaire',
    help: 'Aide',
    members: 'Utilisateurs',
    apiClients: 'Clients API',
    technicalAccounts: 'Comptes techniques (Chorus Pro)',
    webhooks: 'Webhooks',
    bell: 'Notifications',
    bellUnread: 'Notifications ({n} non lues)',
    structure: 'Structure',
    actingFor: 'Structure active',
    footer:
      'Chorale est une plateforme libre de facturation électronique pour les achats publics : les fournisseurs déposent leurs factures, les structures publiques les reçoivent, les traitent et les paient.',
    apiDocs: 'Documentation de l’API',
    expired:
      'Votre session a expiré. Reconnectez-vous : ce que vous étiez en train de saisir est conservé.',
  },
  en: {
    brandTop: 'République\nFrançaise',
    homeTitle: 'Home — Chorale',
    tagline: 'Electronic invoicing for public procurement',
    skipContent: 'Content',
    skipFooter: 'Footer',
    signIn: 'Sign in',
    signUp: 'Create an account',
    signOut: 'Sign out',
    account: 'My account',
    switchLang: 'Français',
    switchLangTitle: 'Passer en français',
    dashboard: 'Dashboard',
    keyIn: 'Key in an invoice',
    upload: 'Upload an invoice',
    flows: 'Flows',
    sent: 'Sent invoices',
    inbox: 'Received invoices',
    deadlines: 'Deadlines',
    sollicitations: 'Requests',
    directory: 'Directory',
    help: 'Help',
    members: 'Users',
    apiClients: 'API clients',
    technicalAccounts: 'Technical accounts (Chorus Pro)',
    webhooks: 'Webhooks',
    bell: 'Notifications',
    bellUnread: 'Notifications ({n} unread)',
    structure: 'Structure',
    actingFor: 'Acting for',
    footer:
      'Chorale is an open-source e-invoicing platform for public procurement: suppliers send their invoices, public bodies receive, process and pay them.',
    apiDocs: 'API documentation',
    expired: 'Your session has expired. Sign in again: what you were typing has been kept.',
  },
});

function useNavigation(): MainNavigationProps.Item[] {
  const t = useT(messages);
  const { me } = useSession();
  const { canSend, canReceive, canRequest, isGestionnaire } = useAbilities();
  const { pathname } = useLocation();
  const item = (text: string, to: string, exact = false): MainNavigationProps.Item => ({
    text,
    linkProps: { to },
    isActive: exact ? pathname === to : pathname === to || pathname.startsWith(`${to}/`),
  });
  const items: MainNavigationProps.Item[] = [];
  if (me && canSend) {
    items.push(item(t('dashboard'), '/fournisseur', true));
    items.push(item(t('keyIn'), '/fournisseur/saisie'));
    items.push(item(t('upload'), '/fournisseur/depot'));
    items.push(item(t('flows'), '/fournisseur/flux'));
    items.push(item(t('sent'), '/fournisseur/factures'));
  }
  if (me && canReceive) {
    items.push(item(t('inbox'), '/destinataire/factures'));
    items.push(item(t('deadlines'), '/destinataire/echeances'));
  }
  if (me && (canSend || canRequest || me.platformSupport))
    items.push(item(t('sollicitations'), '/sollicitations'));
  if (me && isGestionnaire) {
    items.push({
      text: t('structure'),
      isActive: pathname.startsWith('/structure/'),
      menuLinks: [
        { text: t('members'), linkProps: { to: '/structure/utilisateurs' } },
        { text: t('apiClients'), linkProps: { to: '/structure/clients-api' } },
        { text: t('technicalAccounts'), linkProps: { to: '/structure/comptes-techniques' } },
        { text: t('webhooks'), linkProps: { to: '/structure/webhooks' } },
      ],
    });
  }
  items.push(item(t('directory'), '/annuaire'));
  items.push(item(t('help'), '/aide'));
  return items;
}

/** Moves focus to the page's h1 on navigation, so screen readers announce the new page. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [pathname]);
}

export function Layout() {
  const t = useT(messages);
  const { lang, setLang } = useLang();
  const { me, current, selectStructure, refresh, expired } = useSession();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const unread = useUnreadCount(Boolean(me));
  useFocusOnNavigate();

  const signOut = async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    await refresh();
    void navigate('/');
  };

  const quickAccessItems: Parameters<typeof Header>[0]['quickAccessItems'] = [
    {
      iconId: 'fr-icon-translate-2',
      text: t('switchLang'),
      buttonProps: {
        onClick: () => setLang(lang === 'fr' ? 'en' : 'fr'),
        title: t('switchLangTitle'),
        lang: lang === 'fr' ? 'en' : 'fr',
      },
    },
  ];
  if (me) {
    // The bell: a link to the notifications, naming the unread count (decision 0019).
    quickAccessItems.push({
      iconId: unread ? 'fr-icon-notification-3-fill' : 'fr-icon-notification-3-line',
      text: unread ? t('bellUnread', { n: unread }) : t('bell'),
      linkProps: { to: '/notifications' },
    });
    quickAccessItems.push({
      iconId: 'fr-icon-account-circle-line',
      text: me.name,
      linkProps: { to: '/compte' },
    });
    quickAccessItems.push({
      iconId: 'fr-icon-logout-box-r-line',
      text: t('signOut'),
      buttonProps: { onClick: () => void signOut() },
    });
  } else if (me === null) {
    quickAccessItems.push({
      iconId: 'fr-icon-lock-line',
      text: t('signIn'),
      linkProps: { to: '/connexion' },
    });
    quickAccessItems.push({
      iconId: 'fr-icon-account-line',
      text: t('signUp'),
      linkProps: { to: '/inscription' },
    });
  }

  return (
    <>
      <SkipLinks
        links={[
          { label: t('skipContent'), anchor: '#contenu' },
          { label: t('skipFooter'), anchor: '#footer' },
        ]}
      />
      <Header
        brandTop={t('brandTop')
          .split('\n')
          .flatMap((part, i) => (i === 0 ? [part] : [<br key={i} />, part]))}
        homeLinkProps={{ to: '/', title: t('homeTitle') }}
        serviceTitle="Chorale"
        serviceTagline={t('tagline')}
        quickAccessItems={quickAccessItems}
        navigation={navigation}
        id="header"
      />
      <main id="contenu" tabIndex={-1} className={fr.cx('fr-container', 'fr-py-4w')}>
        {me && me.memberships.length > 1 && current && (
          <div className={fr.cx('fr-select-group', 'fr-mb-2w')} style={{ maxWidth: '32rem' }}>
            <label className={fr.cx('fr-label')} htmlFor="structure-switch">
              {t('actingFor')}
            </label>
            <select
              id="structure-switch"
              className={fr.cx('fr-select')}
              value={current.structure.id}
              onChange={(event) => selectStructure(event.target.value)}
            >
              {me.memberships.map((m) => (
                <option key={m.structure.id} value={m.structure.id}>
                  {m.structure.name} ({m.structure.identifier})
                </option>
              ))}
            </select>
          </div>
        )}
        {expired && (
          <Alert
            severity="warning"
            small
            description={t('expired')}
            className={fr.cx('fr-mb-2w')}
          />
        )}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer
        id="footer"
        accessibility="partially compliant"
        contentDescription={t('footer')}
        brandTop={t('brandTop')
          .split('\n')
          .flatMap((part, i) => (i === 0 ? [part] : [<br key={i} />, part]))}
        homeLinkProps={{ to: '/', title: t('homeTitle') }}
        bottomItems={[
          { text: t('apiDocs'), linkProps: { to: '/api/docs', reloadDocument: true } },
          { text: t('help'), linkProps: { to: '/aide' } },
        ]}
      />
    </>
  );
}
