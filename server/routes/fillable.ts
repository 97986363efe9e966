/**
 * Fillable PDF and import, mounted under /api:
 * - GET  /forms/:id/fillable.pdf  the blank 様式 with a form field wherever a value is printed (src/fillable);
 * - POST /forms/:id/import        a filled-in fillable PDF or yoshiki XLSX → `{ data, result }` (src/import): the file as
 *   multipart/form-data (one part named `file`) or as the body itself (application/pdf, the XLSX type, octet-stream).
 *   What the file is, is decided by its first bytes. The answer is 200 whenever the file could be read: whether the
 *   document is valid is in `result`, as everywhere else.
 * Errors answer `{ error: { status, code, message } }` with a Japanese message that says what to do (the app's one
 * error handler; ImportError's codes have their statuses in server/error-codes.ts).
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import multer from 'multer';
import { HttpError } from '../http-error.ts';
import { receiveUpload, type UploadWording } from './upload-faults.ts';
import type { FormDefinition } from '../../src/forms/definition.ts';
import { renderFillablePdf } from '../../src/fillable/fillable-pdf.ts';
import { importDocument } from '../../src/import/import-document.ts';
import { ImportError } from '../../src/import/errors.ts';
import { importMessage } from '../../src/messages/import.ts';
import { attachmentDisposition } from '../api/content-disposition.ts';
import { definitionOf, resolveForm, todayOf } from '../api/request.ts';

/** Largest file the import reads: a fillable PDF carries its whole font (about 3 MB). */
export const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024;
const IMPORT_LIMIT_TEXT = '10 MB';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RAW_TYPES = ['application/pdf', XLSX_TYPE, 'application/octet-stream'];

/** Definitions do not change while the server runs, and a fillable PDF takes about a second to build: keep each one. */
const fillableCache = new Map<string, Promise<Uint8Array>>();
function fillablePdf(definition: FormDefinition): Promise<Uint8Array> {
  let pdf = fillableCache.get(definition.id);
  if (!pdf) {
    pdf = renderFillablePdf(definition);
    fillableCache.set(definition.id, pdf);
    pdf.catch(() => fillableCache.delete(definition.id));
  }
  return pdf;
}

const sendFillable: RequestHandler = async (_req, res) => {
  const definition = definitionOf(res);
  const pdf = await fillablePdf(definition);
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

/** An upload the import cannot read, in the import's words. */
const importUploadWording: UploadWording = (fault) => {
  if (fault.kind === 'too-large' && fault.part !== 'field') return { code: 'PAYLOAD_TOO_LARGE', message: importMessage('IM-FILE-TOO-LARGE', { limit: IMPORT_LIMIT_TEXT }) };
  if (fault.kind === 'unexpected-file' || fault.kind === 'too-many-files') return { code: 'BAD_REQUEST', message: importMessage('IM-UPLOAD-FIELD', { field: fault.field }) };
  return { code: 'BAD_REQUEST', message: importMessage('IM-MULTIPART') };
};

const receiveFile = receiveUpload((req, res, next) => (req.is('multipart/form-data') ? upload.single('file')(req, res, next) : rawBody(req, res, next)), importUploadWording);

const importFile: RequestHandler = async (req, res) => {
  const today = todayOf(req);
  const bytes = uploadedBytes(req);
  if (!bytes) {
    // A body of another kind (JSON, text, a form) is a file of the wrong type; no file at all is a missing file.
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('multipart/form-data') && !req.is(RAW_TYPES)) throw new ImportError('UNSUPPORTED_MEDIA_TYPE', importMessage('IM-UNSUPPORTED'));
    throw new HttpError('FILE_MISSING', importMessage('IM-FILE-MISSING'));
  }
  res.json(await importDocument(definitionOf(res), bytes, { today }));
};

export function fillableRouter(): Router {
  const router = express.Router();
  router.param('id', resolveForm);
  router.get('/forms/:id/fillable.pdf', sendFillable);
  router.post('/forms/:id/import', receiveFile, importFile);
  return router;
}
