import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useLang, useT } from '../../app/i18n';
import { useErrorText } from '../../app/ui';
import { statusMessages, type InvoiceSummary, type ListQuery } from './common';
import { buildCsv, downloadText } from './csv';
import { fetchPage } from './list-query';
import { listMessages, type ListSide } from './list-messages';

/**
 * The CSV export of every invoice the current filters match (not only the page shown), read
 * page by page with its progress announced.
 */
export function ExportButton({ side, query }: { side: ListSide; query: ListQuery }) {
  const t = useT(listMessages);
  const ts = useT(statusMessages);
  const { lang } = useLang();
  const errorText = useErrorText();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'running'; count: number }
    | { kind: 'done'; count: number; file: string }
    | { kind: 'failed'; reason: string }
  >({ kind: 'idle' });

  const run = async () => {
    const { cursor: _ignored, ...base } = query;
    void _ignored;
    const all: InvoiceSummary[] = [];
    setState({ kind: 'running', count: 0 });
    try {
      let cursor: string | undefined;
      // Pages of 200 (the API's maximum) until the last one.
      for (;;) {
        const page = await fetchPage({ ...base, limit: 200, ...(cursor ? { cursor } : {}) });
        all.push(...page.items);
        setState({ kind: 'running', count: all.length });
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const csv = buildCsv({
        lang,
        headers: [
          t('csvNumber'),
          t('csvIssueDate'),
          t('csvType'),
          t('csvStatus'),
          t('csvSupplier'),
          t('csvRecipient'),
          t('csvService'),
          t('csvCommitment'),
          t('csvWithoutVat'),
          t('csvWithVat'),
          t('csvDue'),
          t('csvCurrency'),
          t('csvDeposited'),
          t('csvAvailable'),
          t('csvDownloaded'),
          t('csvId'),
        ],
        rows: all.map((i) => [
          { text: i.number },
          { date: i.issueDate },
          { text: i.type },
          { text: ts(i.status) },
          { text: i.supplierName },
          { text: i.recipientName },
          { text: i.serviceCode ?? '' },
          { text: i.commitmentNumber ?? '' },
          { amount: i.totalWithoutVat },
          { amount: i.totalWithVat },
          { amount: i.amountDue },
          { text: i.currency },
          { date: i.depositedAt.slice(0, 10) },
          { date: i.madeAvailableAt?.slice(0, 10) ?? null },
          { date: i.firstDownloadedAt?.slice(0, 10) ?? null },
          { text: i.id },
        ]),
      });
      const file = `${t(side === 'sent' ? 'csvFileSent' : 'csvFileReceived')}-${new Date().toISOString().slice(0, 10)}.csv`;
      downloadText(file, csv, 'text/csv;charset=utf-8');
      setState({ kind: 'done', count: all.length, file });
    } catch (error) {
      setState({ kind: 'failed', reason: errorText(error) });
    }
  };

  return (
    <div className={fr.cx('fr-my-2w')}>
      <Button
        type="button"
        priority="secondary"
        iconId="fr-icon-download-line"
        iconPosition="left"
        onClick={() => void run()}
        disabled={state.kind === 'running'}
        nativeButtonProps={{ 'aria-describedby': 'export-hint' }}
      >
        {t('export')}
      </Button>
      <p id="export-hint" className={fr.cx('fr-hint-text', 'fr-mt-1v')}>
        {t('exportHint')}
      </p>
      <p role="status" className={fr.cx('fr-text--sm', 'fr-mb-0')}>
        {state.kind === 'running'
          ? t('exporting', { count: state.count })
          : state.kind === 'done'
            ? t('exported', { count: state.count, file: state.file })
            : state.kind === 'failed'
              ? t('exportFailed', { reason: state.reason })
              : ''}
      </p>
    </div>
  );
}
