/**
 * Logs (pino, one JSON line per event) that carry no personal data: a filing names people (利用者氏名, 保護者…), so
 * request and response bodies are never logged, nor query strings, headers or cookies. A request line is only
 * method, path, status and duration.
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

/** Express rewrites req.url inside mounted routers; originalUrl is what the client asked for. */
const requestPath = (req: IncomingMessage) => pathOnly((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url);

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
}
interface SerializedResponse {
  statusCode?: number;
}

export function httpLogger(logger: Logger): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp({
    logger,
    // The std serializers would add headers, query, params and the remote address; keep only what the brief allows.
    serializers: {
      req: (req: SerializedRequest) => ({ id: req.id, method: req.method, url: pathOnly(req.url) }),
      res: (res: SerializedResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res, ms) => `${req.method} ${requestPath(req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req, res) => `${req.method} ${requestPath(req)} ${res.statusCode}`,
  });
}
