import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { Link } from 'react-router';
import { api, data } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { ShownOnce } from '../../app/ShownOnce';
import { GestionnaireOnly } from '../account/GestionnaireOnly';
import { EVENT_TYPES, eventMessages, type EventType } from './event-labels';
import { Deliveries } from './WebhookDeliveries';

const messages = defineMessages({
  fr: {
    title: 'Webhooks',
    titleOf: 'Webhooks — {name}',
    intro:
      'Un webhook prévient votre logiciel dès qu’un événement survient (facture reçue, changement de statut…) : Chorale envoie une requête HTTPS signée à l’adresse choisie, au lieu d’attendre qu’il vienne demander.',
    howTo: 'Vérifier la signature (aide)',
    noStructure:
      'Vous n’appartenez à aucune structure. Rejoignez-en une depuis votre compte pour gérer ses webhooks.',
    notManager:
      'Seuls les gestionnaires principaux de {name} gèrent ses webhooks. Demandez à l’un d’eux.',
    list: 'Webhooks de la structure',
    none: 'La structure n’a encore aucun webhook.',
    caption: 'Webhooks de {name}',
    colUrl: 'Adresse',
    colEvents: 'Événements',
    colState: 'Envois',
    colAction: 'Actions',
    counts: '{pending} en attente, {failed} abandonné(s)',
    show: 'Voir les envois',
    showLabel: 'Voir les envois vers {url}',
    hideLog: 'Masquer les envois',
    remove: 'Supprimer',
    removeLabel: 'Supprimer le webhook {url}',
    removeTitle: 'Supprimer le webhook {url} ?',
    removeText: 'Les envois en attente sont abandonnés et leur historique supprimé.',
    removeYes: 'Oui, supprimer',
    cancel: 'Annuler',
    create: 'Ajouter un webhook',
    url: 'Adresse HTTPS du logiciel',
    urlHint: 'Par exemple https://erp.exemple.fr/chorale/evenements',
    events: 'Événements à envoyer',
    pickEvent: 'Cochez au moins un événement.',
    required: 'Ce champ est obligatoire.',
    submit: 'Ajouter le webhook',
    secretTitle: 'Notez ce secret maintenant',
    secretText:
      'Le webhook est ajouté. Son secret de signature n’est affiché qu’une fois : copiez-le dans la configuration du logiciel, qui s’en sert pour vérifier que les envois viennent de Chorale.',
    secret: 'Secret de signature :',
    hide: 'J’ai noté le secret',
  },
  en: {
    title: 'Webhooks',
    titleOf: 'Webhooks — {name}',
    intro:
      'A webhook tells your software as soon as something happens (invoice received, status change…): Chorale sends a signed HTTPS request to the address you choose, instead of waiting to be asked.',
    howTo: 'Verifying the signature (help)',
    noStructure:
      'You do not belong to any structure. Join one from your account to manage its webhooks.',
    notManager: 'Only the main managers of {name} manage its webhooks. Ask one of them.',
    list: 'Webhooks of the structure',
    none: 'The structure has no webhook yet.',
    caption: 'Webhooks of {name}',
    colUrl: 'Address',
    colEvents: 'Events',
    colState: 'Deliveries',
    colAction: 'Actions',
    counts: '{pending} waiting, {failed} given up',
    show: 'Show deliveries',
    showLabel: 'Show deliveries to {url}',
    hideLog: 'Hide deliveries',
    remove: 'Delete',
    removeLabel: 'Delete webhook {url}',
    removeTitle: 'Delete webhook {url}?',
    removeText: 'Waiting deliveries are dropped and their history deleted.',
    removeYes: 'Yes, delete',
    cancel: 'Cancel',
    create: 'Add a webhook',
    url: 'HTTPS address of the software',
    urlHint: 'For example https://erp.example.com/chorale/events',
    events: 'Events to send',
    pickEvent: 'Tick at least one event.',
    required: 'This field is required.',
    submit: 'Add the webhook',
    secretTitle: 'Write this secret down now',
    secretText:
      'The webhook is added. Its signing secret is shown only once: copy it into the software’s settings, which uses it to check that deliveries come from Chorale.',
    secret: 'Signing secret:',
    hide: 'I have written the secret down',
  },
});

export default function Webhooks() {
  const t = useT(messages);
  return (
    <GestionnaireOnly
      title={t('title')}
      titleOf={(name) => t('titleOf', { name })}
      noStructure={t('noStructure')}
      notManager={(name) => t('notManager', { name })}
    >
      {(structure) => <Manage identifier={structure.identifier} name={structure.name} />}
    </GestionnaireOnly>
  );
}

interface CreateForm {
  url: string;
  events: EventType[];
}

