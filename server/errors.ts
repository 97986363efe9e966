/**
 * One error class for every non-2xx answer, and the handlers that turn anything thrown into
 * `{ "error": { status, code, message } }` with a Japanese message. A client can never cause a 500 or see a stack trace:
 * whatever the body parser, the router or a route throws is mapped here, and only a genuine server fault is a 500
 * (logged with its stack, answered with a generic message).
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { UnknownFormError } from '../src/forms/registry.ts';
import { RenderPoolBusyError } from '../src/render/pool.ts';
import { serverMessage, type ServerMessageCode, type ServerMessageParams } from './messages.ts';
import { uploadFault } from './routes/upload-faults.ts';

export const ERROR_CODES = [
  'FORM_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'INVALID_JSON',
  'BODY_NOT_OBJECT',
  'BODY_TOO_DEEP',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_CHARSET',
  'UNSUPPORTED_ENCODING',
  'PAYLOAD_TOO_LARGE',
  'INVALID_TODAY',
  'MALFORMED_PERCENT_ENCODING',
  'BAD_REQUEST',
  'CLIENT_ERROR',
  'SERVER_BUSY',
  'INTERNAL_ERROR',
] as const satisfies readonly ServerMessageCode[];
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every non-2xx answer except a 422 from validation (which is the result contract itself). */
export const errorBodySchema = z
  .object({
    error: z
      .object({
        status: z.number().int().min(400).max(599),
        code: z.enum(ERROR_CODES),
        message: z.string().describe('日本語の説明（何をすればよいか）'),
      })
      .strict(),
  })
  .strict();
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Largest JSON body the API reads; kept beside the 413 message that names it. */
export const JSON_BODY_LIMIT = '1mb';
/**
 * Deepest nesting of objects/arrays a JSON body may have (server/json-body.ts), one bound for every route: far deeper
 * than any request of this server nests (a filing: body → documents → document → data → group → list → row → group is
 * 8), shallow enough for everything that recurses over it afterwards.
 */
export const MAX_JSON_DEPTH = 32;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    params: ServerMessageParams = {},
    /** Extra response headers (e.g. Allow for a 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(serverMessage(code, params));
    this.name = 'HttpError';
  }

  toBody(): ErrorBody {
    return { error: { status: this.status, code: this.code, message: this.message } };
  }
}

/** The shape of errors from body-parser / http-errors (status and a machine-readable type). */
interface ClientFault {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  headers?: unknown;
}

/**
 * Maps whatever was thrown to the HttpError the client sees — the one mapper of the server: the app's error handler and
 * the e-submission routers' both use it (the upload routes first give multipart faults their own messages, through
 * routes/upload-faults.ts). Everything a client can cause is a 4xx with a Japanese message; only what is left is a 500.
 */
export function toHttpError(thrown: unknown): HttpError {
  if (thrown instanceof HttpError) return thrown;
  if (thrown instanceof UnknownFormError) return new HttpError(404, 'FORM_NOT_FOUND', { id: thrown.formId });
  // Every render thread is busy and the queue is full: nothing was started, the same request will do later.
  if (thrown instanceof RenderPoolBusyError)
    return new HttpError(503, 'SERVER_BUSY', { seconds: thrown.retryAfterSeconds }, { 'Retry-After': String(thrown.retryAfterSeconds) });
  // decodeURIComponent of a path parameter, a query or a cookie (the router's own decoding throws a URIError too).
  if (thrown instanceof URIError) return new HttpError(400, 'MALFORMED_PERCENT_ENCODING', { part: 'アドレス' });
  // Data nested deeper than anything recursing over it can take. Bodies are bounded when parsed (json-body.ts); this is
  // the net under whatever still recurses over a client's value.
  if (thrown instanceof RangeError && /call stack/i.test(thrown.message)) return new HttpError(400, 'BODY_TOO_DEEP', { limit: MAX_JSON_DEPTH });
  const fault = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as ClientFault;
  const status = typeof fault.status === 'number' ? fault.status : typeof fault.statusCode === 'number' ? fault.statusCode : 500;
  switch (fault.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'INVALID_JSON');
    case 'entity.too.large':
      return new HttpError(413, 'PAYLOAD_TOO_LARGE', { limit: JSON_BODY_LIMIT.toUpperCase() });
    case 'charset.unsupported':
      return new HttpError(415, 'UNSUPPORTED_CHARSET');
    case 'encoding.unsupported':
      return new HttpError(415, 'UNSUPPORTED_ENCODING');
  }
  // A multipart body on a route without upload messages of its own (busboy's errors carry no status).
  const upload = uploadFault(thrown);
  if (upload?.kind === 'too-large') return new HttpError(413, 'PAYLOAD_TOO_LARGE', { limit: JSON_BODY_LIMIT.toUpperCase() });
  if (upload) return new HttpError(400, 'BAD_REQUEST');
  if (status === 400) return new HttpError(400, 'BAD_REQUEST');
  if (status > 400 && status < 500) return new HttpError(status, 'CLIENT_ERROR', { status });
  return new HttpError(500, 'INTERNAL_ERROR');
}

