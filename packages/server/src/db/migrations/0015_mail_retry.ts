import { sql, type Kysely } from 'kysely';

/**
 * Mail jobs outlast a relay outage and go out soon after it ends (decision 0016). Their retries
 * kept doubling (5 s, 10 s… 10 tries): after a ten-minute outage the next try could be twenty
 * minutes away, and the tenth failure, about an hour and a half in, dropped the mail for good.
 * Now the wait is at most five minutes and a mail is tried 60 times: it survives an outage of
 * four hours or more, and leaves within five minutes of the relay's return. Jobs already queued
 * get the same policy.
 */
const MAIL_QUEUES = ['notify-invoice-available', 'notify-status-changed', 'notify-flow-integrated'];
export const MAIL_RETRY_LIMIT = 60;
export const MAIL_RETRY_DELAY_MAX_SECONDS = 300;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update pgboss.queue set retry_limit = ${MAIL_RETRY_LIMIT},
      retry_delay_max = ${MAIL_RETRY_DELAY_MAX_SECONDS}
    where name in (${sql.join(MAIL_QUEUES)})`.execute(db);
  await sql`update pgboss.job set retry_limit = greatest(retry_limit, ${MAIL_RETRY_LIMIT}),
      retry_delay_max = ${MAIL_RETRY_DELAY_MAX_SECONDS}
    where name in (${sql.join(MAIL_QUEUES)}) and state in ('created', 'retry', 'active')`.execute(
    db,
  );
}
