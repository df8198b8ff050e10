import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { ShownOnce } from '../../app/ShownOnce';
import { SCOPES, useAccessLabels, type Scope } from './access';
import { GestionnaireOnly } from './GestionnaireOnly';

const messages = defineMessages({
  fr: {
    title: 'Clients API',
    titleOf: 'Clients API — {name}',
    intro:
      'Un client API permet à un logiciel (comptabilité, ERP, parapheur…) d’échanger avec Chorale au nom de la structure, sans compte personnel : il obtient un jeton d’accès avec son identifiant et son secret (OAuth 2.0, « client credentials »).',
    docs: 'Documentation de l’API',
    noStructure:
      'Vous n’appartenez à aucune structure. Rejoignez-en une depuis votre compte pour gérer ses clients API.',
    notManager:
      'Seuls les gestionnaires principaux de {name} créent et gèrent ses clients API. Demandez à l’un d’eux si un logiciel doit se connecter à Chorale.',
    list: 'Clients de la structure',
    none: 'La structure n’a encore aucun client API.',
    caption: 'Clients API de {name}',
    colName: 'Nom',
    colId: 'Identifiant du client',
    colScopes: 'Autorisations',
    colState: 'État',
    colCreated: 'Créé le',
    colRotated: 'Secret renouvelé le',
    colAction: 'Action',
    active: 'Actif',
    inactive: 'Inactif',
    never: 'jamais',
    rotate: 'Renouveler le secret',
    rotateLabel: 'Renouveler le secret de {name}',
    rotateConfirmTitle: 'Renouveler le secret de {name} ?',
    rotateConfirm:
      'L’ancien secret cessera de fonctionner immédiatement : le logiciel qui l’utilise devra recevoir le nouveau.',
    rotateYes: 'Oui, renouveler',
    cancel: 'Annuler',
    create: 'Créer un client API',
    name: 'Nom du client',
    nameHint: 'Pour le reconnaître, par exemple « Logiciel comptable ».',
    scopes: 'Autorisations',
    scopesHint: 'Ne donnez que ce dont le logiciel a besoin.',
    'invoices:send_hint': 'déposer des factures au nom de la structure',
    'invoices:read_hint': 'lire les factures émises et reçues, et leurs fichiers',
    'invoices:process_hint': 'changer le statut des factures reçues (suspendre, service fait…)',
    'directory:read_hint': 'chercher des structures dans l’annuaire',
    submit: 'Créer le client',
    required: 'Ce champ est obligatoire.',
    pickScope: 'Cochez au moins une autorisation.',
    secretTitle: 'Notez ce secret maintenant',
    secretCreated:
      'Le client « {name} » est créé. Son secret n’est affiché qu’une fois : copiez-le dans la configuration du logiciel. S’il est perdu, renouvelez-le.',
    secretRotated:
      'Le secret de « {name} » est renouvelé ; l’ancien ne fonctionne plus. Ce nouveau secret n’est affiché qu’une fois.',
    clientId: 'Identifiant du client (client_id) :',
    clientSecret: 'Secret (client_secret) :',
    copy: 'Copier le secret',
    copied: 'Secret copié.',
    hide: 'J’ai noté le secret',
  },
  en: {
    title: 'API clients',
    titleOf: 'API clients — {name}',
    intro:
      'An API client lets software (accounting, ERP, approval tools…) work with Chorale on behalf of the structure, without a personal account: it gets an access token with its id and secret (OAuth 2.0 client credentials).',
    docs: 'API documentation',
    noStructure:
      'You do not belong to any structure. Join one from your account to manage its API clients.',
    notManager:
      'Only the main managers of {name} create and manage its API clients. Ask one of them if software must connect to Chorale.',
    list: 'Clients of the structure',
    none: 'The structure has no API client yet.',
    caption: 'API clients of {name}',
    colName: 'Name',
    colId: 'Client id',
    colScopes: 'Permissions',
    colState: 'State',
    colCreated: 'Created',
    colRotated: 'Secret renewed',
    colAction: 'Action',
    active: 'Active',
    inactive: 'Inactive',
    never: 'never',
    rotate: 'Renew the secret',
    rotateLabel: 'Renew the secret of {name}',
    rotateConfirmTitle: 'Renew the secret of {name}?',
    rotateConfirm:
      'The old secret stops working at once: the software using it must be given the new one.',
    rotateYes: 'Yes, renew',
    cancel: 'Cancel',
    create: 'Create an API client',
    name: 'Client name',
    nameHint: 'To recognise it, for example “Accounting software”.',
    scopes: 'Permissions',
    scopesHint: 'Give only what the software needs.',
    'invoices:send_hint': 'send invoices on behalf of the structure',
    'invoices:read_hint': 'read sent and received invoices and their files',
    'invoices:process_hint': 'change the status of received invoices (suspend, service done…)',
    'directory:read_hint': 'search the directory',
    submit: 'Create the client',
    required: 'This field is required.',
    pickScope: 'Tick at least one permission.',
    secretTitle: 'Write this secret down now',
    secretCreated:
      'Client “{name}” is created. Its secret is shown only once: copy it into the software’s settings. If it is lost, renew it.',
    secretRotated:
      'The secret of “{name}” is renewed; the old one no longer works. This new secret is shown only once.',
    clientId: 'Client id (client_id):',
    clientSecret: 'Secret (client_secret):',
    copy: 'Copy the secret',
    copied: 'Secret copied.',
    hide: 'I have written the secret down',
  },
});

