/**
 * What `yoshiki serve` runs (src/cli/serve-command.ts loads this module when the command starts): the web app
 * (server/app.ts) with its store, job queue and sign-in. Every render thread draws one document before listening
 * (src/render/pool.ts; YOSHIKI_RENDER_THREADS), so the first people to ask for a PDF do not wait while the font is parsed
 * and the renderers load. Closing it (the command does on SIGINT / SIGTERM): requests in flight finish, then the render
 * threads end and the process ends.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp, trustProxyFrom } from '../../server/app.ts';
import { SignInConfigError, signInFromEnv, type SignInSetup } from '../../server/signin/config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccountLabel } from '../../server/signin/demo-idp.ts';
import { answerProtocolErrors } from '../../server/errors.ts';
import { openStore, resolveDataDir } from '../store/open-store.ts';
import { AuditKeyError, loadAuditKey, type AuditKey } from '../store/audit-key.ts';
import { seedDemo } from '../submissions/demo-seed.ts';
import { mailerFromEnv } from '../submissions/smtp-mailer.ts';
import { createLogger } from '../../server/logger.ts';
import { serverMessage } from '../messages/http.ts';
import { readExample } from '../forms/folders.ts';
import { loadDefinitions } from '../forms/registry.ts';
import { renderPool } from '../render/pool.ts';
import { renderOnPool } from '../render/render.ts';
import { isoToday } from '../text/wareki.ts';
import { InputError } from './errors.ts';
import { SHUTDOWN_GRACE_MS } from './shutdown.ts';
import { openJobQueue } from '../jobs/open-queue.ts';
import { startConsumers } from '../jobs/consumers.ts';
import type { Operations } from '../../server/operations-routes.ts';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir?: string;
  logger?: Logger;
  /** Where YOSHIKI_OIDC_* and YOSHIKI_PUBLIC_URL are read (process.env unless given). */
  env?: NodeJS.ProcessEnv;
  /** The connection time limits (SERVER_TIMEOUTS unless given; tests shorten them). */
  timeouts?: Partial<ServerTimeouts>;
  /**
   * Run the job consumers (batches, notices, mail) in this process. Always with the embedded SQLite default (its queue
   * lives in this process); with PostgreSQL only when asked (`--work`): otherwise `yoshiki worker` processes take them.
   */
  work?: boolean;
}

/**
 * How long a connection may take, so slow or silent clients cannot hold the server's sockets (50 connections sending a
 * body at 1 KB/s once stayed open for 5 minutes, and a connection that sent nothing was never closed):
 * - `firstBytesMs`: from connecting to the end of the request's headers (a connection that sends nothing, or its headers
 *   slowly, is closed);
 * - `requestMs`: the whole request, body included (answered 408 and closed) — 10 MB at 1 Mbit/s takes some 90 s;
 * - `keepAliveMs`: an idle connection between requests.
 * Once a request has arrived, the time the server takes to answer it (a batch renders for minutes) is not limited here.
 */
export interface ServerTimeouts {
  firstBytesMs: number;
  requestMs: number;
  keepAliveMs: number;
}
export const SERVER_TIMEOUTS: ServerTimeouts = { firstBytesMs: 20_000, requestMs: 120_000, keepAliveMs: 5_000 };

/** The HTTP server `yoshiki serve` listens with: the app behind the connection time limits. */
export function createHttpServer(app: http.RequestListener, timeouts: Partial<ServerTimeouts> = {}): http.Server {
  const t = { ...SERVER_TIMEOUTS, ...timeouts };
  const server = http.createServer(
    {
      headersTimeout: t.firstBytesMs,
      requestTimeout: t.requestMs,
      // Node looks for connections past these limits at this interval (30 s by default, which would let them run on).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(t.firstBytesMs / 4))),
    },
    app,
  );
  server.keepAliveTimeout = t.keepAliveMs;
  // Node's headersTimeout counts from the first byte: a connection that sends none is closed by its socket's own timer,
  // stopped when a request has arrived (keep-alive then times the pauses between requests).
  server.on('connection', (socket) => socket.setTimeout(t.firstBytesMs));
  server.on('request', (req: http.IncomingMessage) => req.socket.setTimeout(0));
  return server;
}

export interface RunningServer {
  server: http.Server;
  /** `http://localhost:3000` (the host a person types, the port actually bound). */
  origin: string;
  close(): Promise<void>;
  /** Set on the first start of an empty store: the demo tokens and the example filed with them. */
  seeded: Awaited<ReturnType<typeof seedDemo>>;
  /** The key signing the audit log (created on the first start: `created`, and its public part is printed once). */
  auditKey: AuditKey;
  /** Sign-in: the configured provider, or the embedded demo provider (then `signIn.demoIdp` is set). */
  signIn: SignInSetup;
}


/**
 * Renders the first 様式 that has an example (PDF and XLSX, as a draft so it cannot be refused) once on each render
 * thread — as many at once as there are threads, so each thread takes one — and says how long it took.
 */