function Manage({ identifier, name }: { identifier: string; name: string }) {
  const t = useT(messages);
  const te = useT(eventMessages);
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const hooks = useQuery({
    queryKey: ['webhooks', identifier],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}/webhooks', {
          params: { path: { identifier } },
        }),
      ),
  });
  const form = useForm<CreateForm>({ defaultValues: { url: '', events: [] } });
  const { errors, isSubmitting } = form.formState;
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const reload = () => queryClient.invalidateQueries({ queryKey: ['webhooks', identifier] });

  const create = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const created = data(
        await api.POST('/api/v1/structures/{identifier}/webhooks', {
          params: { path: { identifier } },
          body: { url: values.url.trim(), events: values.events },
        }),
      );
      setSecret(created.secret);
      form.reset({ url: '', events: [] });
      await reload();
    } catch (error) {
      setFailure(error);
    }
  });

  const remove = async (webhookId: string) => {
    setFailure(null);
    try {
      await api.DELETE('/api/v1/structures/{identifier}/webhooks/{webhookId}', {
        params: { path: { identifier, webhookId } },
      });
      setConfirming(null);
      if (open === webhookId) setOpen(null);
      await reload();
    } catch (error) {
      setFailure(error);
    }
  };

  const toConfirm = hooks.data?.find((h) => h.id === confirming);
  const opened = hooks.data?.find((h) => h.id === open);

  return (
    <>
      <PageTitle>{t('titleOf', { name })}</PageTitle>
      <p>
        {t('intro')}{' '}
        <Link to="/aide/webhooks" className={fr.cx('fr-link')}>
          {t('howTo')}
        </Link>
      </p>
      {failure ? <ErrorMessage error={failure} /> : null}
      {secret && (
        <ShownOnce
          key={secret}
          title={t('secretTitle')}
          description={
            <>
              <span style={{ display: 'block' }} className={fr.cx('fr-mb-2w')}>
                {t('secretText')}
              </span>
              <span style={{ display: 'block' }}>
                <strong>{t('secret')}</strong>{' '}
                <code data-testid="webhook-secret" style={{ wordBreak: 'break-all' }}>
                  {secret}
                </code>
              </span>
            </>
          }
          hideLabel={t('hide')}
          onHide={() => setSecret(null)}
        />
      )}

      <section aria-labelledby="webhooks" className={fr.cx('fr-mb-6w')}>
        <h2 id="webhooks">{t('list')}</h2>
        {hooks.isPending ? (
          <Loading />
        ) : hooks.isError ? (
          <ErrorMessage error={hooks.error} />
        ) : hooks.data.length === 0 ? (
          <EmptyState>{t('none')}</EmptyState>
        ) : (
          <Table
            caption={t('caption', { name })}
            noCaption
            headers={[t('colUrl'), t('colEvents'), t('colState'), t('colAction')]}
            data={hooks.data.map((h) => [
              <code key="u" style={{ wordBreak: 'break-all' }}>
                {h.url}
              </code>,
              h.events.map((e) => te(e)).join(', '),
              t('counts', { pending: String(h.pending), failed: String(h.failed) }),
              <ul
                key="a"
                className={fr.cx('fr-btns-group', 'fr-btns-group--sm', 'fr-btns-group--inline')}
              >
                <li>
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={() => setOpen(open === h.id ? null : h.id)}
                    nativeButtonProps={{
                      'aria-label': open === h.id ? t('hideLog') : t('showLabel', { url: h.url }),
                      'aria-expanded': open === h.id,
                    }}
                  >
                    {open === h.id ? t('hideLog') : t('show')}
                  </Button>
                </li>
                <li>
                  <Button
                    size="small"
                    priority="tertiary"
                    onClick={() => setConfirming(h.id)}
                    nativeButtonProps={{ 'aria-label': t('removeLabel', { url: h.url }) }}
                  >
                    {t('remove')}
                  </Button>
                </li>
              </ul>,
            ])}
          />
        )}
        {toConfirm && (
          <div
            className={fr.cx('fr-p-3w', 'fr-mt-2w')}
            style={{ background: 'var(--background-alt-grey)' }}
          >
            <h3 ref={confirmRef} tabIndex={-1} className={fr.cx('fr-h6')}>
              {t('removeTitle', { url: toConfirm.url })}
            </h3>
            <p>{t('removeText')}</p>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
              <li>
                <Button onClick={() => void remove(toConfirm.id)}>{t('removeYes')}</Button>
              </li>
              <li>
                <Button priority="tertiary" onClick={() => setConfirming(null)}>
                  {t('cancel')}
                </Button>
              </li>
            </ul>
          </div>
        )}
        {opened && <Deliveries identifier={identifier} webhookId={opened.id} url={opened.url} />}
      </section>

      <section aria-labelledby="ajouter">
        <h2 id="ajouter">{t('create')}</h2>
        <form onSubmit={(e) => void create(e)} noValidate>
          <Input
            label={t('url')}
            hintText={t('urlHint')}
            state={errors.url ? 'error' : 'default'}
            stateRelatedMessage={errors.url?.message}
            nativeInputProps={{
              type: 'url',
              maxLength: 2000,
              ...form.register('url', {
                validate: (v) => v.trim().length > 0 || t('required'),
              }),
            }}
          />
          <Checkbox
            legend={t('events')}
            state={errors.events ? 'error' : 'default'}
            stateRelatedMessage={errors.events?.message}
            options={EVENT_TYPES.map((e) => ({
              label: te(e),
              hintText: e,
              nativeInputProps: {
                value: e,
                ...form.register('events', {
                  validate: (v) => v.length > 0 || t('pickEvent'),
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
