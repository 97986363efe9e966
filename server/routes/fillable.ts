/**
 * Fillable PDF and import, each route declared with its OpenAPI operation (FILLABLE_ROUTES):
 * - GET  /api/forms/:id/fillable.pdf  the blank 様式 with a form field wherever a value is printed (src/fillable);
 * - POST /api/forms/:id/import        a filled-in fillable PDF or yoshiki XLSX → `{ data, result }` (src/import): the file as
 *   multipart/form-data (one part named `file`) or as the body itself (application/pdf, the XLSX type, octet-stream).
 *   What the file is, is decided by its first bytes. The answer is 200 whenever the file could be read: whether the
 *   document is valid is in `result`, as everywhere else.
 * Errors answer `{ error: { status, code, message } }` with a Japanese message that says what to do (the app's one
 * error handler; ImportError's codes have their statuses in server/error-codes.ts).
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import { IMPORT_ZIP_LIMITS } from '../../src/import/read-xlsx.ts';
import multer from 'multer';
import { HttpError } from '../http-error.ts';
import { receiveUpload, type UploadWording } from './upload-faults.ts';
import type { FormDefinition } from '../../src/forms/definition.ts';
import type { RenderPool } from '../../src/render/pool.ts';
import { renderFillableOnPool } from '../../src/fillable/fillable-pdf.ts';
import { importDocument } from '../../src/import/import-document.ts';
import { ImportError } from '../../src/import/errors.ts';
import { importMessage } from '../../src/messages/import.ts';
import { attachmentDisposition } from '../api/content-disposition.ts';
import { definitionOf, renderPoolOf, resolveForm, todayOf } from '../api/request.ts';
import { CONTENT_DISPOSITION, errorResponse, fileResponse, formIdParameter, jsonResponse, ref, routerOf, SERVER_FAULT, TODAY_PARAMETER, type DocumentedRoute } from '../documented-route.ts';

/** Largest file the import reads: a fillable PDF carries its whole font (about 3 MB). */
export const IMPORT_LIMIT_BYTES = 10 * 1024 * 1024;
const IMPORT_LIMIT_TEXT = '10 MB';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;
const NO_FORM = errorResponse('様式がない', ['FORM_NOT_FOUND']);
const RAW_TYPES = ['application/pdf', XLSX_TYPE, 'application/octet-stream'];

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

export const FILLABLE_ROUTES: DocumentedRoute[] = [
  {
    method: 'get',
    path: '/api/forms/:id/fillable.pdf',
    operation: (definitions) => ({
      operationId: 'getFillablePdf',
      summary: '記入用 PDF（AcroForm の記入欄つき、白紙の様式）',
      description: '記入欄の名前はデータのパス（office.number など）です。日本語を入力できるよう、フォントを丸ごと埋め込んでいます。',
      tags: ['files'],
      parameters: [formIdParameter(definitions)],
      responses: {
        200: fileResponse('記入用 PDF（ファイル名は「<様式の表題>（記入用）.pdf」）', 'application/pdf', { 'Content-Disposition': CONTENT_DISPOSITION }),
        404: NO_FORM,
        500: SERVER_FAULT,
      },
    }),
    handlers: () => [sendFillable],
  },
  {
    method: 'post',
    path: '/api/forms/:id/import',
    operation: (definitions) => ({
      operationId: 'importFilledFile',
      summary: '記入済みの記入用 PDF 又は yoshiki の Excel から記入データを読み込む',
      description: 'ファイルの種類は先頭のバイトで判断します。ファイルを読めれば 200 で、データとその検証結果を返します（誤りがあるかは result に）。',
      tags: ['files'],
      parameters: [formIdParameter(definitions), TODAY_PARAMETER],
      requestBody: {
        required: true,
        description: `multipart/form-data の file、又はファイルそのものを本文に（上限 ${MB(IMPORT_LIMIT_BYTES)}）`,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description: '記入済みの PDF 又は .xlsx' } } },
          },
          'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
          [XLSX_TYPE]: { schema: { type: 'string', contentMediaType: XLSX_TYPE } },
          'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
        },
      },
      responses: {
        200: jsonResponse('読み込んだデータと検証結果', ref('ImportResult')),
        400: errorResponse('ファイルがない、multipart が壊れている、file 以外の部分、又は実在しない today', ['FILE_MISSING', 'BAD_REQUEST', 'INVALID_TODAY']),
        404: NO_FORM,
        413: errorResponse(
          `ファイルが上限（${MB(IMPORT_LIMIT_BYTES)}）を超えている、又は Excel が展開すると上限（${MB(IMPORT_ZIP_LIMITS.maxTotalBytes)}、部品 ${IMPORT_ZIP_LIMITS.maxEntries} 個）を超える`,
          ['PAYLOAD_TOO_LARGE'],
        ),
        415: errorResponse('PDF でも Excel（.xlsx）でもない', ['UNSUPPORTED_MEDIA_TYPE']),
        422: errorResponse('記入済みの様式として読めない（壊れている、記入欄がない、別の様式のファイル）', ['UNREADABLE_FILE', 'NOT_FILLABLE', 'WRONG_FORM']),
        500: SERVER_FAULT,
      },
    }),
    handlers: () => [receiveFile, importFile],
  },
];

export function fillableRouter(): Router {
  return routerOf(FILLABLE_ROUTES, undefined, { params: { id: resolveForm } });
}
