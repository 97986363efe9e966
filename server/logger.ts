/**
 * Logs (pino, one JSON line per event) that carry no personal data: a filing names people (利用者氏名, 保護者…), so
 * request and response bodies are never logged, nor query strings, headers or cookies — nor the path itself, which a
 * client may fill with anything (a name typed into a URL): a request line is method, the matched route pattern
 * (`/api/submissions/:no`), status and duration.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/** Defence in depth: the serializers below already drop headers; should one slip in, these never print. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'req.body',
  'res.body',
  'req.query',
];

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    { name: 'yoshiki', level: options.level ?? process.env.YOSHIKI_LOG_LEVEL ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    options.destination,
  );
}

/** `/api/forms/x/validate?today=…` → `/api/forms/x/validate`. */
export const pathOnly = (url: string | undefined) => (url ?? '').split('?')[0];

/** What a request that matched no route is logged as. */
export const NO_ROUTE = '(no route)';

/**
 * The pattern of the route that answered (`/api/forms/:id/validate`), never the path as sent. Express keeps the matched
 * route in `req.route` with its path relative to the router; the router's mount point is the leading segments the route
 * did not match (req.baseUrl cannot be used: Express moves it while error handlers run). A non-string route path (a
 * RegExp, none here) is logged as its kind only.
 */
export function routePattern(req: IncomingMessage): string {
  const route = (req as IncomingMessage & { route?: { path?: unknown } }).route;
  if (!route) return NO_ROUTE;
  if (typeof route.path !== 'string') return '(pattern route)';
  const sent = pathOnly((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url).split('/').filter(Boolean);
  const own = route.path.split('/').filter(Boolean).length;
  const mount = sent.slice(0, Math.max(0, sent.length - own)).join('/');
  return `${mount ? `/${mount}` : ''}${route.path}`;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
}
interface SerializedResponse {
  statusCode?: number;
}

export function httpLogger(logger: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp({
    logger,
    // The std serializers would add headers, query, params and the remote address; keep only what the brief allows.
    serializers: {
      // The request is serialized when it arrives, before any route matched: the route is added when it is logged.
      req: (req: SerializedRequest) => ({ id: req.id, method: req.method }),
      res: (res: SerializedResponse) => ({ statusCode: res.statusCode }),
    },
    customSuccessObject: (req, _res, value: object) => ({ ...value, route: routePattern(req) }),
    customErrorObject: (req, _res, _error, value: object) => ({ ...value, route: routePattern(req) }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${routePattern(req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req, res) => `${req.method} ${routePattern(req)} ${res.statusCode}`,
  });
}
