import nodemailer from 'nodemailer';
import { withFooter, type MailFooter } from '../mails/compose.js';
import { mailFailures, mailsSent } from './metrics.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /**
   * The HTML part (mails/compose.ts); sent with the text part as multipart/alternative. A mail
   * without one gets its text made into HTML (escaped) when the mailer adds its footer.
   */
  html?: string | undefined;
  /**
   * A fixed Message-ID (`<id@domain>`) for mails that may be re-sent after a crash: a resent
   * copy carries the same id, so the receiving side can recognise it as the same message.
   */
  messageId?: string;
}

/** How long connecting, the relay's greeting, or a silence in the exchange may last. */
export const SMTP_TIMEOUT_MS = 5000;

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/**
 * Outgoing e-mail through SMTP (nodemailer) when SMTP_URL is set; otherwise each mail is handed
 * to `log`, so a laptop without a relay still sees password-reset links.
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: (mail: Mail) => void;
  /**
   * The support contact and links every mail ends with (config.support, PUBLIC_URL): added
   * here, so no mail can leave without it.
   */
  footer?: MailFooter | undefined;
}): Mailer {
  const { footer } = options;
  const finish = (mail: Mail): Mail => (footer ? withFooter(mail, footer) : mail);
  if (!options.smtpUrl) {
    return { send: async (mail) => options.log(finish(mail)) };
  }
  // A relay that accepts the connection and then says nothing must fail the send within seconds
  // (nodemailer waits up to 2 and 10 minutes by default): a mail job has 20 s before the queue
  // hands it to another run (decision 0016), and a failed send is retried.
  // Timeouts given in SMTP_URL's query (?socketTimeout=…) win over these.
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    send: async (unfinished) => {
      const mail = finish(unfinished);
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
        });
      } catch (error) {
        mailFailures.inc();
        throw error;
      }
      mailsSent.inc();
    },
  };
}
