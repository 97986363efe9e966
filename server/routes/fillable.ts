/**
 * Fillable PDF and import, mounted under /api:
 * - GET  /forms/:id/fillable.pdf  the blank 様式 with a form field wherever a value is printed (src/fillable);
 * - POST /forms/:id/import        a filled-in fillable PDF or yoshiki XLSX → `{ data, result }` (src/import): the file as
 *   multipart/form-data (one part named `file`) or as the body itself (application/pdf, the XLSX type, octet-stream).
 *   What the file is, is decided by its first bytes. The answer is 200 whenever the file could be read: whether the
 *   document is valid is in `result`, as everywhere else.
 * Errors answer `{ error: { status, code, message } }` with a Japanese message that says what to do.
 */
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import multer from 'multer';
import { sendJsonError } from '../errors.ts';
import { uploadFault } from './upload-faults.ts';
import type { FormDefinition } from '../../src/forms/definition.ts';
import type { RenderPool } from '../../src/render/pool.ts';
import { renderFillableOnPool } from '../../src/fillable/fillable-pdf.ts';
import { importDocument } from '../../src/import/import-document.ts';
import { ImportError, importMessage, type ImportMessageCode } from '../../src/import/messages.ts';
import { attachmentDisposition } from '../api/content-disposition.ts';
import { definitionOf, renderPoolOf, resolveForm, todayOf } from '../api/request.ts';

/** Largest file the import reads: a fillable PDF carries its whole font (about 3 MB). */
export const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024;
const IMPORT_LIMIT_TEXT = '10 MB';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RAW_TYPES = ['application/pdf', XLSX_TYPE, 'application/octet-stream'];

class UploadError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: 'FILE_MISSING' | 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE',
    messageCode: ImportMessageCode,
    params: Record<string, string> = {},
  ) {
    super(importMessage(messageCode, params));
  }
}

/**
 * Definitions do not change while the server runs, and a fillable PDF takes about a second to build: keep each one. It is
 * drawn on a render thread, with no abort signal: every request for the form waits on the same render.
 */
const fillableCache = new Map<string, Promise<Uint8Array>>();
function fillablePdf(pool: RenderPool, definition: FormDefinition): Promise<Uint8Array> {
  let pdf = fillableCache.get(definition.id);
  if (!pdf) {
    pdf = renderFillableOnPool(pool, definition.id);
    fillableCache.set(definition.id, pdf);
    pdf.catch(() => fillableCache.delete(definition.id));
  }
  return pdf;
}

const sendFillable: RequestHandler = async (req, res) => {
  const definition = definitionOf(res);
  const pdf = await fillablePdf(renderPoolOf(req), definition);
  res
    .type('application/pdf')
    .set('Content-Disposition', attachmentDisposition(`${definition.id}-fillable.pdf`, `${definition.title}（記入用）.pdf`))
    .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
};

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: IMPORT_LIMIT_BYTES, files: 1, fields: 10, parts: 20 } });
const rawBody = express.raw({ type: RAW_TYPES, limit: IMPORT_LIMIT_BYTES });

/** The uploaded bytes: the `file` part of a multipart body, or a raw body. */
function uploadedBytes(req: Request): Uint8Array | undefined {
  if (req.file) return req.file.buffer;
  return Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
}

const receiveFile: RequestHandler = (req, res, next) => {
  if (req.is('multipart/form-data')) return upload.single('file')(req, res, next);
  return rawBody(req, res, next);
};

const importFile: RequestHandler = async (req, res) => {
  const today = todayOf(req);
  const bytes = uploadedBytes(req);
  if (!bytes) {
    // A body of another kind (JSON, text, a form) is a file of the wrong type; no file at all is a missing file.
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('multipart/form-data') && !req.is(RAW_TYPES)) throw new ImportError(415, 'UNSUPPORTED_MEDIA_TYPE', importMessage('IM-UNSUPPORTED'));
    throw new UploadError(400, 'FILE_MISSING', 'IM-FILE-MISSING');
  }
  res.json(await importDocument(definitionOf(res), bytes, { today }));
};

/** Upload and import failures as the API's error JSON; anything else goes on to the app's error handler. */
const importErrors: ErrorRequestHandler = (thrown, _req, res, next) => {
  const error = toUploadError(thrown);
  if (!error) return next(thrown);
  sendJsonError(res, error.status, { error: { status: error.status, code: error.code, message: error.message } });
};

function toUploadError(thrown: unknown): ImportError | UploadError | undefined {
  if (thrown instanceof ImportError || thrown instanceof UploadError) return thrown;
  const fault = uploadFault(thrown);
  if (fault?.kind === 'too-large' && fault.part !== 'field') return new UploadError(413, 'PAYLOAD_TOO_LARGE', 'IM-FILE-TOO-LARGE', { limit: IMPORT_LIMIT_TEXT });
  if (fault?.kind === 'unexpected-file' || fault?.kind === 'too-many-files') return new UploadError(400, 'BAD_REQUEST', 'IM-UPLOAD-FIELD', { field: fault.field });
  if (fault) return new UploadError(400, 'BAD_REQUEST', 'IM-MULTIPART');
  return undefined;
}

export function fillableRouter(): Router {
  const router = express.Router();
  router.param('id', resolveForm);
  router.get('/forms/:id/fillable.pdf', sendFillable);
  // On the route only: the import's words are for the import's own faults; the rest go to the app's one mapper.
  router.post('/forms/:id/import', receiveFile, importFile, importErrors);
  return router;
}
