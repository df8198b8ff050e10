import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useT } from '../../app/i18n';
import type { RecipientChoice } from './form-model';
import { FieldErrors, type FieldProblems } from './field-problems';
import { formMessages } from './messages';
import { placeId } from './problems';
import { RecipientPicker } from './RecipientPicker';
import type { Parties } from './use-parties';

/** The supplier: who the user acts for, as the directory has it, and the VAT number typed. */
export function SupplierFields({
  parties,
  fields,
}: {
  parties: Pick<Parties, 'supplier' | 'supplierKnown'>;
  fields: FieldProblems;
}) {
  const t = useT(formMessages);
  const { supplier } = parties;
  const { problemsAt, stateOf, reg } = fields;
  const address = supplier
    ? [supplier.address.line1, supplier.address.postCode, supplier.address.city]
    : [];
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('supplierTitle')}</legend>
      <div className={fr.cx('fr-fieldset__element')} id={placeId('supplier')} tabIndex={-1}>
        {supplier && (
          <p className={fr.cx('fr-mb-1w')}>
            {t('supplierIdentity', { name: supplier.name, identifier: supplier.identifier })}
            <br />
            {parties.supplierKnown
              ? address.some(Boolean)
                ? t('supplierAddress', { address: address.filter(Boolean).join(' ') })
                : t('supplierNoAddress')
              : null}
          </p>
        )}
        {problemsAt('supplier').length > 0 && <FieldErrors messages={problemsAt('supplier')} />}
      </div>
      <div className={fr.cx('fr-fieldset__element')}>
        <Input
          label={t('vatId')}
          hintText={t('vatIdHint')}
          {...stateOf('supplierVatId')}
          nativeInputProps={{ ...reg('supplierVatId'), autoComplete: 'off' }}
        />
      </div>
    </fieldset>
  );
}

/**
 * The recipient, found in the directory, then its service and commitment number when its
 * flags (or the service chosen) ask for them.
 */
export function RecipientFields({
  parties,
  fields,
  onChoose,
  showPickerProblems,
}: {
  parties: Parties;
  fields: FieldProblems;
  onChoose: (choice: RecipientChoice | null) => void;
  /** The picker's own problems show after an attempt to send or a refusal, not while typing. */
  showPickerProblems: boolean;
}) {
  const t = useT(formMessages);
  const { recipient, services, serviceRequired, eitherRequired, commitmentRequired } = parties;
  const { problemsAt, stateOf, reg } = fields;
  return (
    <fieldset className={fr.cx('fr-fieldset', 'fr-mb-2w')}>
      <legend className={fr.cx('fr-fieldset__legend', 'fr-h4')}>{t('recipientTitle')}</legend>
      <div className={fr.cx('fr-fieldset__element')}>
        <RecipientPicker
          id={placeId('recipient')}
          value={recipient}
          onChange={onChoose}
          error={showPickerProblems ? problemsAt('recipient') : []}
        />
        {parties.recipientLoading && <p role="status">{t('recipientLoading')}</p>}
      </div>
      {recipient && parties.askService && (
        <div className={fr.cx('fr-fieldset__element')}>
          <Select
            label={
              <>
                {t('service')} {serviceRequired ? t('required') : t('optional')}
              </>
            }
            hint={
              serviceRequired
                ? t('serviceHintRequired')
                : eitherRequired
                  ? t('serviceHintEither')
                  : undefined
            }
            {...stateOf('serviceCode')}
            nativeSelectProps={reg('serviceCode')}
          >
            <option value="">{t('serviceChoose')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.code}>
                {`${s.name} (${s.code})`}
              </option>
            ))}
          </Select>
        </div>
      )}
      {recipient && parties.askCommitment && (
        <div className={fr.cx('fr-fieldset__element')}>
          <Input
            label={
              <>
                {t('commitment')} {commitmentRequired ? t('required') : ''}
              </>
            }
            hintText={t('commitmentHint')}
            {...stateOf('commitmentNumber')}
            nativeInputProps={{ ...reg('commitmentNumber'), maxLength: 50 }}
          />
        </div>
      )}
    </fieldset>
  );
}
