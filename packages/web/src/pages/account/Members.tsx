import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { api, ApiError, data, type paths } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { useSession, type Space } from '../../app/session';
import { structureQuery } from '../../app/structures';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { useAccessLabels } from './access';
import { incompleteAccess, RightsEditor, servicesModeOf, type Access } from './RightsEditor';
import { SecurityLog } from './SecurityLog';
import { GestionnaireOnly } from './GestionnaireOnly';

type JoinRequest =
  paths['/api/v1/structures/{identifier}/join-requests']['get']['responses'][200]['content']['application/json'][number];

const messages = defineMessages({
  fr: {
    title: 'Utilisateurs de la structure',
    titleOf: 'Utilisateurs — {name}',
    noStructure:
      'Vous n’appartenez à aucune structure. Rejoignez-en une depuis votre compte pour gérer ses utilisateurs.',
    notManager:
      'Seuls les gestionnaires principaux de {name} gèrent ses utilisateurs et leurs droits. Si vous avez besoin d’un autre droit, demandez-le à l’un d’eux.',
    requests: 'Demandes en attente',
    noRequests: 'Aucune demande en attente.',
    requestedOn: 'Demande du {date}',
    theirMessage: 'Son message : « {message} »',
    approve: 'Accepter avec ces droits',
    refuse: 'Refuser la demande',
    approved: '{name} a rejoint la structure.',
    refused: 'La demande de {name} est refusée.',
    decided: 'Cette demande a déjà été traitée par un autre gestionnaire.',
    members: 'Membres',
    caption: 'Membres de {name}',
    colName: 'Nom',
    colEmail: 'E-mail',
    colRole: 'Rôle',
    colRights: 'Droits',
    colAction: 'Action',
    edit: 'Modifier',
    editLabel: 'Modifier les droits de {name}',
    editTitle: 'Droits de {name}',
    you: '(vous)',
    save: 'Enregistrer',
    cancel: 'Annuler',
    saved: 'Les droits de {name} sont enregistrés.',
    lastManager:
      'La structure doit garder au moins un gestionnaire principal : nommez-en un autre avant de changer ce rôle.',
    incomplete: 'Cochez au moins un service pour chaque espace ouvert « certains services ».',
  },
  en: {
    title: 'Users of the structure',
    titleOf: 'Users — {name}',
    noStructure:
      'You do not belong to any structure. Join one from your account to manage its users.',
    notManager:
      'Only the main managers of {name} manage its users and their rights. If you need another right, ask one of them.',
    requests: 'Pending requests',
    noRequests: 'No pending request.',
    requestedOn: 'Request of {date}',
    theirMessage: 'Their message: “{message}”',
    approve: 'Accept with these rights',
    refuse: 'Refuse the request',
    approved: '{name} has joined the structure.',
    refused: 'The request of {name} is refused.',
    decided: 'Another manager has already decided this request.',
    members: 'Members',
    caption: 'Members of {name}',
    colName: 'Name',
    colEmail: 'E-mail',
    colRole: 'Role',
    colRights: 'Rights',
    colAction: 'Action',
    edit: 'Edit',
    editLabel: 'Edit the rights of {name}',
    editTitle: 'Rights of {name}',
    you: '(you)',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'The rights of {name} are saved.',
    lastManager:
      'The structure must keep at least one main manager: appoint another one before changing this role.',
    incomplete: 'Tick at least one service for each space set to “some services”.',
  },
});

export default function Members() {
  const t = useT(messages);
  return (
    <GestionnaireOnly
      title={t('title')}
      titleOf={(name) => t('titleOf', { name })}
      noStructure={t('noStructure')}
      notManager={(name) => t('notManager', { name })}
    >
      {(structure) => <ManageMembers identifier={structure.identifier} name={structure.name} />}
    </GestionnaireOnly>
  );
}

function useStructureServices(identifier: string) {
  return useQuery({ ...structureQuery(identifier), select: (s) => s.services });
}

