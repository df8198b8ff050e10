import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { api, ApiError } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { ErrorMessage } from '../../app/ui';
import { asMessages } from './NewPasswordFields';

const messages = defineMessages({
  fr: {
    open: 'Désactiver la double authentification',
    intro:
      'Sans second facteur, votre mot de passe suffira pour ouvrir votre compte. Vos codes de secours seront effacés ; vous pourrez réactiver la double authentification avec une nouvelle clé.',
    password: 'Votre mot de passe',
    required: 'Ce champ est obligatoire.',
    wrong: 'Ce n’est pas votre mot de passe.',
    submit: 'Désactiver',
    cancel: 'Annuler',
  },
  en: {
    open: 'Turn off two-step verification',
    intro:
      'Without a second factor, your password alone will open your account. Your recovery codes will be erased; you can turn two-step verification on again with a new key.',
    password: 'Your password',
    required: 'This field is required.',
    wrong: 'This is not your password.',
    submit: 'Turn off',
    cancel: 'Cancel',
  },
});

/** The password-confirmed way to turn an enrolled second factor off. */
export function TurnOffSecondFactor({ onDone }: { onDone: () => Promise<void> }) {
  const t = useT(messages);
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<{ password: string }>({ defaultValues: { password: '' } });
  const { errors, isSubmitting } = form.formState;

  // Opening the form moves the focus to the password field.
  useEffect(() => {
    if (open) form.setFocus('password');
  }, [open, form]);

  const submit = form.handleSubmit(async ({ password }) => {
    setFailure(null);
    try {
      await api.POST('/api/v1/me/second-factor/disable', { body: { password } });
      await onDone();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED')
        form.setError('password', { message: t('wrong') }, { shouldFocus: true });
      else setFailure(error);
    }
  });

  if (!open)
    return (
      <Button priority="secondary" iconId="fr-icon-lock-unlock-line" onClick={() => setOpen(true)}>
        {t('open')}
      </Button>
    );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <p>{t('intro')}</p>
      {failure ? <ErrorMessage error={failure} /> : null}
      <div style={{ maxWidth: '28rem' }}>
        <PasswordInput
          label={t('password')}
          messagesHint=""
          messages={asMessages(errors.password?.message)}
          nativeInputProps={{
            autoComplete: 'current-password',
            ...form.register('password', { required: t('required') }),
          }}
        />
      </div>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-2w')}>
        <li>
          <Button type="submit" disabled={isSubmitting}>
            {t('submit')}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="tertiary"
            onClick={() => {
              setOpen(false);
              form.reset({ password: '' });
            }}
          >
            {t('cancel')}
          </Button>
        </li>
      </ul>
    </form>
  );
}
