import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { ErrorMessage, errorState, Loading, PageTitle, useErrorText } from '../../app/ui';
import { FilesField } from './FilesField';
import {
  SollicitationStatusBadge,
  toAttachment,
  useCategories,
  useCategoryLabel,
  type SollicitationThread as Thread,
} from './model';

const messages = defineMessages({
  fr: {
    back: 'Toutes les sollicitations',
    category: 'Catégorie',
    from: 'Posée par',
    to: 'Adressée à',
    platform: 'Support de la plateforme',
    invoice: 'Facture',
    opened: 'Ouverte le',
    waiting: 'Attente',
    waited: 'depuis le {since} : {days} jours ouvrés',
    answered: 'aucune réponse n’est attendue',
    closedOn: 'Close le {date}, peut être rouverte jusqu’au {until}.',
    messages: 'Messages',
    REQUESTER: 'fournisseur',
    RECIPIENT: 'destinataire',
    SUPPORT: 'support',
    wrote: '{name} ({side}), le {date}',
    files: 'Pièces jointes',
    reply: 'Répondre',
    replyLabel: 'Votre message',
    send: 'Envoyer',
    required: 'Écrivez un message.',
    TAKE: 'Prendre en charge',
    CLOSE: 'Clore',
    REOPEN: 'Rouvrir',
    reassign: 'Réattribuer à une structure',
    reassignIdentifier: 'SIRET de la structure',
    reassignService: 'Code service (facultatif)',
    reassignDo: 'Réattribuer',
    reassigned: 'La sollicitation est transmise à la structure : elle quitte la file du support.',
  },
  en: {
    back: 'All requests',
    category: 'Category',
    from: 'Asked by',
    to: 'Addressed to',
    platform: 'Platform support',
    invoice: 'Invoice',
    opened: 'Opened on',
    waiting: 'Waiting',
    waited: 'since {since}: {days} working days',
    answered: 'no answer is owed',
    closedOn: 'Closed on {date}, may be reopened until {until}.',
    messages: 'Messages',
    REQUESTER: 'supplier',
    RECIPIENT: 'recipient',
    SUPPORT: 'support',
    wrote: '{name} ({side}), on {date}',
    files: 'Attachments',
    reply: 'Reply',
    replyLabel: 'Your message',
    send: 'Send',
    required: 'Write a message.',
    TAKE: 'Take in hand',
    CLOSE: 'Close',
    REOPEN: 'Reopen',
    reassign: 'Reassign to a structure',
    reassignIdentifier: 'SIRET of the structure',
    reassignService: 'Service code (optional)',
    reassignDo: 'Reassign',
    reassigned: 'The request has been handed to the structure: it leaves the support queue.',
  },
});

/** /sollicitations/:id: the thread, its moves, the reply form, the support's reassignment. */
export default function SollicitationThreadPage() {
  const { id = '' } = useParams();
  const thread = useQuery({
    queryKey: ['sollicitations', 'thread', id],
    queryFn: async () =>
      data(await api.GET('/api/v1/sollicitations/{id}', { params: { path: { id } } })),
    retry: false,
  });
  if (thread.isPending) return <Loading />;
  if (thread.isError)
    return (
      <>
        <PageTitle>Sollicitation</PageTitle>
        <ErrorMessage error={thread.error} />
      </>
    );
  return <ThreadView thread={thread.data} />;
}

