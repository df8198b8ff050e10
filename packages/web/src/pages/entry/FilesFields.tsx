import type { Dispatch, SetStateAction } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useT } from '../../app/i18n';
import { AttachmentsPicker } from './AttachmentsPicker';
import { Lines, type FieldProblems } from './field-problems';
import { formMessages } from './messages';
import { placeId } from './problems';

/**
 * The files sent with the keyed data: the invoice's own PDF (given by the upload page, or
 * chosen here) and attachments. Neither is kept by the portal.
 */
export function FilesFields({
  pdf,
  onPdf,
  attachments,
  setAttachments,
  problemsAt,
}: {
  /** The PDF the upload page already has: no choice to make here. */
  pdf: File | undefined;
  onPdf: (file: File | undefined) => void;
  attachments: File[];
  setAttachments: Dispatch<SetStateAction<File[]>>;
  problemsAt: FieldProblems['problemsAt'];
}) {
  const t = useT(formMessages);
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('filesTitle')}</legend>
      <div className={fr.cx('fr-fieldset__element')}>
        {pdf ? (
          <p>{t('pdfGiven', { name: pdf.name })}</p>
        ) : (
          <Upload
            label={t('pdf')}
            hint={t('pdfHint')}
            state={problemsAt('pdf').length ? 'error' : 'default'}
            stateRelatedMessage={<Lines messages={problemsAt('pdf')} />}
            nativeInputProps={{
              id: placeId('pdf'),
              accept: 'application/pdf,.pdf',
              onChange: (e) => onPdf(e.target.files?.[0]),
            }}
          />
        )}
      </div>
      <div className={fr.cx('fr-fieldset__element')}>
        <AttachmentsPicker
          inputId={placeId('attachments')}
          attachments={attachments}
          setAttachments={setAttachments}
          error={
            problemsAt('attachments').length ? (
              <Lines messages={problemsAt('attachments')} />
            ) : undefined
          }
        />
        <p className={fr.cx('fr-text--sm', 'fr-mt-1w')}>{t('filesNotKept')}</p>
      </div>
    </fieldset>
  );
}
