import { useState } from 'react';
import { Link } from 'react-router';
import { useForm } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { api, ApiError } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { ErrorMessage, PageTitle } from '../../app/ui';
import { asMessages, NewPasswordFields, type NewPassword } from './NewPasswordFields';

const messages = defineMessages({
  fr: {
    title: 'Changer de mot de passe',
    intro:
      'Saisissez votre mot de passe actuel, puis le nouveau. Vos autres sessions ouvertes (autres navigateurs, autres appareils) seront fermées ; celle-ci reste ouverte.',
    current: 'Mot de passe actuel',
    required: 'Ce champ est obligatoire.',
    wrongCurrent: 'Ce n’est pas votre mot de passe actuel.',
    sameAsCurrent: 'Le nouveau mot de passe doit être différent de l’actuel.',
    password: 'Nouveau mot de passe',
    passwordConfirm: 'Confirmer le nouveau mot de passe',
    submit: 'Enregistrer le nouveau mot de passe',
    doneTitle: 'Mot de passe modifié',
    done: 'Votre nouveau mot de passe est enregistré. Vos autres sessions ont été fermées.',
    back: 'Retour à mon compte',
    forgot: 'Mot de passe actuel oublié ?',
  },
  en: {
    title: 'Change my password',
    intro:
      'Type your current password, then the new one. Your other open sessions (other browsers, other devices) will be closed; this one stays open.',
    current: 'Current password',
    required: 'This field is required.',
    wrongCurrent: 'This is not your current password.',
    sameAsCurrent: 'The new password must differ from the current one.',
    password: 'New password',
    passwordConfirm: 'Confirm the new password',
    submit: 'Save the new password',
    doneTitle: 'Password changed',
    done: 'Your new password is saved. Your other sessions were closed.',
    back: 'Back to my account',
    forgot: 'Forgot your current password?',
  },
});

interface ChangeForm extends NewPassword {
  current: string;
}

/** Where the server's field names (its problem's errors[].pointer) sit in this form. */
const fieldOf = { currentPassword: 'current', newPassword: 'password' } as const;

export default function ChangePassword() {
  const t = useT(messages);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<ChangeForm>({ defaultValues: { current: '', password: '', confirm: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ current, password }) => {
    setFailure(null);
    try {
      await api.POST('/api/v1/me/password', {
        body: { currentPassword: current, newPassword: password },
      });
      form.reset();
      setDone(true);
    } catch (error) {
      // A wrong current password or an unchanged one is told at its field, not above the form.
      const items =
        error instanceof ApiError && error.code === 'VALIDATION_FAILED'
          ? ((error.problem.errors as { pointer?: string }[] | undefined) ?? [])
          : [];
      const pointers = items.map((e) => e.pointer);
      if (pointers.includes('currentPassword'))
        form.setError(
          fieldOf.currentPassword,
          { message: t('wrongCurrent') },
          { shouldFocus: true },
        );
      else if (pointers.includes('newPassword'))
        form.setError(fieldOf.newPassword, { message: t('sameAsCurrent') }, { shouldFocus: true });
      else setFailure(error);
    }
  });

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <PageTitle>{t('title')}</PageTitle>
        {done ? (
          <>
            <Alert
              severity="success"
              as="h2"
              title={t('doneTitle')}
              description={t('done')}
              className={fr.cx('fr-mb-3w')}
            />
            <Link to="/compte" className={fr.cx('fr-btn')}>
              {t('back')}
            </Link>
          </>
        ) : (
          <>
            <p>{t('intro')}</p>
            {failure ? <ErrorMessage error={failure} /> : null}
            <form onSubmit={(e) => void onSubmit(e)} noValidate>
              <PasswordInput
                label={t('current')}
                messagesHint=""
                messages={asMessages(errors.current?.message)}
                nativeInputProps={{
                  autoComplete: 'current-password',
                  ...form.register('current', { required: t('required') }),
                }}
              />
              <p className={fr.cx('fr-text--sm')}>
                <Link to="/mot-de-passe-oublie" className={fr.cx('fr-link')}>
                  {t('forgot')}
                </Link>
              </p>
              <NewPasswordFields
                form={form}
                passwordLabel={t('password')}
                confirmLabel={t('passwordConfirm')}
              />
              <Button type="submit" disabled={isSubmitting} className={fr.cx('fr-mt-2w')}>
                {t('submit')}
              </Button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
