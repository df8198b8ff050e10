import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { api, data } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { EVENT_TYPES, eventMessages, type EventType } from './event-labels';

const messages = defineMessages({
  fr: {
    title: 'E-mails de notification',
    intro:
      'Pour chaque événement, choisissez de recevoir un e-mail aussitôt, un résumé une fois par jour, ou rien. Les notifications restent visibles dans la cloche du bandeau quel que soit votre choix.',
    IMMEDIATE: 'Un e-mail aussitôt',
    DIGEST: 'Dans le résumé quotidien',
    OFF: 'Pas d’e-mail',
    save: 'Enregistrer mes choix',
    saved: 'Vos choix sont enregistrés.',
  },
  en: {
    title: 'Notification e-mails',
    intro:
      'For each event, choose to get an e-mail at once, a summary once a day, or nothing. Notifications stay visible in the header’s bell whatever you choose.',
    IMMEDIATE: 'An e-mail at once',
    DIGEST: 'In the daily summary',
    OFF: 'No e-mail',
    save: 'Save my choices',
    saved: 'Your choices are saved.',
  },
});

const MODES = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;
type Mode = (typeof MODES)[number];

/** The signed-in user's mail preferences, per event type. */
export default function Preferences() {
  const t = useT(messages);
  const te = useT(eventMessages);
  const queryClient = useQueryClient();
  // What the user changed since the page loaded, over what the server holds.
  const [edits, setEdits] = useState<Partial<Record<EventType, Mode>>>({});
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const prefs = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: async () => data(await api.GET('/api/v1/me/notification-preferences')),
  });
  const choices: Partial<Record<EventType, Mode>> = {
    ...Object.fromEntries((prefs.data ?? []).map((p) => [p.type, p.mode])),
    ...edits,
  };
  const save = async () => {
    setFailure(null);
    setSaving(true);
    try {
      const preferences = EVENT_TYPES.map((type) => ({ type, mode: choices[type] ?? 'IMMEDIATE' }));
      data(await api.PUT('/api/v1/me/notification-preferences', { body: { preferences } }));
      setStatus(t('saved'));
      await queryClient.invalidateQueries({ queryKey: ['notification-preferences'] });
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('intro')}</p>
      {failure ? <ErrorMessage error={failure} /> : null}
      {prefs.isPending ? (
        <Loading />
      ) : prefs.isError ? (
        <ErrorMessage error={prefs.error} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {EVENT_TYPES.map((type) => (
            <RadioButtons
              key={type}
              legend={te(type)}
              name={`mode-${type}`}
              orientation="horizontal"
              options={MODES.map((mode) => ({
                label: t(mode),
                nativeInputProps: {
                  value: mode,
                  checked: (choices[type] ?? 'IMMEDIATE') === mode,
                  onChange: () => setEdits((c) => ({ ...c, [type]: mode })),
                },
              }))}
            />
          ))}
          <Button type="submit" disabled={saving}>
            {t('save')}
          </Button>
          <p role="status" className={fr.cx('fr-mt-2w')}>
            {status}
          </p>
        </form>
      )}
    </>
  );
}
