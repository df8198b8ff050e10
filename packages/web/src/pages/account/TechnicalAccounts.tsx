import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { ShownOnce } from '../../app/ShownOnce';
import { GestionnaireOnly } from './GestionnaireOnly';

const messages = defineMessages({
  fr: {
    title: 'Comptes techniques',
    titleOf: 'Comptes techniques — {name}',
    intro:
      'Un compte technique permet à un logiciel qui parle l’API de Chorus Pro (module d’ERP, opérateur) de se connecter à Chorale : il envoie son login et son mot de passe dans l’en-tête « cpro-account », avec le jeton d’un client API de la même structure.',
    help: 'Venir de Chorus Pro',
    noStructure:
      'Vous n’appartenez à aucune structure. Rejoignez-en une depuis votre compte pour gérer ses comptes techniques.',
    notManager:
      'Seuls les gestionnaires principaux de {name} créent et gèrent ses comptes techniques. Demandez à l’un d’eux.',
    list: 'Comptes de la structure',
    none: 'La structure n’a encore aucun compte technique.',
    caption: 'Comptes techniques de {name}',
    colLogin: 'Login',
    colState: 'État',
    colCreated: 'Créé le',
    colRotated: 'Mot de passe renouvelé le',
    colExpires: 'Expire le',
    colAction: 'Action',
    active: 'Actif',
    expired: 'Expiré',
    soon: 'Expire bientôt',
    never: 'jamais',
    rotate: 'Nouveau mot de passe',
    rotateLabel: 'Nouveau mot de passe pour {login}',
    rotateConfirmTitle: 'Générer un nouveau mot de passe pour {login} ?',
    rotateConfirm:
      'L’ancien mot de passe cessera de fonctionner immédiatement : le logiciel qui l’utilise devra recevoir le nouveau.',
    rotateYes: 'Oui, générer',
    cancel: 'Annuler',
    create: 'Créer un compte technique',
    createHint:
      'Le mot de passe est valable 424 jours. Tous les gestionnaires reçoivent un rappel par e-mail 30 jours avant son expiration, et chacun peut en générer un nouveau.',
    secretTitle: 'Notez ce mot de passe maintenant',
    secretCreated:
      'Le compte technique est créé. Son mot de passe n’est affiché qu’une fois : copiez-le dans la configuration du logiciel.',
    secretRotated:
      'Le mot de passe de {login} est renouvelé ; l’ancien ne fonctionne plus. Ce nouveau mot de passe n’est affiché qu’une fois.',
    login: 'Login :',
    password: 'Mot de passe :',
    expires: 'Expire le :',
    copy: 'Copier le mot de passe',
    copied: 'Mot de passe copié.',
    hide: 'J’ai noté le mot de passe',
  },
  en: {
    title: 'Technical accounts',
    titleOf: 'Technical accounts — {name}',
    intro:
      'A technical account lets software that speaks the Chorus Pro API (ERP module, operator) connect to Chorale: it sends its login and password in the “cpro-account” header, with the token of an API client of the same structure.',
    help: 'Moving from Chorus Pro',
    noStructure:
      'You do not belong to any structure. Join one from your account to manage its technical accounts.',
    notManager:
      'Only the main managers of {name} create and manage its technical accounts. Ask one of them.',
    list: 'Accounts of the structure',
    none: 'The structure has no technical account yet.',
    caption: 'Technical accounts of {name}',
    colLogin: 'Login',
    colState: 'State',
    colCreated: 'Created',
    colRotated: 'Password renewed',
    colExpires: 'Expires',
    colAction: 'Action',
    active: 'Active',
    expired: 'Expired',
    soon: 'Expires soon',
    never: 'never',
    rotate: 'New password',
    rotateLabel: 'New password for {login}',
    rotateConfirmTitle: 'Generate a new password for {login}?',
    rotateConfirm:
      'The old password stops working at once: the software using it must be given the new one.',
    rotateYes: 'Yes, generate',
    cancel: 'Cancel',
    create: 'Create a technical account',
    createHint:
      'The password is valid for 424 days. Every manager gets a reminder by e-mail 30 days before it expires, and any of them can generate a new one.',
    secretTitle: 'Write this password down now',
    secretCreated:
      'The technical account is created. Its password is shown only once: copy it into the software’s settings.',
    secretRotated:
      'The password of {login} is renewed; the old one no longer works. This new password is shown only once.',
    login: 'Login:',
    password: 'Password:',
    expires: 'Expires:',
    copy: 'Copy the password',
    copied: 'Password copied.',
    hide: 'I have written the password down',
  },
});

export default function TechnicalAccounts() {
  const t = useT(messages);
  return (
    <GestionnaireOnly
      title={t('title')}
      titleOf={(name) => t('titleOf', { name })}
      noStructure={t('noStructure')}
      notManager={(name) => t('notManager', { name })}
    >
      {(structure) => <ManageAccounts identifier={structure.identifier} name={structure.name} />}
    </GestionnaireOnly>
  );
}

interface Shown {
  kind: 'created' | 'rotated';
  login: string;
  password: string;
  expiresAt: string;
}

