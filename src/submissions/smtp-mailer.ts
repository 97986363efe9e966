/**
 * The SMTP mailer (nodemailer): YOSHIKI_SMTP_URL (`smtp://user:pass@mail.example.jp:587`, `smtps://…:465`) and
 * YOSHIKI_MAIL_FROM (`yoshiki <noreply@city.example.jp>`). Time limits are short, so a silent mail server cannot pile
 * up open connections; the caller never waits on a mail to answer a filing anyway.
 */
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './mail.ts';

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url, { from });
  // nodemailer's URL form takes no timeouts: set on the transport's options.
  Object.assign((transport as unknown as { options: object }).options, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(message: MailMessage): Promise<void> {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

/** From the environment: a mailer when YOSHIKI_SMTP_URL is set, else undefined (mail is off). */
export function mailerFromEnv(env: NodeJS.ProcessEnv): Mailer | undefined {
  const url = env.YOSHIKI_SMTP_URL?.trim();
  if (!url) return undefined;
  return smtpMailer(url, env.YOSHIKI_MAIL_FROM?.trim() || 'yoshiki <noreply@localhost>');
}
