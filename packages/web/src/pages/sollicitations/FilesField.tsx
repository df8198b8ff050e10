import type { Dispatch, SetStateAction } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { defineMessages, useFormat, useT } from '../../app/i18n';

const messages = defineMessages({
  fr: {
    files: 'Pièces jointes (facultatif)',
    filesHint:
      'Au plus 5 fichiers de 10 Mo, aux formats acceptés pour les pièces jointes des factures (PDF, images, bureautique, texte…).',
    remove: 'Retirer {name}',
  },
  en: {
    files: 'Attachments (optional)',
    filesHint:
      'At most 5 files of 10 MB, in the formats accepted for invoice attachments (PDF, images, office, text…).',
    remove: 'Remove {name}',
  },
});

/** Files added one choice at a time, listed with their size, removable one by one. */
export function FilesField({
  inputId,
  files,
  setFiles,
}: {
  inputId: string;
  files: File[];
  setFiles: Dispatch<SetStateAction<File[]>>;
}) {
  const t = useT(messages);
  const f = useFormat();
  return (
    <>
      <Upload
        label={t('files')}
        hint={t('filesHint')}
        multiple
        className={fr.cx('fr-mb-2w')}
        nativeInputProps={{
          id: inputId,
          onChange: (e) => {
            const chosen = [...(e.target.files ?? [])];
            setFiles((a) => [...a, ...chosen].slice(0, 5));
            e.target.value = '';
          },
        }}
      />
      {files.length > 0 && (
        <ul className={fr.cx('fr-mb-2w')}>
          {files.map((file, i) => (
            <li key={`${file.name}-${i}`}>
              {file.name} ({f.number(Math.ceil(file.size / 1024))} Kio){' '}
              <Button
                type="button"
                size="small"
                priority="tertiary no outline"
                onClick={() => setFiles((a) => a.filter((_, k) => k !== i))}
              >
                {t('remove', { name: file.name })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
