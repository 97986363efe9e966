/**
 * Mail to an office when its filing is received (受付), returned (差戻し) or accepted (受理), and the link of an
 * invitation. A mail carries the 受付番号, the new status and a link — never a name, an address or a filed value, since
 * mail passes through servers nobody here controls. `Mailer` is what the submission service calls; smtpMailer()
 * (src/submissions/smtp-mailer.ts) sends over SMTP with nodemailer when YOSHIKI_SMTP_URL is set, and without it there is
 * no mailer at all. Sending never fails a filing: the service logs a failure (receipt number only) and goes on.
 */
import type { SubmissionStatus } from '../store/types.ts';
import { STATUS_LABELS } from '../messages/submissions.ts';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** The statuses an office is told about. */
export const MAILED_STATUSES: readonly SubmissionStatus[] = ['received', 'returned', 'accepted'];

/** Where the office reads its filing (the office pages' 提出一覧 entry), under the server's public address. */
export const filingPagePath = (receiptNumber: string) => `/filings/${receiptNumber}`;

const NEXT_STEP: Record<string, string> = {
  received: '市で内容を確認します。結果が出たら、改めてお知らせします。',
  returned: '差戻しの理由を確認し、修正して再提出してください。',
  accepted: '通知書をダウンロードできます。',
};

const FOOTER = 'このメールは yoshiki から自動で送信しています。心当たりのない場合は、このメールを破棄してください。';

/**
 * A status mail to send later (a job): ids and the link's base only — never an address or a filed value, since job
 * rows are not access-controlled. The consumer looks the office's addresses up when it sends (sendStatusMail).
 */
export interface StatusMailRequest {
  receiptNumber: string;
  officeNumber: string;
  status: SubmissionStatus;
  publicUrl: string;
}

/** Sends one status mail to the office's addresses as they are now (none: nothing is sent). Returns how many got it. */
export async function sendStatusMail(store: { officeEmails(officeNumber: string): Promise<string[]> }, mailer: Mailer, request: StatusMailRequest): Promise<number> {
  const to = await store.officeEmails(request.officeNumber);
  if (to.length) await mailer.send(statusMail({ to, receiptNumber: request.receiptNumber, status: request.status, publicUrl: request.publicUrl }));
  return to.length;
}

export function statusMail(input: { to: string[]; receiptNumber: string; status: SubmissionStatus; publicUrl: string }): MailMessage {
  const label = STATUS_LABELS[input.status];
  const link = `${input.publicUrl.replace(/\/$/, '')}${filingPagePath(input.receiptNumber)}`;
  return {
    to: input.to,
    subject: `【yoshiki】受付番号 ${input.receiptNumber}：${label}`,
    text: [
      `受付番号 ${input.receiptNumber} の届出の状態が「${label}」になりました。`,
      NEXT_STEP[input.status],
      '',
      '詳しくは、次のページにサインインしてご確認ください。',
      link,
      '',
      FOOTER,
      '',
    ].join('\n'),
  };
}

export function invitationMail(input: { to: string; link: string; city: string }): MailMessage {
  return {
    to: [input.to],
    subject: `【yoshiki】${input.city}からの招待`,
    text: [
      `${input.city}から、yoshiki（電子届出）への招待が届いています。`,
      '次のリンクを開いてサインインすると、招待された事業所又は市の担当者として操作できるようになります。リンクは一度だけ使え、7日で切れます。',
      '',
      input.link,
      '',
      FOOTER,
      '',
    ].join('\n'),
  };
}
