import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { sendNotificationDigest } from '../../events/send-notification-digest.js';
import { createMailer } from '../../lib/mailer.js';
import { openMigratedDatabase } from '../../runtime.js';

export function registerNotificationsCommand(program: Command): void {
  const notifications = program
    .command('notifications')
    .description('In-app notifications and mail preferences.');
  notifications
    .command('digest')
    .description(
      'Mail each user who chose a daily digest the events of the last 24 hours (once per window). Run it daily.',
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      try {
        const mailer = createMailer({
          smtpUrl: config.smtpUrl,
          from: config.mailFrom,
          footer: { publicUrl: config.publicUrl, support: config.support },
          log: (mail) =>
            process.stdout.write(`(no SMTP_URL) mail to ${mail.to}: ${mail.subject}\n`),
        });
        const result = await sendNotificationDigest({
          db: database.db,
          mailer,
          publicUrl: config.publicUrl,
        });
        process.stdout.write(
          `${result.users} user(s) with a digest, ${result.mails} mail(s) sent\n`,
        );
      } finally {
        await database.close();
      }
    });
}
