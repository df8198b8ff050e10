import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useFormat, useT } from '../../app/i18n';
import { TableFrame } from '../../app/DataTable';
import { EXEMPT_CATEGORIES, type Amounts } from './amounts';
import { FieldErrors, type FieldProblems } from './field-problems';
import { formMessages } from './messages';
import { placeId } from './problems';

/**
 * The totals as the lines make them: the VAT breakdown, an exemption reason for each exempt
 * category used, then the invoice's totals (announced politely as they change).
 */
export function TotalsPanel({
  amounts,
  currency,
  fields,
}: {
  amounts: Amounts;
  currency: string;
  fields: FieldProblems;
}) {
  const t = useT(formMessages);
  const format = useFormat();
  const { problemsAt, stateOf, reg } = fields;
  const usedExempt = amounts.breakdown
    .map((b) => b.category)
    .filter((c, i, a) => EXEMPT_CATEGORIES.has(c) && a.indexOf(c) === i);
  return (
    <section className={fr.cx('fr-mb-4w')} aria-labelledby="totals-title">
      <h2 id="totals-title" className={fr.cx('fr-h4')}>
        {t('totalsTitle')}
      </h2>
      <div id={placeId('totals')} tabIndex={-1}>
        {problemsAt('totals').length > 0 && <FieldErrors messages={problemsAt('totals')} />}
      </div>
      {amounts.breakdown.length === 0 ? (
        <p>{t('noLines')}</p>
      ) : (
        <TableFrame
          caption={t('vatTableCaption')}
          className={fr.cx('fr-table', 'fr-table--no-caption')}
        >
          <thead>
            <tr>
              <th scope="col">{t('colCategory')}</th>
              <th scope="col">{t('colRate')}</th>
              <th scope="col">{t('colTaxable')}</th>
              <th scope="col">{t('colTax')}</th>
            </tr>
          </thead>
          <tbody>
            {amounts.breakdown.map((b) => (
              <tr key={`${b.category}|${b.rate ?? ''}`}>
                <td>{t(`cat_${b.category}` as `cat_S`)}</td>
                <td>{b.rate === undefined ? '—' : `${format.number(b.rate)} %`}</td>
                <td>{format.money(b.taxableAmount, currency)}</td>
                <td>{format.money(b.taxAmount, currency)}</td>
              </tr>
            ))}
          </tbody>
        </TableFrame>
      )}
      {usedExempt.map((c) => (
        <Input
          key={c}
          label={t('exemption', { category: c })}
          hintText={t('exemptionHint')}
          {...stateOf(`exemptions.${c}`)}
          nativeInputProps={{ ...reg(`exemptions.${c}`), maxLength: 300 }}
        />
      ))}
      <div
        className={fr.cx('fr-mt-2w')}
        style={{ maxWidth: '24rem', marginLeft: 'auto' }}
        aria-live="polite"
        aria-atomic="true"
      >
        {(
          [
            ['totalNet', amounts.totals.withoutVat],
            ['totalVat', amounts.totals.vat],
            ['totalWithVat', amounts.totals.withVat],
            ['payable', amounts.totals.payable],
          ] as const
        ).map(([label, amount]) => (
          <p
            key={label}
            className={fr.cx('fr-mb-1v', label === 'payable' ? 'fr-text--bold' : undefined)}
            style={{ display: 'flex', justifyContent: 'space-between', gap: '1rem' }}
          >
            <span>{t(label)}</span>
            <span>{format.money(amount, currency)}</span>
          </p>
        ))}
      </div>
    </section>
  );
}
