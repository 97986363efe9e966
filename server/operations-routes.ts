/**
 * What a load balancer and a monitoring system ask: `/healthz` (the process answers), `/readyz` (it can do its work:
 * the store and the job queue answer within a second; 503 JSON otherwise, and from the moment a shutdown begins, so the
 * balancer stops sending before the server stops listening) and `/metrics` (Prometheus, prom-client): requests by
 * method, route pattern and status with their durations — the pattern `/api/batches/:id`, never the path as sent, which
 * may carry anything a client typed —, jobs by queue and state, and whatever gauges the render pool offers.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import express from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobQueue } from '../src/jobs/job-queue.ts';
import { jobMessages } from '../src/messages/jobs.ts';
import type { SubmissionStore } from '../src/store/types.ts';
import { methodNotAllowed, sendJsonError } from './errors.ts';
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

  const router = express.Router();
  router
    .route('/healthz')
    .get((_req, res) => {
      res.set('Cache-Control', 'no-cache').json({ status: 'ok' });
    })
    .all(methodNotAllowed(['get']));
  router
    .route('/readyz')
    .get(async (_req, res) => {
      const checks: Record<string, 'ok' | 'unreachable' | 'stopping'> = {};
      if (options.store) checks.store = await within(options.store.ping(), READY_TIMEOUT_MS).then(() => 'ok' as const, () => 'unreachable' as const);
      if (options.jobs) checks.queue = await within(options.jobs.ping(), READY_TIMEOUT_MS).then(() => 'ok' as const, () => 'unreachable' as const);
      if (draining) checks.server = 'stopping';
      const failing = Object.entries(checks).filter(([, v]) => v !== 'ok');
      res.set('Cache-Control', 'no-cache');
      if (failing.length === 0) return void res.json({ status: 'ready', checks });
      sendJsonError(res, 503, {
        error: { status: 503, code: 'NOT_READY', message: jobMessages.notReady(failing.map(([k]) => jobMessages.notReadyReasons[k]).join('、')) },
        checks,
      });
    })
    .all(methodNotAllowed(['get']));
  router
    .route('/metrics')
    .get(async (_req, res) => {
      res.set('Cache-Control', 'no-cache').type(registry.contentType).send(await registry.metrics());
    })
    .all(methodNotAllowed(['get']));

  return { measure, router, drain: () => (draining = true), registry };
}
