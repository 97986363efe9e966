/**
 * yoshiki worker — runs the job consumers (asynchronous batches, notice PDFs, mail) against the PostgreSQL of
 * DATABASE_URL. Start any number, on any machines: pg-boss gives each job to one of them, and a job whose worker dies is
 * retried by another (src/jobs/pg-boss-queue.ts). SIGTERM / SIGINT: no new jobs; running ones get the grace period to
 * finish, then are handed back for retry; the queue and the store close and the process ends.
 */
import type { Command } from 'commander';
import { InputError, type CommandIo } from './errors.ts';
import { SHUTDOWN_GRACE_MS } from './shutdown.ts';

export function registerWorkerCommand(program: Command, io: CommandIo): void {
  program
    .command('worker')
    .description('ジョブ（一括作成・通知書・メール）を処理する（PostgreSQL の DATABASE_URL が必要。何台でも起動できる）')
    .option('--threads <n>', '一括作成1件あたりの作成スレッド数（既定：CPU の数）')
    .action(async (opts: { threads?: string }) => {
      const databaseUrl = process.env.DATABASE_URL;
      if (!databaseUrl)
        throw new InputError(
          'yoshiki worker には PostgreSQL が必要です（環境変数 DATABASE_URL=postgres://…）。SQLite（既定）では yoshiki serve が同じプロセスでジョブを処理するため、worker は要りません。',
        );
      const threads = opts.threads === undefined ? undefined : Number(opts.threads);
      if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) throw new InputError(`--threads は1以上の整数で指定してください（指定された値：「${opts.threads}」）。`);
      // Loaded now, not when the program starts (see main.ts).
      const [{ createLogger }, { startConsumers }, { mailerFromEnv }, { PgBossQueue }, { openStore, redactUrl }] = await Promise.all([
        import('../../server/logger.ts'),
        import('../jobs/consumers.ts'),
        import('../submissions/smtp-mailer.ts'),
        import('../jobs/pg-boss-queue.ts'),
        import('../store/open-store.ts'),
      ]);
      const logger = createLogger();
      // The worker writes no audit entry (batches and notice files are not audited events), so it needs no signing key.
      const store = await openStore({ databaseUrl, auditSigner: null });
      const jobs = await PgBossQueue.open({ databaseUrl, onError: (e) => logger.error({ err: { message: e.message } }, 'job queue error') });
      await startConsumers(jobs, { store, mailer: mailerFromEnv(process.env), logger, batchThreads: threads, processName: jobs.processName, onError: (e, job) => logger.error({ job, err: { message: e.message } }, 'job failed') });
      logger.info({ database: redactUrl(databaseUrl), process: jobs.processName }, 'worker started');
      io.out(`yoshiki worker を起動しました（${redactUrl(databaseUrl)}）。\n`);
      const shutdown = () => {
        process.off('SIGINT', shutdown);
        process.off('SIGTERM', shutdown);
        void jobs
          .stop(SHUTDOWN_GRACE_MS)
          .catch((e: Error) => logger.error({ err: { message: e.message } }, 'job queue did not stop cleanly'))
          .then(() => store.close())
          .then(() => io.out('yoshiki worker を停止しました。\n'));
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    });
}
