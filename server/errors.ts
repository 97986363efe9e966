/**
 * The app's one error handler and its one mapper, which turn anything thrown into `{ "error": { status, code, message } }`
 * with a Japanese message (the status from the one table, error-codes.ts). A client can never cause a 500 or see a stack trace:
 * whatever the body parser, the router or a route throws is mapped here, and only a genuine server fault is a 500
 * (logged with its stack, answered with a generic message).
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { UnknownFormError } from '../src/forms/registry.ts';
import { DomainError, ErrorFields } from '../src/domain-error.ts';
import { RenderPoolBusyError } from '../src/render/pool.ts';
import { isApiErrorCode, statusOf } from './error-codes.ts';
import { HttpError, httpError } from './http-error.ts';
import { uploadError, type UploadWording } from './routes/upload-faults.ts';
import { serverMessage } from '../src/messages/http.ts';

/** Largest JSON body the API reads; kept beside the 413 message that names it. */
export const JSON_BODY_LIMIT = '1mb';
/**
 * Deepest nesting of objects/arrays a JSON body may have (server/json-body.ts), one bound for every route: far deeper
 * than any request of this server nests (a filing: body → documents → document → data → group → list → row → group is
 * 8), shallow enough for everything that recurses over it afterwards.
 */
export const MAX_JSON_DEPTH = 32;

/** The shape of errors from body-parser / http-errors (status and a machine-readable type). */
interface ClientFault {
  status?: unknown;
  statusCode?: unknown;
  type?: unknown;
  headers?: unknown;
}

/** A multipart or raw upload on a route without words of its own for its faults (busboy's errors carry no status). */
const appUploadWording: UploadWording = (fault) =>
  fault.kind === 'too-large'
    ? { code: 'PAYLOAD_TOO_LARGE', message: serverMessage('PAYLOAD_TOO_LARGE', { limit: JSON_BODY_LIMIT.toUpperCase() }) }
    : { code: 'BAD_REQUEST', message: serverMessage('BAD_REQUEST') };

/** RFC 6750: a 401 says how to authenticate, and whether the token given was refused. */
const authenticateHeader = (code: string) => ({ 'WWW-Authenticate': `Bearer realm="yoshiki"${code === 'INVALID_TOKEN' ? ', error="invalid_token"' : ''}` });

/**
 * Maps whatever was thrown to the HttpError the client sees — the one mapper of the server, used by its one error
 * handler. A domain's refusal keeps its code and message, and gets its status from the one table (error-codes.ts); the
 * upload routes have already put multipart faults in their own words (routes/upload-faults.ts). Everything a client can
 * cause is a 4xx with a Japanese message; only what is left is a 500.
 */
export function toHttpError(thrown: unknown): HttpError {
  if (thrown instanceof HttpError) return thrown;
  if (thrown instanceof DomainError && isApiErrorCode(thrown.code)) {
    const headers = statusOf(thrown.code) === 401 ? authenticateHeader(thrown.code) : {};
    if (thrown.details instanceof ErrorFields) return new HttpError(thrown.code, thrown.message, headers, undefined, undefined, thrown.details.fields);
    return new HttpError(thrown.code, thrown.message, headers, thrown.details);
  }
  if (thrown instanceof UnknownFormError) return httpError('FORM_NOT_FOUND', { id: thrown.formId });
  // Every render thread is busy and the queue is full: nothing was started, the same request will do later.
  if (thrown instanceof RenderPoolBusyError)
    return httpError('SERVER_BUSY', { seconds: thrown.retryAfterSeconds }, { 'Retry-After': String(thrown.retryAfterSeconds) });
  // decodeURIComponent of a path parameter, a query or a cookie (the router's own decoding throws a URIError too).
  if (thrown instanceof URIError) return httpError('MALFORMED_PERCENT_ENCODING', { part: 'アドレス' });
  // Data nested deeper than anything recursing over it can take. Bodies are bounded when parsed (json-body.ts); this is
  // the net under whatever still recurses over a client's value.
  if (thrown instanceof RangeError && /call stack/i.test(thrown.message)) return httpError('BODY_TOO_DEEP', { limit: MAX_JSON_DEPTH });
  const fault = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as ClientFault;
  const status = typeof fault.status === 'number' ? fault.status : typeof fault.statusCode === 'number' ? fault.statusCode : 500;
  switch (fault.type) {
    case 'entity.parse.failed':
      return httpError('INVALID_JSON');
    case 'entity.too.large':
      return httpError('PAYLOAD_TOO_LARGE', { limit: JSON_BODY_LIMIT.toUpperCase() });
    case 'charset.unsupported':
      return httpError('UNSUPPORTED_CHARSET');
    case 'encoding.unsupported':
      return httpError('UNSUPPORTED_ENCODING');
  }
  const upload = uploadError(thrown, appUploadWording);
  if (upload) return upload;
  if (status === 400) return httpError('BAD_REQUEST');
  if (status > 400 && status < 500) return clientError(status);
  return httpError('INTERNAL_ERROR');
}

