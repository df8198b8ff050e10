import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { api, ApiError } from '../../api/client';
import { defineMessages, useT } from '../../app/i18n';
import { ErrorMessage, PageTitle } from '../../app/ui';
import { NewPasswordFields } from './NewPasswordFields';

const messages = defineMessages({
  fr: {
    title: 'Choisir un nouveau mot de passe',
    intro:
      'Choisissez le nouveau mot de passe de votre compte. Vos autres sessions ouvertes seront fermées.',
    password: 'Nouveau mot de passe',
    passwordConfirm: 'Confirmer le nouveau mot de passe',
    submit: 'Enregistrer le mot de passe',
    noToken:
      'Ce lien est incomplet. Ouvrez le lien reçu par e-mail tel quel, ou demandez-en un nouveau.',
    invalidTitle: 'Lien expiré ou déjà utilisé',
    invalid:
      'Ce lien de réinitialisation n’est plus valable : il a déjà servi ou date de plus d’une heure. Demandez-en un nouveau.',
    askAgain: 'Demander un nouveau lien',
    doneTitle: 'Mot de passe modifié',
    done: 'Votre nouveau mot de passe est enregistré. Vous pouvez vous connecter avec.',
    signIn: 'Se connecter',
  },
  en: {
    title: 'Choose a new password',
    intro: 'Choose the new password of your account. Your other open sessions will be closed.',
    password: 'New password',
    passwordConfirm: 'Confirm the new password',
    submit: 'Save the password',
    noToken:
      'This link is incomplete. Open the link from the e-mail as it is, or ask for a new one.',
    invalidTitle: 'Link expired or already used',
    invalid:
      'This reset link no longer works: it was already used or is more than one hour old. Ask for a new one.',
    askAgain: 'Ask for a new link',
    doneTitle: 'Password changed',
    done: 'Your new password is saved. You can sign in with it.',
    signIn: 'Sign in',
  },
});

interface ResetForm {
  password: string;
  confirm: string;
}

export default function PasswordResetConfirm() {
  const t = useT(messages);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<ResetForm>({ defaultValues: { password: '', confirm: '' } });
  const { isSubmitting } = form.formState;
  const tokenLooksValid = token.length >= 20 && token.length <= 200;
  // The server answers BAD_REQUEST for an unknown, used or expired token.
  const expired = failure instanceof ApiError && failure.code === 'BAD_REQUEST';

  const onSubmit = form.handleSubmit(async ({ password }) => {
    setFailure(null);
    try {
      await api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } });
      setDone(true);
    } catch (error) {
      setFailure(error);
    }
  });

  const askAgain = (
    <Link to="/mot-de-passe-oublie" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
      {t('askAgain')}
    </Link>
  );

  let body;
  if (done) {
    body = (
      <>
        <Alert
          severity="success"
          as="h2"
          title={t('doneTitle')}
          description={t('done')}
          className={fr.cx('fr-mb-3w')}
        />
        <Link to="/connexion" className={fr.cx('fr-btn')}>
          {t('signIn')}
        </Link>
      </>
    );
  } else if (!tokenLooksValid) {
    body = (
      <>
        <Alert severity="error" small description={t('noToken')} className={fr.cx('fr-mb-3w')} />
        {askAgain}
      </>
    );
  } else if (expired) {
    body = (
      <>
        <Alert
          severity="error"
          as="h2"
          title={t('invalidTitle')}
          description={t('invalid')}
          className={fr.cx('fr-mb-3w')}
        />
        {askAgain}
      </>
    );
  } else {
    body = (
      <>
        <p>{t('intro')}</p>
        {failure ? <ErrorMessage error={failure} /> : null}
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
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
    );
  }

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <PageTitle>{t('title')}</PageTitle>
        {body}
      </div>
    </div>
  );
}
