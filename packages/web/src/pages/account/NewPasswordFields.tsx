import type { FieldErrors, Path, UseFormReturn } from 'react-hook-form';
import { PasswordInput } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { defineMessages, useT } from '../../app/i18n';

/** The fields every form choosing a password has (sign-up, password reset and change). */
export interface NewPassword {
  password: string;
  confirm: string;
}

const messages = defineMessages({
  fr: {
    passwordRule: '12 caractères au minimum (une phrase de passe est plus facile à retenir)',
    required: 'Ce champ est obligatoire.',
    tooShort: 'Le mot de passe doit compter au moins 12 caractères.',
    tooLong: 'Le mot de passe ne peut pas dépasser 128 caractères.',
    mismatch: 'Les deux mots de passe ne sont pas identiques.',
  },
  en: {
    passwordRule: 'At least 12 characters (a passphrase is easier to remember)',
    required: 'This field is required.',
    tooShort: 'The password must have at least 12 characters.',
    tooLong: 'The password cannot be longer than 128 characters.',
    mismatch: 'The two passwords are not the same.',
  },
});

/** A field's error as the `messages` of a DSFR PasswordInput (no error: none shown). */
export const asMessages = (message: string | undefined) =>
  message ? [{ severity: 'error' as const, message }] : [];

/**
 * A new password and its confirmation, with the server's rules (12 to 128 characters: see
 * PASSWORD_MIN/MAX in the server's accounts model) checked before sending.
 */
export function NewPasswordFields<T extends NewPassword>({
  form,
  passwordLabel,
  confirmLabel,
}: {
  form: UseFormReturn<T>;
  passwordLabel: string;
  confirmLabel: string;
}) {
  const t = useT(messages);
  const errors = form.formState.errors as FieldErrors<NewPassword>;
  return (
    <>
      <PasswordInput
        label={passwordLabel}
        hintText={t('passwordRule')}
        messagesHint=""
        messages={asMessages(errors.password?.message)}
        nativeInputProps={{
          autoComplete: 'new-password',
          ...form.register('password' as Path<T>, {
            required: t('required'),
            minLength: { value: 12, message: t('tooShort') },
            maxLength: { value: 128, message: t('tooLong') },
          }),
        }}
      />
      <PasswordInput
        label={confirmLabel}
        messagesHint=""
        messages={asMessages(errors.confirm?.message)}
        nativeInputProps={{
          autoComplete: 'new-password',
          ...form.register('confirm' as Path<T>, {
            required: t('required'),
            validate: (v, all) => v === (all as NewPassword).password || t('mismatch'),
          }),
        }}
      />
    </>
  );
}
