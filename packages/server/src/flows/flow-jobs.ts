/**
 * The flow jobs, run by the worker: `integrate-flow` (integrate-flow.ts),
 * `notify-flow-integrated`, the mail telling the depositor how its flow ended — sent at most
 * once per addressee like every notification (sendOnce, jobs/notify.ts) — and
 * `deliver-flow-report`, an SFTP flow's report written to its depositor's out/
 * (deliver-flow-report.ts).
 */
import { jobSchemas, type JobName } from '../jobs/queue.js';
import { composeMail } from '../mails/compose.js';
import { immediateAddressees } from '../events/preferences.js';
import { addressees, sendOnce, type JobContext, type QueuedJob } from '../jobs/notify.js';
import { deliverFlowReport, type FlowOutbox } from './deliver-flow-report.js';
import type { FlowEntrySource } from './entries.js';
import { integrateFlow } from './integrate-flow.js';
import { isStatusSyntax } from './model.js';
import { flowIntegrations } from '../lib/metrics.js';
import { produceOutboundFlow } from './outbound/produce-outbound-flow.js';
import { applyStatusFlow } from './status-file/apply-status-flow.js';

export interface FlowJobContext extends JobContext {
  /** The archive reader (zip, tar.gz); without it archive flows are refused. */
  archives?: FlowEntrySource | undefined;
  /** SFTP accounts' root: outbound flows are also written into each account's out/. */
  sftpRoot?: string | undefined;
  /** The SFTP accounts' out/ folders; without it, SFTP reports cannot be delivered (retried). */
  outbox?: FlowOutbox | undefined;
}

export const flowJobNames: readonly JobName[] = [
  'integrate-flow',
  'notify-flow-integrated',
  'produce-outbound-flow',
  'deliver-flow-report',
];

const stateLabels: Record<'fr' | 'en', Record<string, string>> = {
  fr: {
    IN_INTEGRE: 'intégré',
    IN_INTEGRE_PARTIEL: 'intégré partiellement',
    IN_REJETE: 'rejeté',
    IN_INCIDENTE: 'en incident (à déposer de nouveau)',
  },
  en: {
    IN_INTEGRE: 'integrated',
    IN_INTEGRE_PARTIEL: 'partly integrated',
    IN_REJETE: 'rejected',
    IN_INCIDENTE: 'in incident (to be deposited again)',
  },
};

/** Runs one flow job; throws to have it retried. Returns the number of mails sent. */
export async function runFlowJob(ctx: FlowJobContext, job: QueuedJob): Promise<number> {
  if (job.name === 'integrate-flow') {
    const data = jobSchemas['integrate-flow'].parse(job.data);
    if (!ctx.files) throw new Error('integrate-flow needs the file store in the job context');
    // Status files (ours) are integrated line by line through the lifecycle, not as invoices.
    const flow = await ctx.db
      .selectFrom('flow')
      .select('syntax')
      .where('id', '=', data.flowId)
      .executeTakeFirst();
    if (flow && isStatusSyntax(flow.syntax)) {
      await applyStatusFlow({ db: ctx.db, files: ctx.files, flowId: data.flowId });
      return 0;
    }
    try {
      const result = await integrateFlow({
        db: ctx.db,
        files: ctx.files,
        flowId: data.flowId,
        part: data.part,
        archives: ctx.archives,
      });
      flowIntegrations.inc({ outcome: result.outcome === 'final' ? result.state : 'continued' });
    } catch (error) {
      flowIntegrations.inc({ outcome: 'error' });
      throw error;
    }
    return 0;
  }
  if (job.name === 'produce-outbound-flow') {
    const data = jobSchemas['produce-outbound-flow'].parse(job.data);
    if (!ctx.files)
      throw new Error('produce-outbound-flow needs the file store in the job context');
    await produceOutboundFlow({
      db: ctx.db,
      files: ctx.files,
      invoiceId: data.invoiceId,
      structureId: data.structureId,
      sftpRoot: ctx.sftpRoot,
    });
    return 0;
  }
  if (job.name === 'deliver-flow-report') {
    const data = jobSchemas['deliver-flow-report'].parse(job.data);
    // Thrown, hence retried: a server started without SFTP keeps the job for one that has it.
    if (!ctx.outbox)
      throw new Error('deliver-flow-report needs the SFTP outbox in the job context');
    await deliverFlowReport({ db: ctx.db, outbox: ctx.outbox, flowId: data.flowId });
    return 0;
  }
  if (job.name === 'notify-flow-integrated') {
    const data = jobSchemas['notify-flow-integrated'].parse(job.data);
    const flow = await ctx.db
      .selectFrom('flow')
      .leftJoin('app_user', 'app_user.id', 'flow.depositor_user_id')
      .select([
        'flow.id',
        'flow.number',
        'flow.file_name',
        'flow.state',
        'flow.accepted_count',
        'flow.refused_count',
        'flow.structure_id',
        'flow.syntax',
        'app_user.email',
      ])
      .where('flow.id', '=', data.flowId)
      .executeTakeFirstOrThrow();
    // A user's flow: that user. An API client's: who sends invoices for the structure.
    // Less those who chose a daily digest or no mail for flow reports (events/preferences).
    const emails = await immediateAddressees(
      ctx.db,
      flow.email
        ? [flow.email]
        : await addressees(
            ctx.db,
            flow.structure_id,
            isStatusSyntax(flow.syntax) ? 'FACTURES_RECUES' : 'FACTURES_EMISES',
            null,
          ),
      'flow.report_ready',
    );
    // The depositor is told although the deposit was theirs: the outcome came later, from us.
    const label = {
      fr: stateLabels.fr[flow.state] ?? flow.state,
      en: stateLabels.en[flow.state] ?? flow.state,
    };
    const { accepted_count: accepted, refused_count: refused } = flow;
    return sendOnce(
      ctx,
      job,
      { flowId: flow.id },
      emails,
      composeMail({
        subject: `Flux ${flow.number} ${label.fr} : ${accepted} facture(s) acceptée(s), ${refused} refusée(s)`,
        fr: [
          `Votre flux ${flow.number} (${flow.file_name}) est ${label.fr} (${flow.state}).`,
          `${accepted} facture(s) acceptée(s), ${refused} refusée(s).`,
          ...(refused > 0
            ? [
                'Le compte rendu donne pour chaque facture refusée le motif, la règle et le champ à corriger.',
              ]
            : []),
        ],
        en: [
          `Your flow ${flow.number} (${flow.file_name}) is ${label.en} (${flow.state}).`,
          `${accepted} invoice(s) accepted, ${refused} refused.`,
          ...(refused > 0
            ? [
                'The report gives, for each refused invoice, the reason, the rule and the field to correct.',
              ]
            : []),
        ],
        action: {
          url: `${ctx.publicUrl.replace(/\/$/, '')}/api/v1/flows/${flow.id}/report?format=pdf`,
          fr: 'Ouvrir le compte rendu (PDF)',
          en: 'Open the report (PDF)',
        },
      }),
    );
  }
  throw new Error(`unknown flow job ${job.name}`);
}
