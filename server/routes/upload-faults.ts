/**
 * What went wrong with a multipart upload, told apart once for every upload route (import, batch, e-submission filing
 * and revision): each route answers with its own Japanese message (its UploadWording), but which faults are the
 * client's — and how they are recognised and answered — is the same. Whatever is not an upload fault goes on to the
 * app's one mapper (server/errors.ts).
 */
import type { RequestHandler } from 'express';
import multer from 'multer';
import type { ApiErrorCode } from '../error-codes.ts';
import { HttpError } from '../http-error.ts';

export type UploadFault =
  /** A file over the route's size limit, a text part over its limit, or a raw body over the body limit. */
  | { kind: 'too-large'; part: 'file' | 'field' | 'body' }
  /** A file under a name the route does not take. */
  | { kind: 'unexpected-file'; field: string }
  /** More files than the route takes. */
  | { kind: 'too-many-files'; field: string }
  /** More text parts than the route takes. */
  | { kind: 'too-many-parts'; field: string }
  /** A body that is not well-formed multipart. */
  | { kind: 'malformed' };

/**
 * busboy's own errors (a body cut short, a broken boundary or part header, a bad Content-Type) carry no status, nor do
 * multer's for a client that went away mid-upload.
 */
const BUSBOY_FAULT = /multipart|boundary|Unexpected end of (form|file)|Malformed (part header|urlencoded form|content type)|Unsupported content type|Missing Content-Type|^Request (aborted|closed)$/i;

/** The client's fault in an upload, or undefined for anything else (left to the app's error handler). */
export function uploadFault(thrown: unknown): UploadFault | undefined {
  if (thrown instanceof multer.MulterError) {
    if (thrown.code === 'LIMIT_FILE_SIZE') return { kind: 'too-large', part: 'file' };
    if (thrown.code === 'LIMIT_FIELD_VALUE') return { kind: 'too-large', part: 'field' };
    // The part's name is the client's text: cut to a length a message can carry.
    const field = String(thrown.field ?? '').slice(0, 40);
    if (thrown.code === 'LIMIT_UNEXPECTED_FILE') return { kind: 'unexpected-file', field };
    if (thrown.code === 'LIMIT_FILE_COUNT') return { kind: 'too-many-files', field };
    if (thrown.code === 'LIMIT_FIELD_COUNT' || thrown.code === 'LIMIT_PART_COUNT') return { kind: 'too-many-parts', field };
    return { kind: 'malformed' };
  }
  // express's raw body parser (an upload sent without multipart) over its limit.
  if ((thrown as { type?: unknown } | null)?.type === 'entity.too.large') return { kind: 'too-large', part: 'body' };
  if (thrown instanceof Error && !('status' in thrown) && BUSBOY_FAULT.test(thrown.message)) return { kind: 'malformed' };
  return undefined;
}

/** A route's words for its upload faults: the code (status from error-codes.ts) and the Japanese message. */
export type UploadWording = (fault: UploadFault) => { code: ApiErrorCode; message: string };

/**
 * The one multipart-fault mapper: an upload fault in the route's words, or undefined for anything else (left to the
 * app's error handler, server/errors.ts, whose own fallback words use this mapper too).
 */
export function uploadError(thrown: unknown, wording: UploadWording): HttpError | undefined {
  const fault = uploadFault(thrown);
  if (!fault) return undefined;
  const { code, message } = wording(fault);
  return new HttpError(code, message);
}

/**
 * Runs a route's body reader (multer, express.raw) and hands its faults on in the route's words, so every multipart
 * route answers a broken body with a 4xx of its own — one wrapper for the import, the batch and the filing routes.
 */
export function receiveUpload(read: RequestHandler, wording: UploadWording): RequestHandler {
  return (req, res, next) => read(req, res, (err?: unknown) => (err === undefined || err === 'route' || err === 'router' ? next(err) : next(uploadError(err, wording) ?? err)));
}
