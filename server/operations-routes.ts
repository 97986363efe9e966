/**
 * What a load balancer and a monitoring system ask: `/healthz` (the process answers), `/readyz` (it can do its work:
 * the store and the job queue answer within a second; 503 JSON otherwise, and from the moment a shutdown begins, so the
 * balancer stops sending before the server stops listening) and `/metrics` (Prometheus, prom-client): requests by
 * method, route pattern and status with their durations — the pattern `/api/batches/:id`, never the path as sent, which
 * may carry anything a client typed —, jobs by queue and state, and whatever gauges the render pool offers.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobQueue } from '../src/jobs/job-queue.ts';
import { jobMessages } from '../src/messages/jobs.ts';
import type { SubmissionStore } from '../src/store/types.ts';
import { errorResponse, jsonResponse, routerOf, type DocumentedRoute, type Json } from './documented-route.ts';
import { statusOf } from './error-codes.ts';
import { sendJsonError } from './errors.ts';
import { routePattern } from './logger.ts';

const READY_TIMEOUT_MS = 1_000;

/** Optional gauges another part adds (the render pool: its queue length and threads). */
export type GaugeSource = { name: string; help: string; read: () => number };

export interface Operations {
  /** Counts and times every request (mount first). */
  measure: (req: Request, res: Response, next: NextFunction) => void;
  router: Router;
  /** From now on /readyz says 503 (a shutdown has begun). */
  drain(): void;
  registry: Registry;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export function operations(options: { store?: SubmissionStore; jobs?: JobQueue; gauges?: GaugeSource[] } = {}): Operations {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'yoshiki_' });
  const requests = new Counter({ name: 'yoshiki_http_requests_total', help: 'HTTP requests by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const durations = new Histogram({
    name: 'yoshiki_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  if (options.jobs) {
    const jobs = options.jobs;
    new Gauge({
      name: 'yoshiki_jobs',
      help: 'Jobs by queue and state (pg-boss, or the in-process queue of the embedded default)',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        const counts = await jobs.counts().catch(() => ({}));
        for (const [queue, states] of Object.entries(counts)) for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n ?? 0);
      },
    });
  }
  for (const g of options.gauges ?? [])
    new Gauge({
      name: g.name,
      help: g.help,
      registers: [registry],
      collect() {
        this.set(g.read());
      },
    });

  let draining = false;
  const measure = (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = routePattern(req);
      const method = req.method;
      requests.inc({ method, route, status: String(res.statusCode) });
      durations.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };

  const router = routerOf(OPERATION_ROUTES, { store: options.store, jobs: options.jobs, registry, draining: () => draining }, { methodNotAllowed: true });
  return { measure, router, drain: () => (draining = true), registry };
}

const CHECK = { type: 'string', enum: ['ok', 'unreachable', 'stopping'] };
const CHECKS: Json = { type: 'object', properties: { store: CHECK, queue: CHECK, server: CHECK }, description: '確かめた相手ごとの結果（store：データベース、queue：ジョブの待ち行列、server：停止処理中）' };

/** What the operations routes read. */
interface OperationsContext {
  store?: SubmissionStore;
  jobs?: JobQueue;
  registry: Registry;
  /** Whether a shutdown has begun. */
  draining: () => boolean;
}

export const OPERATION_ROUTES: DocumentedRoute<OperationsContext>[] = [
  {
    method: 'get',
    path: '/healthz',
    operation: {
    operationId: 'healthz',
    summary: '生きているか（プロセスが応答する）',
    tags: ['operations'],
    responses: { 200: jsonResponse('応答できる', { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } }), 405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']) },
  },
    handlers: () => [
      (_req, res) => {
        res.set('Cache-Control', 'no-cache').json({ status: 'ok' });
      },
    ],
  },
  {
    method: 'get',
    path: '/readyz',
    operation: {
    operationId: 'readyz',
    summary: '仕事ができるか（データベースとジョブの待ち行列に1秒以内に届く。停止処理が始まると 503）',
    description: 'ロードバランサーはこれが 503 のサーバーに要求を送らないでください。',
    tags: ['operations'],
    responses: {
      200: jsonResponse('準備ができている', { type: 'object', required: ['status', 'checks'], properties: { status: { const: 'ready' }, checks: CHECKS } }),
      405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']),
      503: jsonResponse('準備ができていない（NOT_READY：どれに届かないかを message と checks に）', {
        type: 'object',
        required: ['error', 'checks'],
        properties: { error: { $ref: '#/components/schemas/ErrorResponse/properties/error' }, checks: CHECKS },
      }),
    },
  },
    handlers: ({ store, jobs, draining }) => [
      async (_req, res) => {
        const checks: Record<string, 'ok' | 'unreachable' | 'stopping'> = {};
        if (store) checks.store = await within(store.ping(), READY_TIMEOUT_MS).then(() => 'ok' as const, () => 'unreachable' as const);
        if (jobs) checks.queue = await within(jobs.ping(), READY_TIMEOUT_MS).then(() => 'ok' as const, () => 'unreachable' as const);
        if (draining()) checks.server = 'stopping';
        const failing = Object.entries(checks).filter(([, v]) => v !== 'ok');
        res.set('Cache-Control', 'no-cache');
        if (failing.length === 0) return void res.json({ status: 'ready', checks });
        const status = statusOf('NOT_READY');
        sendJsonError(res, status, {
          error: { status, code: 'NOT_READY', message: jobMessages.notReady(failing.map(([k]) => jobMessages.notReadyReasons[k]).join('、')) },
          checks,
        });
      },
    ],
  },
  {
    method: 'get',
    path: '/metrics',
    operation: {
    operationId: 'metrics',
    summary: 'Prometheus の指標（要求の数と時間を経路のパターンごとに、ジョブの数を待ち行列と状態ごとに、Node.js の指標）',
    description: '経路はパターン（/api/batches/:id）で記録し、送られたパスそのもの（番号や名前を含みうる）は記録しません。公開のネットワークには出さず、監視系からだけ読めるようにしてください。',
    tags: ['operations'],
    responses: { 200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } }, 405: errorResponse('GET 以外のメソッド', ['METHOD_NOT_ALLOWED']) },
  },
    handlers: ({ registry }) => [
      async (_req, res) => {
        res.set('Cache-Control', 'no-cache').type(registry.contentType).send(await registry.metrics());
      },
    ],
  },
];
