/**
 * One error class for every non-2xx answer, and the handlers that turn anything thrown into
 * `{ "error": { status, code, message } }` with a Japanese message. A client can never cause a 500 or see a stack trace:
 * whatever the body parser, the router or a route throws is mapped here, and only a genuine server fault is a 500
 * (logged with its stack, answered with a generic message).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { UnknownFormError } from '../src/forms/registry.ts';
import { serverMessage, type ServerMessageCode, type ServerMessageParams } from './messages.ts';

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
  'BAD_REQUEST',
  'CLIENT_ERROR',
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

/** Maps whatever was thrown to the HttpError the client sees. */
export function toHttpError(thrown: unknown): HttpError {
  if (thrown instanceof HttpError) return thrown;
  if (thrown instanceof UnknownFormError) return new HttpError(404, 'FORM_NOT_FOUND', { id: thrown.formId });
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
  if (status === 400) return new HttpError(400, 'BAD_REQUEST');
  if (status > 400 && status < 500) return new HttpError(status, 'CLIENT_ERROR', { status });
  return new HttpError(500, 'INTERNAL_ERROR');
}

export const errorHandler: ErrorRequestHandler = (thrown, _req, res, next) => {
  // Once bytes are on the wire the answer cannot change; Express then closes the connection.
  if (res.headersSent) return next(thrown);
  const error = toHttpError(thrown);
  // Only a server fault is logged with its error: a client's bad JSON carries a slice of the body in its message.
  if (error.status >= 500) res.err = thrown instanceof Error ? thrown : new Error(String(thrown));
  res.set(error.headers).status(error.status).json(error.toBody());
};

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