function ManageAccounts({ identifier, name }: { identifier: string; name: string }) {
  const t = useT(messages);
  const format = useFormat();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Shown | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const accounts = useQuery({
    queryKey: ['technical-accounts', identifier],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}/technical-accounts', {
          params: { path: { identifier } },
        }),
      ),
  });
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const reload = () =>
    queryClient.invalidateQueries({ queryKey: ['technical-accounts', identifier] });

  const create = async () => {
    setFailure(null);
    setBusy(true);
    try {
      const created = data(
        await api.POST('/api/v1/structures/{identifier}/technical-accounts', {
          params: { path: { identifier } },
        }),
      );
      setShown({ kind: 'created', ...created });
      await reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const rotate = async (accountId: string) => {
    setFailure(null);
    try {
      const renewed = data(
        await api.POST('/api/v1/structures/{identifier}/technical-accounts/{accountId}/password', {
          params: { path: { identifier, accountId } },
        }),
      );
      setConfirming(null);
      setShown({ kind: 'rotated', ...renewed });
      await reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const toConfirm = accounts.data?.find((a) => a.id === confirming);
  return (
    <>
      <PageTitle>{t('titleOf', { name })}</PageTitle>
      <p>
        {t('intro')}{' '}
        <Link to="/aide/chorus-pro" className={fr.cx('fr-link')}>
          {t('help')}
        </Link>
      </p>
      {failure ? <ErrorMessage error={failure} /> : null}
      {shown && (
        <ShownOnce
          key={shown.password}
          title={t('secretTitle')}
          description={
            <>
              <span style={{ display: 'block' }} className={fr.cx('fr-mb-2w')}>
                {shown.kind === 'created'
                  ? t('secretCreated')
                  : t('secretRotated', { login: shown.login })}
              </span>
              <span style={{ display: 'block' }}>
                <strong>{t('login')}</strong>{' '}
                <code data-testid="technical-login">{shown.login}</code>
              </span>
              <span style={{ display: 'block' }}>
                <strong>{t('password')}</strong>{' '}
                <code data-testid="technical-password" style={{ wordBreak: 'break-all' }}>
                  {shown.password}
                </code>
              </span>
              <span style={{ display: 'block' }} className={fr.cx('fr-mb-2w')}>
                <strong>{t('expires')}</strong> {format.date(shown.expiresAt)}
              </span>
            </>
          }
          copy={{ text: shown.password, label: t('copy'), done: t('copied') }}
          hideLabel={t('hide')}
          onHide={() => setShown(null)}
        />
      )}

      <section aria-labelledby="comptes" className={fr.cx('fr-mb-6w')}>
        <h2 id="comptes">{t('list')}</h2>
        {accounts.isPending ? (
          <Loading />
        ) : accounts.isError ? (
          <ErrorMessage error={accounts.error} />
        ) : accounts.data.length === 0 ? (
          <EmptyState>{t('none')}</EmptyState>
        ) : (
          <Table
            caption={t('caption', { name })}
            noCaption
            headers={[
              t('colLogin'),
              t('colState'),
              t('colCreated'),
              t('colRotated'),
              t('colExpires'),
              t('colAction'),
            ]}
            data={accounts.data.map((a) => {
              const severity =
                a.state === 'EXPIRED' ? 'error' : a.state === 'EXPIRING' ? 'warning' : 'success';
              return [
                <code key="l">{a.login}</code>,
                <Badge key="s" small severity={severity}>
                  {a.state === 'EXPIRED'
                    ? t('expired')
                    : a.state === 'EXPIRING'
                      ? t('soon')
                      : t('active')}
                </Badge>,
                format.date(a.createdAt),
                a.rotatedAt ? format.dateTime(a.rotatedAt) : t('never'),
                format.date(a.expiresAt),
                <Button
                  key="r"
                  size="small"
                  priority="secondary"
                  onClick={() => setConfirming(a.id)}
                  nativeButtonProps={{ 'aria-label': t('rotateLabel', { login: a.login }) }}
                >
                  {t('rotate')}
                </Button>,
              ];
            })}
          />
        )}
        {toConfirm && (
          <div
            className={fr.cx('fr-p-3w', 'fr-mt-2w')}
            style={{ background: 'var(--background-alt-grey)' }}
          >
            <h3 ref={confirmRef} tabIndex={-1} className={fr.cx('fr-h6')}>
              {t('rotateConfirmTitle', { login: toConfirm.login })}
            </h3>
            <p>{t('rotateConfirm')}</p>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
              <li>
                <Button onClick={() => void rotate(toConfirm.id)}>{t('rotateYes')}</Button>
              </li>
              <li>
                <Button priority="tertiary" onClick={() => setConfirming(null)}>
                  {t('cancel')}
                </Button>
              </li>
            </ul>
          </div>
        )}
      </section>

      <section aria-labelledby="creer">
        <h2 id="creer">{t('create')}</h2>
        <p>{t('createHint')}</p>
        <Button onClick={() => void create()} disabled={busy}>
          {t('create')}
        </Button>
      </section>
    </>
  );
}