function ManageMembers({ identifier, name }: { identifier: string; name: string }) {
  const t = useT(messages);
  const labels = useAccessLabels();
  const queryClient = useQueryClient();
  const { me, refresh } = useSession();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const path = { params: { path: { identifier } } };
  const members = useQuery({
    queryKey: ['members', identifier],
    queryFn: async () => data(await api.GET('/api/v1/structures/{identifier}/members', path)),
  });
  const requests = useQuery({
    queryKey: ['join-requests', identifier],
    queryFn: async () => data(await api.GET('/api/v1/structures/{identifier}/join-requests', path)),
  });
  const services = useStructureServices(identifier);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: ['members', identifier] });
    await queryClient.invalidateQueries({ queryKey: ['join-requests', identifier] });
    await queryClient.invalidateQueries({ queryKey: ['audit-events', identifier] });
  };
  const names = new Map<string, string>();
  for (const r of requests.data ?? []) names.set(r.user.id, r.user.name);
  for (const m of members.data ?? []) names.set(m.user.id, m.user.name);

  const pending = requests.data?.filter((r) => r.status === 'EN_ATTENTE') ?? [];
  const edited = members.data?.find((m) => m.user.id === editing);

  return (
    <>
      <PageTitle>{t('titleOf', { name })}</PageTitle>
      {notice && (
        <div ref={noticeRef} tabIndex={-1}>
          <Alert
            severity="success"
            small
            description={notice}
            className={fr.cx('fr-mb-3w')}
            closable
            onClose={() => setNotice(null)}
          />
        </div>
      )}

      <section aria-labelledby="demandes" className={fr.cx('fr-mb-6w')}>
        <h2 id="demandes">
          {t('requests')}
          {pending.length > 0 ? ` (${pending.length})` : ''}
        </h2>
        {requests.isPending || services.isPending ? (
          <Loading />
        ) : requests.isError ? (
          <ErrorMessage error={requests.error} />
        ) : pending.length === 0 ? (
          <EmptyState>{t('noRequests')}</EmptyState>
        ) : (
          pending.map((r) => (
            <RequestCard
              key={r.id}
              request={r}
              identifier={identifier}
              services={services.data ?? []}
              onDone={async (text) => {
                setNotice(text);
                await reload();
              }}
            />
          ))
        )}
      </section>

      <section aria-labelledby="membres" className={fr.cx('fr-mb-6w')}>
        <h2 id="membres">{t('members')}</h2>
        {members.isPending ? (
          <Loading />
        ) : members.isError ? (
          <ErrorMessage error={members.error} />
        ) : (
          <Table
            caption={t('caption', { name })}
            noCaption
            headers={[t('colName'), t('colEmail'), t('colRole'), t('colRights'), t('colAction')]}
            data={members.data.map((m) => [
              `${m.user.name}${m.user.id === me?.id ? ` ${t('you')}` : ''}`,
              m.user.email,
              labels.role(m.role),
              labels.rights(m.rights),
              <Button
                key="e"
                size="small"
                priority="secondary"
                onClick={() => {
                  setNotice(null);
                  setEditing(m.user.id);
                }}
                nativeButtonProps={{ 'aria-label': t('editLabel', { name: m.user.name }) }}
              >
                {t('edit')}
              </Button>,
            ])}
          />
        )}
        {edited && (
          <MemberEditor
            key={edited.user.id}
            identifier={identifier}
            member={edited}
            services={services.data ?? []}
            onCancel={() => setEditing(null)}
            onSaved={async () => {
              setEditing(null);
              setNotice(t('saved', { name: edited.user.name }));
              await reload();
              // My own rights may have changed: the header's navigation follows them.
              if (edited.user.id === me?.id) await refresh();
            }}
          />
        )}
      </section>

      <SecurityLog identifier={identifier} names={names} />
    </>
  );
}

type Service = { code: string; name: string; active: boolean };

