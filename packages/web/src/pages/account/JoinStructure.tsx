import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { api, ApiError } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { useSession } from '../../app/session';
import { EmptyState, ErrorMessage, Loading } from '../../app/ui';
import { useDirectoryLabels } from '../directory/labels';
import { useStructureSearch, type StructureSummary } from '../directory/search';
import { MyJoinRequests, myJoinRequestsKey } from './MyJoinRequests';

const messages = defineMessages({
  fr: {
    title: 'Rejoindre une structure',
    intro:
      'Cherchez votre entreprise ou votre structure publique par son nom ou son SIRET, puis demandez à la rejoindre. Ses gestionnaires reçoivent la demande et vous donnent vos droits.',
    search: 'Nom ou SIRET de la structure',
    submit: 'Chercher',
    results: 'Structures trouvées',
    none: 'Aucune structure ne correspond à « {q} ». Essayez avec le SIRET à 14 chiffres.',
    member: 'Vous en êtes déjà membre',
    ask: 'Demander à rejoindre',
    askLabel: 'Demander à rejoindre {name}',
    formTitle: 'Demande pour {name}',
    message: 'Message pour les gestionnaires (facultatif)',
    messageHint: 'Par exemple votre fonction ou votre service, pour qu’ils vous reconnaissent.',
    send: 'Envoyer la demande',
    cancel: 'Annuler',
    sentTitle: 'Demande envoyée',
    sent: 'Votre demande pour rejoindre {name} attend la décision de ses gestionnaires. Vous verrez la structure dans « Mes structures » dès qu’ils l’auront acceptée.',
    pending:
      'Une demande pour rejoindre cette structure attend déjà la décision de ses gestionnaires.',
    already: 'Vous êtes déjà membre de cette structure.',
    detail: 'Fiche de {name}',
  },
  en: {
    title: 'Join a structure',
    intro:
      'Search for your company or public body by name or SIRET, then ask to join it. Its managers get the request and give you your rights.',
    search: 'Name or SIRET of the structure',
    submit: 'Search',
    results: 'Structures found',
    none: 'No structure matches “{q}”. Try the 14-digit SIRET.',
    member: 'You already belong to it',
    ask: 'Ask to join',
    askLabel: 'Ask to join {name}',
    formTitle: 'Request for {name}',
    message: 'Message for the managers (optional)',
    messageHint: 'For example your job or your department, so they recognise you.',
    send: 'Send the request',
    cancel: 'Cancel',
    sentTitle: 'Request sent',
    sent: 'Your request to join {name} awaits its managers’ decision. The structure will show in “My structures” as soon as they accept it.',
    pending: 'A request to join this structure is already waiting for its managers’ decision.',
    already: 'You already belong to this structure.',
    detail: 'Details of {name}',
  },
});

