/**
 * Status mails as jobs (issue 13): with a job queue, a filing's 受付・差戻し・受理 mail is a job whose payload holds the
 * receipt and office numbers only, sent by the process that runs consumers (the worker) to the office's addresses as
 * they are when it is sent, and retried when the mail server refuses it for now. On both stores and both queues:
 * SQLite with the in-process queue, PostgreSQL with pg-boss.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueStatusMail, startConsumers } from '../../src/jobs/consumers.ts';
import { JOB_NAMES, type JobQueue } from '../../src/jobs/job-queue.ts';
import { LocalJobQueue } from '../../src/jobs/local-queue.ts';
import { PgBossQueue } from '../../src/jobs/pg-boss-queue.ts';
import { createInvitation } from '../../src/submissions/invitations.ts';
import { SubmissionService } from '../../src/submissions/submission-service.ts';
import { mailerFromEnv } from '../../src/submissions/smtp-mailer.ts';
import { startMailInbox } from '../support/mail-inbox.ts';
import { backends, type OpenedStore } from './backends.ts';
import { example, OFFICE_A, testClock, tinyPdf, tokens } from './fixtures.ts';

describe.each(backends)('status mails as jobs on $name', (backend) => {
  let opened: OpenedStore;
  let jobs: JobQueue;
  let mail: Awaited<ReturnType<typeof startMailInbox>>;
  const enqueued: object[] = [];

  beforeAll(async () => {
    opened = await backend.open();
    jobs = opened.databaseUrl ? await PgBossQueue.open({ databaseUrl: opened.databaseUrl }) : new LocalJobQueue();
    // The relay refuses the first message for now (451): the job must try again.
    mail = await startMailInbox({ refuseFirst: 1 });
    const mailer = mailerFromEnv({ YOSHIKI_SMTP_URL: mail.url, YOSHIKI_MAIL_FROM: 'yoshiki <noreply@city.example.jp>' })!;
    await createInvitation(opened.store, { binding: { role: 'office', officeNumber: OFFICE_A }, municipality: 'ichikawa', email: 'office-a@example.jp' }, 'city:test', testClock());
    await startConsumers(jobs, { store: opened.store, mailer });
  }, 120_000);

  afterAll(async () => {
    await jobs?.stop(1_000);
    await mail?.close();
    await opened?.cleanup();
  });

  it('sends the 受付 mail from a job whose payload carries no address, after the relay refused it once', async () => {
    const queue: JobQueue = {
      ...jobs,
      engine: jobs.engine,
      enqueue: (name, payload, options) => (enqueued.push({ name, payload }), jobs.enqueue(name, payload, options)),
    } as JobQueue;
    const service = new SubmissionService(opened.store, {
      clock: testClock(),
      // The service's own mailer would send in-process: it is given one only to say that mail is on.
      mailer: { send: () => Promise.reject(new Error('the service must not send itself when it has a queue')) },
      publicUrl: 'https://todokede.example.jp',
      enqueueMail: (request) => enqueueStatusMail(queue, request),
    });
    const { officeA } = await tokens(opened.store, testClock());
    const principal = (await service.authenticate(officeA))!;
    const { receipt } = await service.file(principal, {
      documents: [{ form: 'ichikawa-kyoten-todokede', data: example('ichikawa-kyoten-todokede') }],
      attachments: [{ name: '運営規程案.pdf', bytes: await tinyPdf() }],
      idempotencyKey: 'status-mail-job-1',
    });
    const [received] = await mail.waitFor(1);
    expect(received).toBeDefined();
    expect(received.to).toEqual(['office-a@example.jp']);
    expect(received.subject).toBe(`【yoshiki】受付番号 ${receipt.receiptNumber}：受付`);
    expect(received.text).toContain(`https://todokede.example.jp/filings/${receipt.receiptNumber}`);
    expect(enqueued).toEqual([{ name: JOB_NAMES.mail, payload: { receiptNumber: receipt.receiptNumber, officeNumber: OFFICE_A, status: 'received', publicUrl: 'https://todokede.example.jp' } }]);
    expect(JSON.stringify(enqueued)).not.toContain('@');
  }, 60_000);
});