function ThreadView({ thread }: { thread: Thread }) {
  const t = useT(messages);
  const f = useFormat();
  const categories = useCategories();
  const label = useCategoryLabel(categories.data);
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [reassigned, setReassigned] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['sollicitations'] });
  const move = useMutation({
    mutationFn: async (action: 'TAKE' | 'CLOSE' | 'REOPEN') =>
      data(
        await api.POST('/api/v1/sollicitations/{id}/status', {
          params: { path: { id: thread.id } },
          body: { status: action === 'CLOSE' ? 'CLOSE' : 'EN_COURS', version: thread.version },
        }),
      ),
    onSuccess: refresh,
  });
  const moves = thread.allowedActions.filter(
    (a): a is 'TAKE' | 'CLOSE' | 'REOPEN' => a === 'TAKE' || a === 'CLOSE' || a === 'REOPEN',
  );
  const recipient = thread.recipient
    ? `${thread.recipient.name}${thread.recipient.serviceCode ? ` (${thread.recipient.serviceCode})` : ''}`
    : t('platform');
  return (
    <>
      <p>
        <Link
          to="/sollicitations"
          className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}
        >
          {t('back')}
        </Link>
      </p>
      <PageTitle>{thread.subject}</PageTitle>
      <p>
        <SollicitationStatusBadge status={thread.status} />
      </p>
      <dl className={fr.cx('fr-mb-3w')}>
        <dt className={fr.cx('fr-text--bold')}>{t('category')}</dt>
        <dd className={fr.cx('fr-ml-0', 'fr-mb-1w')}>
          {label(thread.category, thread.subcategory)}
        </dd>
        <dt className={fr.cx('fr-text--bold')}>{t('from')}</dt>
        <dd className={fr.cx('fr-ml-0', 'fr-mb-1w')}>{thread.requester.name}</dd>
        <dt className={fr.cx('fr-text--bold')}>{t('to')}</dt>
        <dd className={fr.cx('fr-ml-0', 'fr-mb-1w')}>{recipient}</dd>
        {thread.invoice && (
          <>
            <dt className={fr.cx('fr-text--bold')}>{t('invoice')}</dt>
            <dd className={fr.cx('fr-ml-0', 'fr-mb-1w')}>
              <Link to={`/factures/${thread.invoice.id}`} className={fr.cx('fr-link')}>
                {thread.invoice.number}
              </Link>
            </dd>
          </>
        )}
        <dt className={fr.cx('fr-text--bold')}>{t('opened')}</dt>
        <dd className={fr.cx('fr-ml-0', 'fr-mb-1w')}>{f.dateTime(thread.openedAt)}</dd>
        <dt className={fr.cx('fr-text--bold')}>{t('waiting')}</dt>
        <dd className={fr.cx('fr-ml-0')}>
          {thread.waitingSince
            ? t('waited', {
                since: f.dateTime(thread.waitingSince),
                days: thread.waitingWorkingDays,
              })
            : t('answered')}
        </dd>
      </dl>
      {thread.closedAt && thread.reopenableUntil && (
        <p>
          {t('closedOn', {
            date: f.dateTime(thread.closedAt),
            until: f.date(thread.reopenableUntil),
          })}
        </p>
      )}
      {moves.length > 0 && (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-mb-2w')}>
          {moves.map((m) => (
            <li key={m}>
              <Button
                type="button"
                priority={m === 'CLOSE' ? 'secondary' : 'primary'}
                disabled={move.isPending}
                onClick={() => move.mutate(m)}
              >
                {t(m)}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {move.isError && <Alert severity="error" small description={errorText(move.error)} />}
      <h2>{t('messages')}</h2>
      <ol className={fr.cx('fr-raw-list')}>
        {thread.messages.map((m) => (
          <li
            key={m.id}
            className={fr.cx('fr-mb-3w', 'fr-p-2w')}
            style={{ borderLeft: '4px solid var(--border-default-blue-france)' }}
          >
            <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>
              {t('wrote', { name: m.authorName, side: t(m.side), date: f.dateTime(m.createdAt) })}
            </h3>
            <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
            {m.files.length > 0 && (
              <ul aria-label={t('files')}>
                {m.files.map((file) => (
                  <li key={file.id}>
                    <a
                      className={fr.cx('fr-link')}
                      href={`/api/v1/sollicitations/${thread.id}/files/${file.id}`}
                      download={file.name}
                    >
                      {file.name} ({f.number(Math.ceil(file.size / 1024))} Kio)
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {thread.allowedActions.includes('REPLY') && <ReplyForm id={thread.id} onDone={refresh} />}
      {reassigned ? (
        <Alert severity="success" small description={t('reassigned')} />
      ) : (
        thread.allowedActions.includes('REASSIGN') && (
          <ReassignForm thread={thread} onDone={() => setReassigned(true)} />
        )
      )}
    </>
  );
}

function ReplyForm({ id, onDone }: { id: string; onDone: () => Promise<void> }) {
  const t = useT(messages);
  const errorText = useErrorText();
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tried, setTried] = useState(false);
  const send = useMutation({
    mutationFn: async () =>
      data(
        await api.POST('/api/v1/sollicitations/{id}/messages', {
          params: { path: { id } },
          body: { body, attachments: await Promise.all(files.map(toAttachment)) },
        }),
      ),
    onSuccess: async () => {
      setBody('');
      setFiles([]);
      setTried(false);
      await onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (body.trim()) send.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="reply-title" className={fr.cx('fr-mb-4w')}>
      <h2 id="reply-title">{t('reply')}</h2>
      <Input
        label={t('replyLabel')}
        textArea
        nativeTextAreaProps={{
          id: 'reply-body',
          value: body,
          rows: 5,
          maxLength: 10000,
          onChange: (e) => setBody(e.target.value),
        }}
        {...errorState(tried && !body.trim() ? t('required') : undefined)}
      />
      <FilesField inputId="reply-files" files={files} setFiles={setFiles} />
      {send.isError && (
        <Alert
          severity="error"
          small
          className={fr.cx('fr-mb-2w')}
          description={errorText(send.error)}
        />
      )}
      <Button type="submit" disabled={send.isPending}>
        {t('send')}
      </Button>
    </form>
  );
}

function ReassignForm({ thread, onDone }: { thread: Thread; onDone: () => void }) {
  const t = useT(messages);
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [identifier, setIdentifier] = useState('');
  const [service, setService] = useState('');
  const reassign = useMutation({
    mutationFn: async () =>
      data(
        await api.POST('/api/v1/sollicitations/{id}/reassign', {
          params: { path: { id: thread.id } },
          body: {
            recipientIdentifier: identifier.trim(),
            ...(service.trim() ? { serviceCode: service.trim() } : {}),
            version: thread.version,
          },
        }),
      ),
    onSuccess: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: ['sollicitations', 'list'] });
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (identifier.trim()) reassign.mutate();
      }}
      aria-labelledby="reassign-title"
    >
      <h2 id="reassign-title">{t('reassign')}</h2>
      <Input
        label={t('reassignIdentifier')}
        nativeInputProps={{
          id: 'reassign-identifier',
          value: identifier,
          required: true,
          onChange: (e) => setIdentifier(e.target.value),
        }}
      />
      <Input
        label={t('reassignService')}
        nativeInputProps={{
          id: 'reassign-service',
          value: service,
          onChange: (e) => setService(e.target.value),
        }}
      />
      {reassign.isError && (
        <Alert
          severity="error"
          small
          className={fr.cx('fr-mb-2w')}
          description={errorText(reassign.error)}
        />
      )}
      <Button type="submit" priority="secondary" disabled={reassign.isPending}>
        {t('reassignDo')}
      </Button>
    </form>
  );
}
