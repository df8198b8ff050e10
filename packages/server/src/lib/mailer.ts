import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /**
   * A fixed Message-ID (`<id@domain>`) for mails that may be re-sent after a crash: a resent
   * copy carries the same id, so the receiving side can recognise it as the same message.
   */
  messageId?: string;
}

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
}): Mailer {
  if (!options.smtpUrl) {
    return { send: async (mail) => options.log(mail) };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    send: async (mail) => {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
      });
    },
  };
}