export async function warmUp(logger: Logger): Promise<void> {
  const started = Date.now();
  for (const definition of loadDefinitions().values()) {
    const example = readExample(definition.id);
    if (!example) continue;
    try {
      const options = { today: isoToday(new Date()), draft: true, pdf: true, xlsx: true };
      const threads = Math.max(1, renderPool.threads);
      await Promise.all(Array.from({ length: threads }, () => renderOnPool(renderPool, definition.id, example, options)));
      logger.info({ form: definition.id, threads: renderPool.threads, ms: Date.now() - started }, 'warm-up render done');
    } catch (e) {
      // The server still serves pages and validation; the first render will show the same fault to its caller.
      logger.error({ err: e, form: definition.id }, serverMessage('WARM_UP_FAILED'));
    }
    return;
  }
}

/** The address a person types: a loopback or wildcard host is `localhost`; an IPv6 literal gets brackets. */
function displayHost(host: string): string {
  if (['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', ''].includes(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const logger = options.logger ?? createLogger();
  try {
    // YOSHIKI_RENDER_THREADS and YOSHIKI_RENDER_QUEUE are read now: a wrong value stops the start with its message.
    void renderPool.threads;
    void renderPool.maxQueue;
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  await warmUp(logger);
  try {
    return await listenWithStore(options, logger);
  } catch (e) {
    // The render threads would keep the process alive after a failed start (port in use, a bad sign-in setting).
    await renderPool.close();
    throw e;
  }
}

/** startServer after the warm-up: the store, the app, listening. */
async function listenWithStore(options: ServeOptions, logger: Logger): Promise<RunningServer> {
  // SQLite in the data folder by default; PostgreSQL when DATABASE_URL is set.
  let auditKey: AuditKey;
  try {
    auditKey = loadAuditKey(resolveDataDir(options.dataDir), { create: true })!;
  } catch (e) {
    if (e instanceof AuditKeyError) throw new InputError(e.message);
    throw e;
  }
  logger.info({ keyId: auditKey.keyId, created: auditKey.created }, 'audit signing key');
  const store = await openStore({ dataDir: options.dataDir, auditSigner: auditKey });
  const seeded = await seedDemo(store);
  const jobs = await openJobQueue({ onError: (e) => logger.error({ err: { message: e.message } }, 'job queue error') });
  // The in-process queue has no one else to run its jobs.
  const work = jobs.engine === 'in-process' || options.work === true;
  const mailer = mailerFromEnv(options.env ?? process.env);
  if (work) await startConsumers(jobs, { store, mailer, logger, onError: (e, job) => logger.error({ job, err: { message: e.message } }, 'job failed') });
  logger.info({ engine: jobs.engine, consumers: work }, 'job queue');
  let ops: Operations | undefined;
  // The app needs the address it is reached at (the demo provider's issuer, the sign-in redirect URI), known once
  // listening (`--port 0`): until then the server answers 503.
  let app: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createHttpServer((req, res) => app(req, res), options.timeouts);
  answerProtocolErrors(server);
  await new Promise<void>((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'EADDRINUSE'
          ? new InputError(serverMessage('PORT_IN_USE', { port: options.port }))
          : new InputError(serverMessage('LISTEN_FAILED', { host: options.host, port: options.port, reason: e.code ?? e.message })),
      );
    };
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${displayHost(options.host)}:${port}`;
  const trustProxy = trustProxyFrom((options.env ?? process.env).YOSHIKI_TRUST_PROXY);
  let signIn: SignInSetup;
  try {
    signIn = await signInFromEnv(options.env ?? process.env, origin, store, { trustProxy: trustProxy !== false });
  } catch (e) {
    server.close();
    await jobs.stop(0);
    await store.close();
    if (e instanceof SignInConfigError) throw new InputError(e.message);
    throw e;
  }
  app = createApp({ logger, dataDir: options.dataDir, submissionStore: store, trustProxy, signIn, mailer, jobs, onOperations: (o) => (ops = o) });
  // Shutdown: /readyz turns 503 (the balancer stops sending), no new connections, requests in flight are answered, jobs
  // running here finish or are handed back, then the queue and the store close.
  const close = () =>
    new Promise<void>((resolve) => {
      ops?.drain();
      const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
      server.close(() => {
        clearTimeout(cut);
        void jobs
          .stop(SHUTDOWN_GRACE_MS)
          .catch((e: Error) => logger.error({ err: { message: e.message } }, 'job queue did not stop cleanly'))
          .then(() => Promise.allSettled([store.close(), renderPool.close()]))
          .then(() => resolve(), () => resolve());
      });
      server.closeIdleConnections();
    });
  return { server, origin, close, seeded, auditKey, signIn };
}

/** How to sign in: the demo provider's accounts, or the configured provider. */
export function signInNotice(running: Pick<RunningServer, 'origin' | 'signIn'>): string {
  const signin = `${running.signIn.oidc.settings.publicUrl}/signin`;
  if (!running.signIn.demoIdp) return `サインイン: ${signin}（認証サーバー ${running.signIn.oidc.settings.issuer}）`;
  return [
    `サインイン: ${signin}（試用の認証サーバー。本番では YOSHIKI_OIDC_ISSUER などを設定してください）`,
    ...DEMO_ACCOUNTS.map((a) => `  ${demoAccountLabel(a)}: ログインID ${a.loginId}　パスワード ${DEMO_PASSWORD}`),
  ].join('\n');
}