/** Whether the thrown value is worth a log line with its stack: a server fault, or a client's value that still overflowed. */
export const worthLogging = (thrown: unknown, mapped: HttpError) => mapped.status >= 500 || (thrown instanceof RangeError && mapped.code === 'BODY_TOO_DEEP');

/**
 * Sends an error answer as JSON whatever the route had set before it failed: a page route sets text/html (and a
 * download its Content-Disposition) before the look-up that throws, and res.json keeps a Content-Type already set —
 * which served a JSON 404 that repeats the path as text/html.
 */
export function sendJsonError(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.removeHeader('Content-Disposition');
  res.status(status).set(headers).type('application/json').json(body);
}

export const errorHandler: ErrorRequestHandler = (thrown, _req, res, next) => {
  // Once bytes are on the wire the answer cannot change; Express then closes the connection.
  if (res.headersSent) return next(thrown);
  const error = toHttpError(thrown);
  // Only a server fault is logged with its error: a client's bad JSON carries a slice of the body in its message.
  if (worthLogging(thrown, error)) res.err = thrown instanceof Error ? thrown : new Error(String(thrown));
  sendJsonError(res, error.status, error.toBody(), error.headers);
};

/**
 * Before any router: a path or query whose percent-encoding is broken (`%E0%A4%A`, `%zz`, a lone `%`) is refused with
 * 400, rather than read leniently in one place (the query parser keeps the raw text) and thrown on in another.
 */
export const rejectMalformedUrl: RequestHandler = (req, _res, next) => {
  const [path, query = ''] = req.url.split(/\?(.*)/s, 2);
  if (!decodes(path)) return next(new HttpError(400, 'MALFORMED_PERCENT_ENCODING', { part: 'アドレスのパス' }));
  // In a query `+` is a space; each name and value is decoded on its own.
  if (!query.split(/[&=]/).every((piece) => decodes(piece.replace(/\+/g, ' ')))) return next(new HttpError(400, 'MALFORMED_PERCENT_ENCODING', { part: 'アドレスの ? 以降（クエリ）' }));
  next();
};

function decodes(text: string): boolean {
  if (!text.includes('%')) return true;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** The last handler: no route answered. */
export const routeNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'ROUTE_NOT_FOUND', { method: req.method, path: req.path.slice(0, 200) }));
};

/** Answers a method the path does not offer: 405 with the Allow header (OPTIONS gets the Allow header alone). */
export function methodNotAllowed(methods: string[]): RequestHandler {
  const allow = [...methods.map((m) => m.toUpperCase()), ...(methods.includes('get') ? ['HEAD'] : [])].join(', ');
  return (req, res, next) => {
    if (req.method === 'OPTIONS') {
      res.set('Allow', allow).status(204).end();
      return;
    }
    next(new HttpError(405, 'METHOD_NOT_ALLOWED', { method: req.method, path: req.originalUrl.split('?')[0].slice(0, 200), allow }, { Allow: allow }));
  };
}

/** An error answer written by hand, for the faults Node's HTTP server answers before the app sees the request. */
function rawJsonAnswer(status: number): { head: Record<string, string | number>; body: string } {
  const error = status === 400 ? new HttpError(400, 'BAD_REQUEST') : new HttpError(status, 'CLIENT_ERROR', { status });
  const body = JSON.stringify(error.toBody());
  return {
    head: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'X-Content-Type-Options': 'nosniff', Connection: 'close' },
    body,
  };
}

/**
 * What Node's HTTP server answers itself — a request it cannot parse (400), headers over its limit (431), a request too
 * slow (408), an `Expect:` it does not know (417) — answered like every other error: JSON with a Japanese message.
 * Node's own answers have no body at all. `yoshiki serve` installs this on its server.
 */
export function answerProtocolErrors(server: Server): void {
  server.on('checkExpectation', (req, res) => {
    const { head, body } = rawJsonAnswer(417);
    // The body the client sends on regardless must not be read as a next request: the connection ends with the answer.
    res.writeHead(417, head).end(body, () => req.socket.destroy());
  });
  server.on('clientError', (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    // Nothing can be answered on a connection that is gone or already carries an answer.
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const { head, body } = rawJsonAnswer(status);
    const lines = Object.entries(head).map(([k, v]) => `${k}: ${v}`);
    // An answer to HEAD has no body (a client would read it as the start of the next answer).
    const headOnly = err.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('\r\n')}\r\n\r\n${headOnly ? '' : body}`);
  });
}
