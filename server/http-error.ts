/**
 * The error a route answers with: a code from the one table (error-codes.ts), which gives its status, a Japanese
 * message, and the headers it needs. Domain errors become one in the app's one error handler (errors.ts).
 */
import { serverMessage, type ServerMessageParams } from '../src/messages/http.ts';
import { statusOf, type ApiErrorCode, type ErrorBody, type ServerErrorCode } from './error-codes.ts';

export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** Extra response headers (e.g. Allow for a 405, Retry-After for a 503). */
    readonly headers: Record<string, string> = {},
    /** A body to answer instead of the error JSON: a refused filing's result contract (422). */
    readonly answer?: unknown,
    /** Only for CLIENT_ERROR, which stands for whatever 4xx a parser gave. */
    status?: number,
    /** Facts the error object carries besides status, code and message (src/domain-error.ts ErrorFields). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status ?? statusOf(code);
  }

  toBody(): ErrorBody {
    return { error: { status: this.status, code: this.code, message: this.message, ...this.fields } } as ErrorBody;
  }
}

/** An error in the server's own words (src/messages/http.ts), keyed by the same code. */
export const httpError = (code: ServerErrorCode, params: ServerMessageParams = {}, headers: Record<string, string> = {}) =>
  new HttpError(code, serverMessage(code, params), headers);
