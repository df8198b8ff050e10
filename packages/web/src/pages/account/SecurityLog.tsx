import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { EmptyState, ErrorMessage, Loading } from '../../app/ui';

/** The structure's security events (who joined, whose rights changed, API secrets…). */
const messages = defineMessages({
  fr: {
    title: 'Journal de sécurité',
    intro:
      'Les {n} derniers événements de sécurité de la structure, du plus récent au plus ancien.',
    none: 'Aucun événement pour l’instant.',
    caption: 'Événements de sécurité',
    colWhen: 'Date',
    colWhat: 'Événement',
    colWho: 'Par',
    colSubject: 'Concernant',
    colIp: 'Adresse IP',
    platform: 'Chorale',
    client: 'client API {id}',
    USER_SIGNED_UP: 'Compte créé',
    SIGN_IN_SUCCEEDED: 'Connexion',
    SIGN_IN_FAILED: 'Connexion échouée',
    ACCOUNT_LOCKED: 'Compte verrouillé',
    SECOND_FACTOR_FAILED: 'Code de vérification refusé',
    SIGNED_OUT: 'Déconnexion',
    TOTP_ENROLLED: 'Double authentification activée',
    TOTP_DISABLED: 'Double authentification désactivée',
    TOTP_DISABLE_FAILED:
      'Désactivation de la double authentification refusée (mot de passe erroné)',
    RECOVERY_CODE_USED: 'Code de secours utilisé',
    PASSWORD_RESET_REQUESTED: 'Réinitialisation du mot de passe demandée',
    PASSWORD_RESET: 'Mot de passe réinitialisé',
    PASSWORD_CHANGED: 'Mot de passe changé',
    PASSWORD_CHANGE_FAILED: 'Changement de mot de passe refusé (mot de passe actuel erroné)',
    JOIN_REQUESTED: 'Demande pour rejoindre la structure',
    JOIN_APPROVED: 'Demande acceptée',
    JOIN_REFUSED: 'Demande refusée',
    MEMBER_ACCESS_CHANGED: 'Rôle ou droits modifiés',
    API_CLIENT_CREATED: 'Client API créé',
    API_CLIENT_SECRET_ROTATED: 'Secret d’un client API renouvelé',
    ACCESS_TOKEN_ISSUED: 'Jeton d’accès délivré à un client API',
    ACCESS_TOKEN_REFUSED: 'Jeton d’accès refusé à un client API',
  },
  en: {
    title: 'Security log',
    intro: 'The structure’s last {n} security events, newest first.',
    none: 'No event yet.',
    caption: 'Security events',
    colWhen: 'Date',
    colWhat: 'Event',
    colWho: 'By',
    colSubject: 'About',
    colIp: 'IP address',
    platform: 'Chorale',
    client: 'API client {id}',
    USER_SIGNED_UP: 'Account created',
    SIGN_IN_SUCCEEDED: 'Signed in',
    SIGN_IN_FAILED: 'Sign-in failed',
    ACCOUNT_LOCKED: 'Account locked',
    SECOND_FACTOR_FAILED: 'Verification code refused',
    SIGNED_OUT: 'Signed out',
    TOTP_ENROLLED: 'Two-step verification turned on',
    TOTP_DISABLED: 'Two-step verification turned off',
    TOTP_DISABLE_FAILED: 'Turning two-step verification off refused (wrong password)',
    RECOVERY_CODE_USED: 'Recovery code used',
    PASSWORD_RESET_REQUESTED: 'Password reset asked for',
    PASSWORD_RESET: 'Password reset',
    PASSWORD_CHANGED: 'Password changed',
    PASSWORD_CHANGE_FAILED: 'Password change refused (wrong current password)',
    JOIN_REQUESTED: 'Request to join the structure',
    JOIN_APPROVED: 'Request accepted',
    JOIN_REFUSED: 'Request refused',
    MEMBER_ACCESS_CHANGED: 'Role or rights changed',
    API_CLIENT_CREATED: 'API client created',
    API_CLIENT_SECRET_ROTATED: 'API client secret renewed',
    ACCESS_TOKEN_ISSUED: 'Access token issued to an API client',
    ACCESS_TOKEN_REFUSED: 'Access token refused to an API client',
  },
});

type Key = keyof (typeof messages)['fr'];
const LIMIT = 20;

export function SecurityLog(props: {
  identifier: string;
  /** Names of the people we know (members, requesters), by user id. */
  names: Map<string, string>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const events = useQuery({
    queryKey: ['audit-events', props.identifier],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}/audit-events', {
          params: { path: { identifier: props.identifier }, query: { limit: LIMIT } },
        }),
      ),
  });
  const who = (userId: string | null, clientId: string | null) =>
    userId
      ? (props.names.get(userId) ?? userId)
      : clientId
        ? t('client', { id: clientId })
        : t('platform');
  const what = (event: string) => (event in messages.fr ? t(event as Key) : event);

  return (
    <section aria-labelledby="journal" className={fr.cx('fr-mb-6w')}>
      <h2 id="journal">{t('title')}</h2>
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorMessage error={events.error} />
      ) : events.data.length === 0 ? (
        <EmptyState>{t('none')}</EmptyState>
      ) : (
        <>
          <p>{t('intro', { n: events.data.length })}</p>
          <Table
            caption={t('caption')}
            noCaption
            headers={[t('colWhen'), t('colWhat'), t('colWho'), t('colSubject'), t('colIp')]}
            data={events.data.map((e) => [
              format.dateTime(String(e.at)),
              what(e.event),
              who(e.actorUserId, e.actorClientId),
              e.subjectUserId ? who(e.subjectUserId, null) : '—',
              e.ip ?? '—',
            ])}
          />
        </>
      )}
    </section>
  );
}