/** Any other 4xx a parser or Node gives, answered with its own status. */
const clientError = (status: number) => new HttpError('CLIENT_ERROR', serverMessage('CLIENT_ERROR', { status }), {}, undefined, status);

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

/** Sends an HttpError as the error JSON (or, for a refused filing, the result it carries). */
export function sendHttpError(res: Response, error: HttpError): void {
  sendJsonError(res, error.status, error.answer ?? error.toBody(), error.headers);
}

/** The app's one error handler: every router's failures end here. */
export const errorHandler: ErrorRequestHandler = (thrown, _req, res, next) => {
  // Once bytes are on the wire the answer cannot change; Express then closes the connection.
  if (res.headersSent) return next(thrown);
  const error = toHttpError(thrown);
  // Only a server fault is logged with its error: a client's bad JSON carries a slice of the body in its message.
  if (worthLogging(thrown, error)) res.err = thrown instanceof Error ? thrown : new Error(String(thrown));
  sendHttpError(res, error);
};

/**
 * Before any router: a path or query whose percent-encoding is broken (`%E0%A4%A`, `%zz`, a lone `%`) is refused with
 * 400, rather than read leniently in one place (the query parser keeps the raw text) and thrown on in another.
 */
export const rejectMalformedUrl: RequestHandler = (req, _res, next) => {
  const [path, query = ''] = req.url.split(/\?(.*)/s, 2);
  if (!decodes(path)) return next(httpError('MALFORMED_PERCENT_ENCODING', { part: 'アドレスのパス' }));
  // In a query `+` is a space; each name and value is decoded on its own.
  if (!query.split(/[&=]/).every((piece) => decodes(piece.replace(/\+/g, ' ')))) return next(httpError('MALFORMED_PERCENT_ENCODING', { part: 'アドレスの ? 以降（クエリ）' }));
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
  next(httpError('ROUTE_NOT_FOUND', { method: req.method, path: req.path.slice(0, 200) }));
};

/** Answers a method the path does not offer: 405 with the Allow header (OPTIONS gets the Allow header alone). */
export function methodNotAllowed(methods: string[]): RequestHandler {
  const allow = [...methods.map((m) => m.toUpperCase()), ...(methods.includes('get') ? ['HEAD'] : [])].join(', ');
  return (req, res, next) => {
    if (req.method === 'OPTIONS') {
      res.set('Allow', allow).status(204).end();
      return;
    }
    next(httpError('METHOD_NOT_ALLOWED', { method: req.method, path: req.originalUrl.split('?')[0].slice(0, 200), allow }, { Allow: allow }));
  };
}

/** An error answer written by hand, for the faults Node's HTTP server answers before the app sees the request. */
function rawJsonAnswer(status: number): { head: Record<string, string | number>; body: string } {
  const error = status === 400 ? httpError('BAD_REQUEST') : clientError(status);
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
