import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Tile } from '@codegouvfr/react-dsfr/Tile';
import { defineMessages, useT } from '../app/i18n';
import { useAbilities, useSession } from '../app/session';
import { Loading, usePageTitle } from '../app/ui';

const messages = defineMessages({
  fr: {
    pageTitle: 'Accueil',
    title: 'Chorale, la facturation électronique des achats publics',
    lead: 'Les fournisseurs y déposent leurs factures aux structures publiques ; l’État, les collectivités, les hôpitaux et les établissements publics les reçoivent, les traitent et les paient. Chaque étape est suivie, du dépôt au paiement.',
    signUp: 'Créer un compte',
    signIn: 'Se connecter',
    directory: 'Chercher une structure publique',
    suppliersTitle: 'Vous êtes fournisseur',
    suppliers1:
      'Déposez une facture XML (UBL, CII), un PDF Factur-X ou un simple PDF, ou saisissez-la en ligne : les erreurs s’affichent avant l’envoi.',
    suppliers2:
      'Trouvez le bon destinataire dans l’annuaire, avec le code service et le numéro d’engagement qu’il exige.',
    suppliers3:
      'Suivez chaque facture jusqu’au paiement, complétez-la si elle est suspendue, et voyez les paiements attendus et les intérêts de retard dus.',
    publicTitle: 'Vous êtes une structure publique',
    public1:
      'Recevez les factures par service, avec leur rendu lisible et les contrôles déjà faits.',
    public2:
      'Certifiez le service fait, suspendez, refusez ou renvoyez une facture mal adressée ; mandatez et indiquez le paiement, une facture ou plusieurs à la fois.',
    public3: 'Tenez les délais de paiement grâce à la liste des échéances.',
    firstInvoice: 'Envoyer sa première facture, pas à pas',
    statuses: 'Ce que veut dire chaque statut',
    hello: 'Bonjour {name}',
    welcomeBack: 'Que voulez-vous faire ?',
    spaceTitle: 'Votre espace',
    supplierSpace: 'Tableau de bord fournisseur',
    supplierSpaceDesc: 'Factures émises, paiements attendus et retards',
    keyIn: 'Saisir une facture',
    keyInDesc: 'Formulaire en ligne, contrôles au fil de la saisie',
    inbox: 'Factures reçues',
    inboxDesc: 'Les factures à traiter, par service',
    deadlines: 'Échéances',
    deadlinesDesc: 'Les paiements à faire bientôt et ceux en retard',
    members: 'Utilisateurs de la structure',
    membersDesc: 'Demandes d’adhésion, rôles et droits',
    account: 'Mon compte',
    accountDesc: 'Profil, double authentification, structures',
    noStructureTitle: 'Rejoignez votre structure',
    noStructure:
      'Vous n’appartenez encore à aucune structure. Demandez à rejoindre votre entreprise ou votre structure publique pour déposer ou recevoir des factures.',
    noRights:
      'Vous n’avez encore aucun droit dans {name}. Demandez à son gestionnaire principal de vous en donner.',
    join: 'Rejoindre une structure',
    help: 'Aide',
    helpDesc: 'Guides, statuts, codes de refus',
  },
  en: {
    pageTitle: 'Home',
    title: 'Chorale, electronic invoicing for public procurement',
    lead: 'Suppliers send their invoices to public bodies; the State, local authorities, hospitals and public institutions receive, process and pay them. Every step is tracked, from deposit to payment.',
    signUp: 'Create an account',
    signIn: 'Sign in',
    directory: 'Find a public body',
    suppliersTitle: 'You are a supplier',
    suppliers1:
      'Upload an XML invoice (UBL, CII), a Factur-X PDF or a plain PDF, or key it in online: mistakes show before sending.',
    suppliers2:
      'Find the right recipient in the directory, with the service code and commitment number it requires.',
    suppliers3:
      'Follow each invoice until payment, complete it if it is suspended, and see expected payments and the late interest owed.',
    publicTitle: 'You are a public body',
    public1: 'Receive invoices per service, readable and already checked.',
    public2:
      'Certify the service done, suspend, refuse or send back a misaddressed invoice; mandate and record payment, one invoice or many at once.',
    public3: 'Keep to payment deadlines with the list of due dates.',
    firstInvoice: 'Send your first invoice, step by step',
    statuses: 'What each status means',
    hello: 'Hello {name}',
    welcomeBack: 'What would you like to do?',
    spaceTitle: 'Your space',
    supplierSpace: 'Supplier dashboard',
    supplierSpaceDesc: 'Sent invoices, expected payments and delays',
    keyIn: 'Key in an invoice',
    keyInDesc: 'Online form, checked as you type',
    inbox: 'Received invoices',
    inboxDesc: 'Invoices to process, per service',
    deadlines: 'Deadlines',
    deadlinesDesc: 'Payments due soon and overdue ones',
    members: 'Users of the structure',
    membersDesc: 'Join requests, roles and rights',
    account: 'My account',
    accountDesc: 'Profile, two-step verification, structures',
    noStructureTitle: 'Join your structure',
    noStructure:
      'You do not belong to any structure yet. Ask to join your company or public body to send or receive invoices.',
    noRights: 'You hold no right in {name} yet. Ask its main manager to give you some.',
    join: 'Join a structure',
    help: 'Help',
    helpDesc: 'Guides, statuses, refusal codes',
  },
});