export default function ApiClients() {
  const t = useT(messages);
  return (
    <GestionnaireOnly
      title={t('title')}
      titleOf={(name) => t('titleOf', { name })}
      noStructure={t('noStructure')}
      notManager={(name) => t('notManager', { name })}
    >
      {(structure) => <ManageClients identifier={structure.identifier} name={structure.name} />}
    </GestionnaireOnly>
  );
}

interface Shown {
  kind: 'created' | 'rotated';
  name: string;
  clientId: string;
  clientSecret: string;
}

interface CreateForm {
  name: string;
  scopes: Scope[];
}

function ManageClients({ identifier, name }: { identifier: string; name: string }) {
  const t = useT(messages);
  const format = useFormat();
  const labels = useAccessLabels();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Shown | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const clients = useQuery({
    queryKey: ['api-clients', identifier],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}/api-clients', {
          params: { path: { identifier } },
        }),
      ),
  });
  const form = useForm<CreateForm>({ defaultValues: { name: '', scopes: [] } });
  const { errors, isSubmitting } = form.formState;

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const reload = () => queryClient.invalidateQueries({ queryKey: ['api-clients', identifier] });

  const create = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const created = data(
        await api.POST('/api/v1/structures/{identifier}/api-clients', {
          params: { path: { identifier } },
          body: { name: values.name.trim(), scopes: values.scopes },
        }),
      );
      setShown({ kind: 'created', name: values.name.trim(), ...created });
      form.reset({ name: '', scopes: [] });
      await reload();
    } catch (error) {
      setFailure(error);
    }
  });

  const rotate = async (clientId: string, clientName: string) => {
    setFailure(null);
    try {
      const renewed = data(
        await api.POST('/api/v1/structures/{identifier}/api-clients/{clientId}/secret', {
          params: { path: { identifier, clientId } },
        }),
      );
      setConfirming(null);
      setShown({ kind: 'rotated', name: clientName, ...renewed });
      await reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const toConfirm = clients.data?.find((c) => c.id === confirming);

  return (
    <>
      <PageTitle>{t('titleOf', { name })}</PageTitle>
      <p>
        {t('intro')}{' '}
        <a href="/api/docs" className={fr.cx('fr-link')}>
          {t('docs')}
        </a>
      </p>
      {failure ? <ErrorMessage error={failure} /> : null}
      {shown && (
        <ShownOnce
          key={shown.clientSecret}
          title={t('secretTitle')}
          description={
            <>
              <span style={{ display: 'block' }} className={fr.cx('fr-mb-2w')}>
                {t(shown.kind === 'created' ? 'secretCreated' : 'secretRotated', {
                  name: shown.name,
                })}
              </span>
              <span style={{ display: 'block' }}>
                <strong>{t('clientId')}</strong>{' '}
                <code data-testid="client-id">{shown.clientId}</code>
              </span>
              <span style={{ display: 'block' }} className={fr.cx('fr-mb-2w')}>
                <strong>{t('clientSecret')}</strong>{' '}
                <code data-testid="client-secret" style={{ wordBreak: 'break-all' }}>
                  {shown.clientSecret}
                </code>
              </span>
            </>
          }
          copy={{ text: shown.clientSecret, label: t('copy'), done: t('copied') }}
          hideLabel={t('hide')}
          onHide={() => setShown(null)}
        />
      )}

      <section aria-labelledby="clients" className={fr.cx('fr-mb-6w')}>
        <h2 id="clients">{t('list')}</h2>
        {clients.isPending ? (
          <Loading />
        ) : clients.isError ? (
          <ErrorMessage error={clients.error} />
        ) : clients.data.length === 0 ? (
          <EmptyState>{t('none')}</EmptyState>
        ) : (
          <Table
            caption={t('caption', { name })}
            noCaption
            headers={[
              t('colName'),
              t('colId'),
              t('colScopes'),
              t('colState'),
              t('colCreated'),
              t('colRotated'),
              t('colAction'),
            ]}
            data={clients.data.map((c) => [
              c.name,
              <code key="i">{c.id}</code>,
              c.scopes.map((s) => labels.scope(s)).join(', '),
              <Badge key="s" small severity={c.active ? 'success' : 'error'}>
                {c.active ? t('active') : t('inactive')}
              </Badge>,
              format.date(String(c.createdAt)),
              c.secretRotatedAt ? format.dateTime(String(c.secretRotatedAt)) : t('never'),
              <Button
                key="r"
                size="small"
                priority="secondary"
                onClick={() => setConfirming(c.id)}
                nativeButtonProps={{ 'aria-label': t('rotateLabel', { name: c.name }) }}
              >
                {t('rotate')}
              </Button>,
            ])}
          />
        )}
        {toConfirm && (
          <div
            className={fr.cx('fr-p-3w', 'fr-mt-2w')}
            style={{ background: 'var(--background-alt-grey)' }}
          >
            <h3 ref={confirmRef} tabIndex={-1} className={fr.cx('fr-h6')}>
              {t('rotateConfirmTitle', { name: toConfirm.name })}
            </h3>
            <p>{t('rotateConfirm')}</p>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
              <li>
                <Button onClick={() => void rotate(toConfirm.id, toConfirm.name)}>
                  {t('rotateYes')}
                </Button>
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
        <form onSubmit={(e) => void create(e)} noValidate>
          <Input
            label={t('name')}
            hintText={t('nameHint')}
            state={errors.name ? 'error' : 'default'}
            stateRelatedMessage={errors.name?.message}
            nativeInputProps={{
              maxLength: 100,
              ...form.register('name', {
                required: t('required'),
                validate: (v) => v.trim().length > 0 || t('required'),
              }),
            }}
          />
          <Checkbox
            legend={t('scopes')}
            hintText={t('scopesHint')}
            state={errors.scopes ? 'error' : 'default'}
            stateRelatedMessage={errors.scopes?.message}
            options={SCOPES.map((s) => ({
              label: labels.scope(s),
              hintText: t(`${s}_hint`),
              nativeInputProps: {
                value: s,
                ...form.register('scopes', {
                  validate: (v) => v.length > 0 || t('pickScope'),
                }),
              },
            }))}
          />
          <Button type="submit" disabled={isSubmitting}>
            {t('submit')}
          </Button>
        </form>
      </section>
    </>
  );
}
