/**
 * The `notify-sollicitation` job: the mail telling a thread's addressees what happened, sent at
 * most once per addressee (sendOnce, jobs/notify.ts). A question (opened, followed up,
 * reassigned) goes to the side that owes the answer: the recipient structure's users holding
 * SOLLICITATIONS on its service, or the platform support; an answer goes to the asking
 * structure's users holding FACTURES_EMISES. The author of the message is left out.
 */
import { jobSchemas, type JobName } from '../jobs/queue.js';
import { addressees, sendOnce, type JobContext, type QueuedJob } from '../jobs/notify.js';
import { composeMail } from '../mails/compose.js';
import { de } from '../mails/french.js';
import { sollicitationCategories, type SollicitationCategory } from './model.js';

export const sollicitationJobNames: readonly JobName[] = ['notify-sollicitation'];

const intro = {
  fr: {
    OPENED: 'Une nouvelle sollicitation vous est adressée',
    FOLLOWED_UP: 'Le fournisseur a écrit de nouveau',
    REASSIGNED: 'Le support de la plateforme vous a transmis une sollicitation',
    ANSWERED: 'Une réponse a été apportée à votre sollicitation',
  },
  en: {
    OPENED: 'A new request is addressed to you',
    FOLLOWED_UP: 'The supplier wrote again',
    REASSIGNED: 'The platform support handed you a request',
    ANSWERED: 'Your request has been answered',
  },
} as const;

export async function runSollicitationJob(ctx: JobContext, job: QueuedJob): Promise<number> {
  const data = jobSchemas['notify-sollicitation'].parse(job.data);
  const { db } = ctx;
  const thread = await db
    .selectFrom('sollicitation as s')
    .innerJoin('structure as r', 'r.id', 's.requester_structure_id')
    .select([
      's.id',
      's.subject',
      's.category',
      's.addressee',
      's.requester_structure_id',
      's.recipient_structure_id',
      's.recipient_service_id',
      'r.name as requester_name',
    ])
    .where('s.id', '=', data.sollicitationId)
    .executeTakeFirstOrThrow();
  // The message the event is about (a later one may exist by the time the job runs).
  const message = data.messageId
    ? await db
        .selectFrom('sollicitation_message as m')
        .innerJoin('app_user as u', 'u.id', 'm.author_user_id')
        .select(['u.email', 'm.body'])
        .where('m.id', '=', data.messageId)
        .where('m.sollicitation_id', '=', thread.id)
        .executeTakeFirst()
    : undefined;
  let emails: string[];
  if (data.event === 'ANSWERED') {
    emails = await addressees(db, thread.requester_structure_id, 'FACTURES_EMISES', null);
  } else if (thread.addressee === 'PLATFORM') {
    const rows = await db
      .selectFrom('platform_support as p')
      .innerJoin('app_user as u', 'u.id', 'p.user_id')
      .select('u.email')
      .orderBy('u.email')
      .execute();
    emails = rows.map((r) => r.email);
  } else {
    emails = await addressees(
      db,
      thread.recipient_structure_id!,
      'SOLLICITATIONS',
      thread.recipient_service_id,
    );
  }
  // A reassignment has no message: its addressees are new, nobody wrote to them.
  const author = message?.email;
  emails = emails.filter((e) => e !== author);
  const label = sollicitationCategories[thread.category as SollicitationCategory]?.label;
  const quoted = message ? [{ quote: message.body.slice(0, 500) }] : [];
  return sendOnce(
    ctx,
    job,
    { sollicitationId: thread.id },
    emails,
    composeMail({
      subject: `Sollicitation « ${thread.subject} »`,
      fr: [
        `${intro.fr[data.event]} (${label?.fr ?? thread.category}, ${de(thread.requester_name)}).`,
        ...quoted,
      ],
      en: [
        `${intro.en[data.event]} (${label?.en ?? thread.category}, from ${thread.requester_name}).`,
        ...quoted,
      ],
      action: {
        url: `${ctx.publicUrl.replace(/\/$/, '')}/sollicitations/${thread.id}`,
        fr: 'Voir la sollicitation',
        en: 'See the request',
      },
    }),
  );
}