export default function Home() {
  const t = useT(messages);
  const { me, current } = useSession();
  const { canSend, canReceive, isGestionnaire } = useAbilities();
  usePageTitle(t('pageTitle'));

  // Until we know who is there, neither version of the page (no flash of the visitor's page).
  if (me === undefined) return <Loading />;

  if (me) {
    const tiles: { title: string; desc: string; to: string }[] = [];
    if (canSend) {
      tiles.push({ title: t('supplierSpace'), desc: t('supplierSpaceDesc'), to: '/fournisseur' });
      tiles.push({ title: t('keyIn'), desc: t('keyInDesc'), to: '/fournisseur/saisie' });
    }
    if (canReceive) {
      tiles.push({ title: t('inbox'), desc: t('inboxDesc'), to: '/destinataire/factures' });
      tiles.push({
        title: t('deadlines'),
        desc: t('deadlinesDesc'),
        to: '/destinataire/echeances',
      });
    }
    if (isGestionnaire) {
      tiles.push({ title: t('members'), desc: t('membersDesc'), to: '/structure/utilisateurs' });
    }
    tiles.push({ title: t('account'), desc: t('accountDesc'), to: '/compte' });
    tiles.push({ title: t('help'), desc: t('helpDesc'), to: '/aide' });
    return (
      <>
        <h1>{t('hello', { name: me.name })}</h1>
        <p className={fr.cx('fr-text--lead')}>{t('welcomeBack')}</p>
        {!current ? (
          <div className={fr.cx('fr-callout', 'fr-mb-4w')}>
            <h2 className={fr.cx('fr-callout__title')}>{t('noStructureTitle')}</h2>
            <p className={fr.cx('fr-callout__text')}>{t('noStructure')}</p>
            <Link to="/compte#rejoindre" className={fr.cx('fr-btn', 'fr-mt-2w')}>
              {t('join')}
            </Link>
          </div>
        ) : (
          !canSend &&
          !canReceive &&
          !isGestionnaire && (
            <p className={fr.cx('fr-mb-4w')}>{t('noRights', { name: current.structure.name })}</p>
          )
        )}
        <h2>{t('spaceTitle')}</h2>
        <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
          {tiles.map((tile) => (
            <li key={tile.to} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
              <Tile
                title={tile.title}
                titleAs="h3"
                desc={tile.desc}
                linkProps={{ to: tile.to }}
                enlargeLinkOrButton
                orientation="horizontal"
              />
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <>
      <div className={fr.cx('fr-mb-6w')}>
        <h1>{t('title')}</h1>
        <p className={fr.cx('fr-text--lead')}>{t('lead')}</p>
        <ul
          className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}
        >
          <li>
            <Link to="/inscription" className={fr.cx('fr-btn')}>
              {t('signUp')}
            </Link>
          </li>
          <li>
            <Link to="/connexion" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
              {t('signIn')}
            </Link>
          </li>
          <li>
            <Button
              priority="tertiary"
              iconId="fr-icon-search-line"
              iconPosition="left"
              linkProps={{ to: '/annuaire' }}
            >
              {t('directory')}
            </Button>
          </li>
        </ul>
      </div>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-4w')}>
        <section className={fr.cx('fr-col-12', 'fr-col-md-6')} aria-labelledby="fournisseurs">
          <div
            className={fr.cx('fr-p-3w')}
            style={{ background: 'var(--background-alt-blue-france)', height: '100%' }}
          >
            <h2 id="fournisseurs">{t('suppliersTitle')}</h2>
            <ul>
              <li>{t('suppliers1')}</li>
              <li>{t('suppliers2')}</li>
              <li>{t('suppliers3')}</li>
            </ul>
            <Link
              to="/aide/premiere-facture"
              className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')}
            >
              {t('firstInvoice')}
            </Link>
          </div>
        </section>
        <section
          className={fr.cx('fr-col-12', 'fr-col-md-6')}
          aria-labelledby="structures-publiques"
        >
          <div
            className={fr.cx('fr-p-3w')}
            style={{ background: 'var(--background-alt-green-emeraude)', height: '100%' }}
          >
            <h2 id="structures-publiques">{t('publicTitle')}</h2>
            <ul>
              <li>{t('public1')}</li>
              <li>{t('public2')}</li>
              <li>{t('public3')}</li>
            </ul>
            <Link
              to="/aide/statuts"
              className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')}
            >
              {t('statuses')}
            </Link>
          </div>
        </section>
      </div>
    </>
  );
}