function RequestCard(props: {
  request: JoinRequest;
  identifier: string;
  services: Service[];
  onDone(text: string): Promise<void>;
}) {
  const t = useT(messages);
  const format = useFormat();
  const { request: r } = props;
  const [access, setAccess] = useState<Access>({ role: 'UTILISATEUR', rights: [] });
  const [mode, setMode] = useState<Partial<Record<Space, boolean>>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [incomplete, setIncomplete] = useState(false);

  const decide = async (decision: 'approve' | 'refuse') => {
    if (decision === 'approve' && incompleteAccess(access, mode)) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    setBusy(true);
    setFailure(null);
    try {
      await api.POST('/api/v1/structures/{identifier}/join-requests/{requestId}/decision', {
        params: { path: { identifier: props.identifier, requestId: r.id } },
        body:
          decision === 'approve'
            ? { decision, role: access.role, rights: access.rights }
            : { decision },
      });
      await props.onDone(t(decision === 'approve' ? 'approved' : 'refused', { name: r.user.name }));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <article
      aria-labelledby={`req-${r.id}`}
      className={fr.cx('fr-p-3w', 'fr-mb-3w')}
      style={{ border: '1px solid var(--border-default-grey)' }}
    >
      <h3 id={`req-${r.id}`} className={fr.cx('fr-h6', 'fr-mb-1w')}>
        {r.user.name} — {r.user.email}
      </h3>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        {t('requestedOn', { date: format.dateTime(r.createdAt) })}
      </p>
      {r.message && <p>{t('theirMessage', { message: r.message })}</p>}
      {failure ? (
        failure instanceof ApiError && failure.code === 'CONFLICT' ? (
          <Alert
            severity="warning"
            small
            description={t('decided')}
            className={fr.cx('fr-mb-2w')}
          />
        ) : (
          <ErrorMessage error={failure} />
        )
      ) : null}
      <RightsEditor
        id={`req-${r.id}`}
        services={props.services}
        value={access}
        onChange={setAccess}
        servicesMode={mode}
        onServicesMode={setMode}
      />
      {incomplete && (
        <Alert severity="error" small description={t('incomplete')} className={fr.cx('fr-mb-2w')} />
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button onClick={() => void decide('approve')} disabled={busy}>
            {t('approve')}
          </Button>
        </li>
        <li>
          <Button priority="secondary" onClick={() => void decide('refuse')} disabled={busy}>
            {t('refuse')}
          </Button>
        </li>
      </ul>
    </article>
  );
}

type Member =
  paths['/api/v1/structures/{identifier}/members']['get']['responses'][200]['content']['application/json'][number];

function MemberEditor(props: {
  identifier: string;
  member: Member;
  services: Service[];
  onCancel(): void;
  onSaved(): Promise<void>;
}) {
  const t = useT(messages);
  const { member } = props;
  const [access, setAccess] = useState<Access>({ role: member.role, rights: member.rights });
  const [mode, setMode] = useState(() => servicesModeOf(member.rights));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [incomplete, setIncomplete] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const save = async () => {
    if (incompleteAccess(access, mode)) {
      setIncomplete(true);
      return;
    }
    setIncomplete(false);
    setBusy(true);
    setFailure(null);
    try {
      await api.PUT('/api/v1/structures/{identifier}/members/{userId}', {
        params: { path: { identifier: props.identifier, userId: member.user.id } },
        body: { role: access.role, rights: access.rights },
      });
      await props.onSaved();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  return (
    <div
      className={fr.cx('fr-p-3w', 'fr-mt-3w')}
      style={{ background: 'var(--background-alt-grey)' }}
    >
      <h3 ref={heading} tabIndex={-1} className={fr.cx('fr-h5')}>
        {t('editTitle', { name: member.user.name })}
      </h3>
      {failure ? (
        failure instanceof ApiError && failure.code === 'CONFLICT' ? (
          <Alert
            severity="error"
            small
            description={t('lastManager')}
            className={fr.cx('fr-mb-2w')}
          />
        ) : (
          <ErrorMessage error={failure} />
        )
      ) : null}
      <RightsEditor
        id={`member-${member.user.id}`}
        services={props.services}
        value={access}
        onChange={setAccess}
        servicesMode={mode}
        onServicesMode={setMode}
      />
      {incomplete && (
        <Alert severity="error" small description={t('incomplete')} className={fr.cx('fr-mb-2w')} />
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button onClick={() => void save()} disabled={busy}>
            {t('save')}
          </Button>
        </li>
        <li>
          <Button priority="tertiary" onClick={props.onCancel}>
            {t('cancel')}
          </Button>
        </li>
      </ul>
    </div>
  );
}
