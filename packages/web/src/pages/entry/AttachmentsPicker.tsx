import type { Dispatch, ReactNode, SetStateAction } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useFormat, useT } from '../../app/i18n';
import { formMessages } from './messages';

/**
 * Attachments of a deposit (key-in and upload): files are added by each choice, listed with
 * their size, and removed one by one. The input is emptied after each choice so the same file
 * can be chosen again after removing it.
 */
export function AttachmentsPicker({
  inputId,
  attachments,
  setAttachments,
  error,
}: {
  inputId: string;
  attachments: File[];
  setAttachments: Dispatch<SetStateAction<File[]>>;
  /** Problems about the attachments, shown under the field. */
  error?: ReactNode;
}) {
  const t = useT(formMessages);
  const format = useFormat();
  return (
    <>
      <Upload
        label={t('attachments')}
        hint={t('attachmentsHint')}
        multiple
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          id: inputId,
          onChange: (e) => {
            const chosen = [...(e.target.files ?? [])];
            setAttachments((a) => [...a, ...chosen]);
            e.target.value = '';
          },
        }}
      />
      {attachments.length > 0 && (
        <ul className={fr.cx('fr-mt-1w')}>
          {attachments.map((a, i) => (
            <li key={`${a.name}-${i}`}>
              {a.name} ({format.number(Math.ceil(a.size / 1024))} Kio){' '}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                onClick={() => setAttachments((all) => all.filter((_, k) => k !== i))}
              >
                {t('attachmentRemove', { name: a.name })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
