/**
 * The yoshiki web app: `createApp()` builds it, `yoshiki serve` (src/cli/serve-command.ts) listens with it, tests call it
 * in process (supertest). Order matters: log every request, compress what shrinks (not PDF, XLSX, zip), parse JSON
 * once (1 MB, 32 levels deep, Japanese errors), the JSON API, the form pages, the fillable API and the batch upload, then 404 and the
 * error handler — which answers every failure as JSON with a Japanese message and never a stack trace.
 */
import express from 'express';
import type { Logger } from 'pino';
import { apiRouter } from './api/index.ts';
import { compressResponses } from './compression.ts';
import { errorHandler, rejectMalformedUrl, routeNotFound } from './errors.ts';
import { jsonBody } from './json-body.ts';
import { createLogger, httpLogger } from './logger.ts';
import { formPagesRouter } from './pages/router.ts';
import { batchRouter } from './routes/batch.ts';
import { batchJobsRouter } from './routes/batch-jobs.ts';
import { batchPageRouter } from './pages/batch-page.ts';
import { operations, type GaugeSource, type Operations } from './operations-routes.ts';
import { enqueueNotice, enqueueStatusMail } from '../src/jobs/consumers.ts';
import type { JobQueue } from '../src/jobs/job-queue.ts';
import { fillableRouter } from './routes/fillable.ts';
import { securityHeaders } from './security-headers.ts';
import { officeRouter } from './office/router.ts';
import { inboxRouter, registryRouter, submissionsRouter } from './submissions/index.ts';
import { DEMO_IDP_PATH, type DemoIdp } from './signin/demo-idp.ts';
import type { OidcClient } from './signin/oidc-client.ts';
import { csrfGuard, personSessions } from './signin/session.ts';
import { signinRouter } from './signin/signin-router.ts';
import { invitationsRouter } from './signin/invitations-router.ts';
import type { Mailer, StatusMailRequest } from '../src/submissions/mail.ts';
import type { SubmissionStore } from '../src/store/types.ts';
import { systemClock, type Clock } from '../src/submissions/clock.ts';
import { renderPool, type RenderPool } from '../src/render/pool.ts';

export interface AppOptions {
  /** Where request lines go; tests pass a silent logger or one writing to memory. Default: JSON lines on stdout. */
  logger?: Logger;
  /** The folder the server keeps its data in (`yoshiki serve --data DIR`), read by the routers that store files. */
  dataDir?: string;
  /** The e-submission store (SQLite or PostgreSQL); without it the inbox, filing and registry routes are not served. */
  submissionStore?: SubmissionStore;
  /** The e-submission routers' clock (receipts, decisions, session expiry); default the system clock. */
  clock?: Clock;
  /** Express's `trust proxy`; default from YOSHIKI_TRUST_PROXY (see trustProxyFrom). */
  trustProxy?: boolean | number | string;
  /**
   * The job queue (src/jobs): with it and a store, the asynchronous batch API and its page are served and an accepted
   * filing's notice is rendered by a job. Consumers are started by `yoshiki worker` / `yoshiki serve`, not here.
   */
  jobs?: JobQueue;
  /** Extra gauges for /metrics (the render pool's queue). */
  gauges?: GaugeSource[];
  /** Receives the app's /healthz, /readyz and /metrics handlers (serve uses it to turn /readyz to 503 on shutdown). */
  onOperations?: (ops: Operations) => void;
  /** OpenID Connect sign-in (server/signin/config.ts builds it from the environment, or the embedded demo provider). */
  signIn?: { oidc: OidcClient; demoIdp?: DemoIdp };
  /** Mail to offices on 受付, 差戻し, 受理 and invitation links (src/submissions/smtp-mailer.ts); off without. */
  mailer?: Mailer;
  /** The render threads of the form and batch routes (src/render/pool.ts); default the process's shared pool. */
  renderPool?: RenderPool;
}

/**
 * YOSHIKI_TRUST_PROXY: set it when the server runs behind a reverse proxy that ends TLS, so the server believes the
 * proxy's X-Forwarded-Proto / X-Forwarded-Host: the inbox cookie is then marked Secure and the inbox's same-origin check
 * compares against the https:// address people use. `true` (trust every proxy), a number of hops (`1`), or addresses /
 * subnets (`loopback`, `10.0.0.0/8,::1`) as Express's `trust proxy` takes them. Unset or `false`: no proxy is trusted.
 */
export function trustProxyFrom(value: string | undefined): boolean | number | string {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}

export function createApp(options: AppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? trustProxyFrom(process.env.YOSHIKI_TRUST_PROXY));
  app.locals.dataDir = options.dataDir;
  if (options.renderPool) app.locals.renderPool = options.renderPool;

  const logger = options.logger ?? createLogger();
  const pool = options.renderPool ?? renderPool;
  // The render pool's queue and threads are always measured; a caller may add gauges of its own.
  const poolGauges: GaugeSource[] = [
    { name: 'yoshiki_render_pending', help: 'Renders handed to the render threads and not finished (running or waiting)', read: () => pool.pending },
    { name: 'yoshiki_render_threads', help: 'Render threads of this process (0: rendering on the event loop)', read: () => pool.threads },
  ];
  const ops = operations({ store: options.submissionStore, jobs: options.jobs, gauges: [...poolGauges, ...(options.gauges ?? [])] });
  options.onOperations?.(ops);
  app.use(ops.measure);
  app.use(httpLogger(logger));
  app.use(securityHeaders());
  app.use(compressResponses());
  // A broken %-encoding in the path or query is one 400 here, before any router reads (or misreads) it.
  app.use(rejectMalformedUrl);
  // The demo provider parses its own bodies and keeps its own cookies: before the JSON parser and the session guard.
  if (options.signIn?.demoIdp) app.use(DEMO_IDP_PATH, options.signIn.demoIdp.router);
  // strict: only objects and arrays at the top level; a bare string or null is malformed (400), not data. Depth bounded.
  app.use(jsonBody());

  app.use(ops.router);
  if (options.submissionStore) {
    const jobs = options.jobs;
    const onNoticeIssued = jobs ? (receiptNumber: string) => enqueueNotice(jobs, receiptNumber) : undefined;
    // With a queue, status mails are jobs (sent and retried by whichever process runs consumers: serve, worker).
    const enqueueMail = jobs ? (request: StatusMailRequest) => enqueueStatusMail(jobs, request) : undefined;
    const deps = { store: options.submissionStore, logger, clock: options.clock, mailer: options.mailer, publicUrl: options.signIn?.oidc.settings.publicUrl, onNoticeIssued, enqueueMail };
    // Every router below sees the person session of the cookie; a state-changing request riding on it needs its CSRF token.
    app.use(personSessions(deps.store, options.clock ?? systemClock));
    app.use(csrfGuard);
    app.use(signinRouter({ ...deps, oidc: options.signIn?.oidc }));
    app.use(submissionsRouter(deps));
    app.use(registryRouter(deps));
    // Before the inbox: its /inbox/:no would take /inbox/invitations for a receipt number.
    app.use(invitationsRouter(deps));
    app.use(inboxRouter(deps));
    app.use(officeRouter(deps));
  }
  app.use('/api', apiRouter());
  app.use(formPagesRouter({ filing: !!options.submissionStore }));
  app.use(fillableRouter());
  app.use(batchRouter());
  if (options.submissionStore && options.jobs) {
    app.use(batchJobsRouter({ store: options.submissionStore, jobs: options.jobs }));
    app.use(batchPageRouter());
  }

  app.use(routeNotFound);
  app.use(errorHandler);
  return app;
}