export function JoinStructure() {
  const t = useT(messages);
  const labels = useDirectoryLabels();
  const { me } = useSession();
  const queryClient = useQueryClient();
  // /compte?rejoindre=<identifier> (from a structure's page) starts with that search done.
  const [params] = useSearchParams();
  const [text, setText] = useState(() => params.get('rejoindre') ?? '');
  const [q, setQ] = useState(() => params.get('rejoindre') ?? '');
  const [chosen, setChosen] = useState<StructureSummary | null>(null);
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const sentRef = useRef<HTMLDivElement>(null);
  const result = useStructureSearch({ q, includePrivate: true, limit: 10, enabled: q !== '' });

  useEffect(() => {
    if (chosen) formHeading.current?.focus();
  }, [chosen]);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  const memberOf = new Set(me?.memberships.map((m) => m.structure.id) ?? []);

  const send = async () => {
    if (!chosen) return;
    setSending(true);
    setFailure(null);
    try {
      await api.POST('/api/v1/structures/{identifier}/join-requests', {
        params: { path: { identifier: chosen.identifier } },
        body: note.trim() ? { message: note.trim() } : {},
      });
      setSent(chosen.name);
      setChosen(null);
      setNote('');
      await queryClient.invalidateQueries({ queryKey: myJoinRequestsKey });
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  const failureText =
    failure instanceof ApiError && failure.code === 'CONFLICT'
      ? /pending/i.test(failure.message)
        ? t('pending')
        : t('already')
      : null;

  return (
    <section aria-labelledby="rejoindre" className={fr.cx('fr-mb-6w')}>
      <h2 id="rejoindre" tabIndex={-1}>
        {t('title')}
      </h2>
      <p>{t('intro')}</p>
      <MyJoinRequests />
      {sent && (
        <div ref={sentRef} tabIndex={-1}>
          <Alert
            severity="success"
            title={t('sentTitle')}
            description={t('sent', { name: sent })}
            className={fr.cx('fr-mb-3w')}
            closable
            onClose={() => setSent(null)}
          />
        </div>
      )}
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setChosen(null);
          setSent(null);
          setQ(text.trim());
        }}
        className={fr.cx('fr-mb-3w')}
      >
        <Input
          label={t('search')}
          style={{ maxWidth: '48rem' }}
          nativeInputProps={{
            type: 'search',
            value: text,
            onChange: (e) => setText(e.target.value),
          }}
          addon={
            <Button type="submit" priority="secondary">
              {t('submit')}
            </Button>
          }
        />
      </form>
      {q !== '' &&
        (result.isPending ? (
          <Loading />
        ) : result.isError ? (
          <ErrorMessage error={result.error} />
        ) : result.data.items.length === 0 ? (
          <EmptyState>{t('none', { q })}</EmptyState>
        ) : (
          <>
            <h3 className={fr.cx('fr-h6')}>{t('results')}</h3>
            <ul className={fr.cx('fr-raw-list')}>
              {result.data.items.map((s) => (
                <li
                  key={s.id}
                  className={fr.cx('fr-py-2w')}
                  style={{ borderBottom: '1px solid var(--border-default-grey)' }}
                >
                  <div
                    className={fr.cx('fr-grid-row', 'fr-grid-row--middle', 'fr-grid-row--gutters')}
                  >
                    <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
                      <Link
                        to={`/annuaire/${encodeURIComponent(s.identifier)}`}
                        title={t('detail', { name: s.name })}
                      >
                        {s.name}
                      </Link>
                      <br />
                      <span className={fr.cx('fr-text--sm')}>
                        {labels.identifierType(s.identifierType)} {s.identifier}
                        {s.town ? ` · ${s.postalCode ?? ''} ${s.town}` : ''} · {labels.category(s)}
                      </span>
                    </div>
                    <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                      {memberOf.has(s.id) ? (
                        <span className={fr.cx('fr-text--sm')}>{t('member')}</span>
                      ) : (
                        <Button
                          size="small"
                          priority={chosen?.id === s.id ? 'primary' : 'secondary'}
                          onClick={() => {
                            setFailure(null);
                            setChosen(s);
                          }}
                          nativeButtonProps={{ 'aria-label': t('askLabel', { name: s.name }) }}
                        >
                          {t('ask')}
                        </Button>
                      )}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </>
        ))}
      {chosen && (
        <div
          className={fr.cx('fr-mt-3w', 'fr-p-3w')}
          style={{ background: 'var(--background-alt-grey)' }}
        >
          <h3 ref={formHeading} tabIndex={-1} className={fr.cx('fr-h6')}>
            {t('formTitle', { name: chosen.name })}
          </h3>
          {failure ? (
            failureText ? (
              <Alert
                severity="warning"
                small
                description={failureText}
                className={fr.cx('fr-mb-2w')}
              />
            ) : (
              <ErrorMessage error={failure} />
            )
          ) : null}
          <Input
            textArea
            label={t('message')}
            hintText={t('messageHint')}
            nativeTextAreaProps={{
              value: note,
              maxLength: 1000,
              rows: 3,
              onChange: (e) => setNote(e.target.value),
            }}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button onClick={() => void send()} disabled={sending}>
                {t('send')}
              </Button>
            </li>
            <li>
              <Button priority="tertiary" onClick={() => setChosen(null)}>
                {t('cancel')}
              </Button>
            </li>
          </ul>
        </div>
      )}
    </section>
  );
}
