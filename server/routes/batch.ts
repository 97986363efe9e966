/**
 * POST /api/forms/:id/batch — `yoshiki batch` over HTTP. The request carries what the command line takes: the table as
 * multipart/form-data (`file`: CSV in UTF-8 or CP932, XLSX, JSONL) and the options `format`, `combined`, `sheet`, `name`
 * (and `?today=` as on every form route). The answer is one zip: a file per rendered row, manifest.json, report.csv and
 * report.xlsx — exactly what `yoshiki batch --zip` writes — with the row counts in headers.
 *
 * - 200 whenever the table could be read, even if every row was refused: which rows and why is in the report (as the
 *   command's exit 1). 422 when nothing could be read (the command's exit 2), with the batch's own Japanese message.
 * - Each request works in its own temporary folder (upload, output, zip), removed when the answer has been sent or the
 *   client has gone — and only after the batch has stopped, since its render thread may still be writing there.
 * - A disconnect stops the batch (its AbortSignal): rows being drawn finish, nothing new starts.
 * - One chunk drawn at a time per request (`jobs: 1`), on the server's shared render threads (src/render/pool.ts), and
 *   at most one running batch per CPU (batch-slots.ts): batches and single renders share the same threads.
 * - Bounded whatever is sent (BATCH_READ_LIMITS): at most 2,000 rows (413, pointing to the command), an XLSX checked
 *   before it is opened (a bomb is 413, a corrupt zip 422), each row read within a deadline (else 422) — and the slot is
 *   released in `finally` however the batch ends. Rows and the report stream, so memory does not grow with the rows.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Router } from 'express';
import multer from 'multer';
import { receiveUpload as readUpload, type UploadWording } from './upload-faults.ts';
import type { BatchRequestOptions } from '../../src/store/sql-batches.ts';
import { BatchInputError } from '../../src/batch/errors.ts';
import { checkPattern, DEFAULT_NAME_PATTERN, sanitiseFileName } from '../../src/batch/file-names.ts';
import { BATCH_READ_LIMITS, inputKind, TooManyRowsError, XlsxBombError, type InputKind } from '../../src/batch/input.ts';
import { firstReportRow } from '../../src/batch/report.ts';
import { runBatch, type BatchSummary } from '../../src/batch/run-batch.ts';
import type { FormDefinition } from '../../src/forms/definition.ts';
import { attachmentDisposition } from '../api/content-disposition.ts';
import { definitionOf, renderPoolOf, resolveForm, todayOf } from '../api/request.ts';
import { CONTENT_DISPOSITION, errorResponse, fileResponse, formIdParameter, header, routerOf, SERVER_FAULT, TODAY_PARAMETER, type DocumentedRoute } from '../documented-route.ts';
import type { UploadErrorCode, ServerErrorCode } from '../error-codes.ts';
import { HttpError } from '../http-error.ts';
import { serverMessage, type ServerMessageCode, type ServerMessageParams } from '../../src/messages/http.ts';
import { BatchSlots } from './batch-slots.ts';

/** Largest table the batch reads: some ten thousand rows of CSV, which already take many minutes to render. */
export const BATCH_LIMIT_BYTES = 10 * 1024 * 1024;
const MB = (bytes: number) => `${bytes / 1024 / 1024} MB`;
const NO_FORM = errorResponse('様式がない', ['FORM_NOT_FOUND']);
/**
 * Rows one request may carry. Memory stays flat whatever the count (the rows and the report stream), but the answer
 * comes only when every row is drawn: 2,000 rows take a render thread some minutes. More rows go to the command
 * `yoshiki batch`, which has no limit, or to the asynchronous batch API (POST /api/batches, server/routes/batch-jobs.ts).
 */
export const BATCH_MAX_ROWS = BATCH_READ_LIMITS.maxRows;
export { BATCH_READ_LIMITS };
/** Batches waiting for a slot beyond the running ones; a busy server answers 503 rather than queueing without end. */
const BATCH_QUEUE = 8;
const RETRY_AFTER_SECONDS = 30;
/** The text parts the request may carry besides `file`. */
const OPTION_FIELDS = ['format', 'combined', 'sheet', 'name'] as const;

export const BATCH_HEADERS = {
  rows: 'X-Yoshiki-Rows',
  rendered: 'X-Yoshiki-Rendered',
  refused: 'X-Yoshiki-Refused',
} as const;

export type BatchErrorCode = Extract<ServerErrorCode | UploadErrorCode, 'FILE_MISSING' | 'BAD_REQUEST' | 'PAYLOAD_TOO_LARGE' | 'UNSUPPORTED_MEDIA_TYPE' | 'INVALID_OPTION' | 'UNREADABLE_FILE' | 'SERVER_BUSY'>;

/** A refusal in the batch's own words (its statuses come from server/error-codes.ts). */
export const refuse = (code: BatchErrorCode, messageCode: ServerMessageCode, params: ServerMessageParams = {}, headers: Record<string, string> = {}) =>
  new HttpError(code, serverMessage(messageCode, params), headers);

/** One request's temporary folder and the means to stop its batch. */
interface Workspace {
  dir: string;
  controller: AbortController;
  /** Settles when the batch has stopped (resolved at once while none runs). */
  running: Promise<unknown>;
}
const workspaces = new WeakMap<Request, Workspace>();
export const workspaceOf = (req: Request) => workspaces.get(req)!;
const aborted = (req: Request) => workspaceOf(req).controller.signal.aborted;

/** Before the body is read: `?today=` checked, the temporary folder made and its removal tied to the end of the answer. */
export const openWorkspace: RequestHandler = async (req, res, next) => {
  res.locals.today = todayOf(req);
  const workspace: Workspace = { dir: await fs.promises.mkdtemp(path.join(os.tmpdir(), 'yoshiki-batch-http-')), controller: new AbortController(), running: Promise.resolve() };
  workspaces.set(req, workspace);
  // 'close' comes when the answer is sent and when the client goes away mid-way; either way the batch is no longer wanted.
  const close = () => {
    workspace.controller.abort();
    void workspace.running.catch(() => undefined).finally(() => fs.rm(workspace.dir, { recursive: true, force: true }, () => undefined));
  };
  // A client gone while the folder was being made has already had its 'close'.
  if (res.closed) close();
  else res.once('close', close);
  next();
};

/** The multipart reader of a batch upload: one `file` of at most `limitBytes`, the option parts, into the workspace. */
function batchUpload(limitBytes: number): multer.Multer {
  return multer({
    storage: multer.diskStorage({
      destination: (req, _file, done) => done(null, workspaceOf(req as Request).dir),
      filename: (_req, _file, done) => done(null, 'upload'),
    }),
    // A few more text parts than there are options (and the asynchronous route's `form`), so a misspelt one (`formats`)
    // is refused by name in optionsOf.
    limits: { fileSize: limitBytes, files: 1, fields: 2 * OPTION_FIELDS.length + 1, parts: 2 * OPTION_FIELDS.length + 2, fieldSize: 4096 },
    // Browsers and curl send a Japanese file name as UTF-8; it names the input in the manifest and the messages.
    defParamCharset: 'utf8',
  });
}

/** A broken or oversized upload, in the batch's words. */
const batchUploadWording =
  (limitBytes: number): UploadWording =>
  (fault) => {
    if (fault.kind === 'too-large' && fault.part !== 'field') return { code: 'PAYLOAD_TOO_LARGE', message: serverMessage('BATCH_FILE_TOO_LARGE', { limit: MB(limitBytes) }) };
    if (fault.kind === 'unexpected-file' || fault.kind === 'too-many-files' || fault.kind === 'too-many-parts')
      return { code: 'BAD_REQUEST', message: serverMessage('BATCH_UPLOAD_FIELD', { field: fault.field }) };
    return { code: 'BAD_REQUEST', message: serverMessage('BATCH_MULTIPART') };
  };

/** Reads the upload (multipart only; another body is 415, none is 400), its faults in the batch's words. */
export function receiveUpload(limitBytes = BATCH_LIMIT_BYTES): RequestHandler {
  const readTable = readUpload(batchUpload(limitBytes).single('file'), batchUploadWording(limitBytes));
  return (req, res, next) => {
    if (req.is('multipart/form-data')) return readTable(req, res, next);
    // A body of another kind (JSON, a raw CSV) is the wrong way to send it; no body at all is a missing file.
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody) return next(refuse('UNSUPPORTED_MEDIA_TYPE', 'BATCH_NOT_MULTIPART', { type: req.get('content-type')?.slice(0, 100) }));
    next(refuse('FILE_MISSING', 'BATCH_FILE_MISSING'));
  };
}

/** A text part: multer gives an array when a part is repeated. */
function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.map(String).join(',') : String(value)).trim();
}

/** The options, checked before any work, each refusal naming the part and what to write (as the command does with its flags). */
export function optionsOf(body: Record<string, unknown>, definition: FormDefinition): BatchRequestOptions {
  const unknown = Object.keys(body).find((k) => !(OPTION_FIELDS as readonly string[]).includes(k));
  if (unknown !== undefined) throw refuse('BAD_REQUEST', 'BATCH_UPLOAD_FIELD', { field: unknown.slice(0, 40) });

  const formatText = field(body, 'format') || 'pdf';
  const formats = formatText.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (!formats.length || formats.some((f) => f !== 'pdf' && f !== 'xlsx')) throw refuse('INVALID_OPTION', 'BATCH_FORMAT', { value: formatText.slice(0, 40) });

  const combinedText = (field(body, 'combined') ?? '').toLowerCase();
  const combined = ['1', 'true', 'on', 'yes'].includes(combinedText);
  if (!combined && !['', '0', 'false', 'off', 'no'].includes(combinedText)) throw refuse('INVALID_OPTION', 'BATCH_COMBINED', { value: combinedText.slice(0, 40) });
  if (combined && !formats.includes('pdf')) throw refuse('INVALID_OPTION', 'BATCH_COMBINED_NEEDS_PDF');

  const name = field(body, 'name') || DEFAULT_NAME_PATTERN;
  // checkPattern speaks of the command's --name; checked one placeholder at a time, the refusal names the part instead.
  for (const [, key] of name.matchAll(/\{([^{}]+)\}/g)) {
    try {
      checkPattern(definition, `{${key}}`);
    } catch (e) {
      if (e instanceof BatchInputError) throw refuse('INVALID_OPTION', 'BATCH_NAME', { pattern: name.slice(0, 100), key: key.slice(0, 60) });
      throw e;
    }
  }
  const sheet = field(body, 'sheet');
  return { formats: [...new Set(formats)] as ('pdf' | 'xlsx')[], combined, ...(sheet ? { sheet } : {}), name };
}

const EXTENSION: Record<InputKind, string> = { csv: 'csv', xlsx: 'xlsx', jsonl: 'jsonl' };

/**
 * The kind of table: by the file's extension when it names one (as on the command line), else by its first bytes —
 * a zip (PK) is an XLSX, a first `{` a JSONL, anything else is read as CSV, whose reader then says what is wrong with it.
 */
export async function kindOf(uploaded: string, originalName: string): Promise<InputKind> {
  try {
    return inputKind(originalName);
  } catch {
    const handle = await fs.promises.open(uploaded, 'r');
    try {
      const head = Buffer.alloc(64);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const bytes = head.subarray(0, bytesRead);
      if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
      if (/^\uFEFF?\s*\{/.test(bytes.toString('utf8'))) return 'jsonl';
      return 'csv';
    } finally {
      await handle.close();
    }
  }
}

/** The name the input goes by in the manifest and in messages: the uploaded file's own, made safe, with the kind's extension. */
export function inputName(originalName: string, kind: InputKind): string {
  const base = sanitiseFileName(originalName.split(/[\\/]/).pop() ?? '') || 'input';
  let known = false;
  try {
    known = inputKind(base) === kind;
  } catch {
    known = false;
  }
  return known ? base : `${base}.${EXTENSION[kind]}`;
}

function runAndSend(slots: BatchSlots): RequestHandler {
  return async (req, res) => {
    const workspace = workspaceOf(req);
    const definition = definitionOf(res);
    const file = req.file;
    if (!file) throw refuse('FILE_MISSING', 'BATCH_FILE_MISSING');
    const options = optionsOf((req.body ?? {}) as Record<string, unknown>, definition);
    const kind = await kindOf(file.path, file.originalname);
    const displayName = inputName(file.originalname, kind);
    const inputDir = path.join(workspace.dir, 'in');
    const input = path.join(inputDir, displayName);
    const outDir = path.join(workspace.dir, 'out');
    if (aborted(req)) return;
    await fs.promises.mkdir(inputDir);
    await fs.promises.rename(file.path, input);

    const release = await slots.acquire(workspace.controller.signal);
    if (!release) {
      if (aborted(req)) return;
      throw refuse('SERVER_BUSY', 'BATCH_BUSY', { seconds: RETRY_AFTER_SECONDS }, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
    }
    let summary: BatchSummary;
    try {
      if (aborted(req)) return;
      const batch = runBatch({
        formId: definition.id,
        input,
        outDir,
        formats: options.formats,
        combined: options.combined,
        jobs: 1,
        pool: renderPoolOf(req),
        zip: true,
        sheet: options.sheet,
        name: options.name,
        today: res.locals.today as string,
        progress: 'none',
        signal: workspace.controller.signal,
        limits: BATCH_READ_LIMITS,
      });
      workspace.running = batch;
      summary = await batch;
    } catch (e) {
      if (e instanceof TooManyRowsError) throw refuse('PAYLOAD_TOO_LARGE', 'BATCH_TOO_MANY_ROWS', { limit: BATCH_MAX_ROWS.toLocaleString('en-US') });
      if (e instanceof XlsxBombError)
        throw refuse('PAYLOAD_TOO_LARGE', 'BATCH_XLSX_BOMB', { file: displayName, limit: MB(BATCH_READ_LIMITS.zip.maxTotalBytes), parts: BATCH_READ_LIMITS.zip.maxEntries.toLocaleString('en-US') });
      // The batch's messages name the file it was given: the temporary path, which the client must not see.
      // Control characters (a binary file read as a header) are shown as 「�」 rather than sent on in the JSON.
      if (e instanceof BatchInputError)
        throw new HttpError('UNREADABLE_FILE', e.message.split(input).join(displayName).replace(/[\u0000-\u001f\u007f]/g, '\uFFFD'));
      throw e;
    } finally {
      release();
    }
    if (aborted(req) || summary.interrupted) return;
    if (summary.exitCode === 2) throw await noDocument(outDir, displayName);

    const zip = path.join(outDir, `${definition.id}.zip`);
    const { size } = await fs.promises.stat(zip);
    res
      .status(200)
      .type('application/zip')
      .set({
        'Content-Length': String(size),
        'Content-Disposition': attachmentDisposition(`${definition.id}-batch.zip`, `${definition.title}（一括作成）.zip`),
        // The files carry personal data (names, addresses): no cache may keep them.
        'Cache-Control': 'no-store',
        [BATCH_HEADERS.rows]: String(summary.rows),
        [BATCH_HEADERS.rendered]: String(summary.rendered),
        [BATCH_HEADERS.refused]: String(summary.refused),
      });
    try {
      await pipeline(fs.createReadStream(zip), res);
    } catch (e) {
      // A client that leaves mid-download is no fault of the server; the folder goes when the response closes.
      if (!res.destroyed) throw e;
    }
  };
}

/** 422 for a table of which no row is a document (a JSONL of broken lines): the first row's reason, from the report. */
async function noDocument(outDir: string, displayName: string): Promise<HttpError> {
  const first = await firstReportRow(outDir).catch(() => undefined);
  return refuse('UNREADABLE_FILE', 'BATCH_NO_DOCUMENT', { file: displayName, row: first?.row ?? '1', reason: (first?.message ?? '').replace(/。$/, '') });
}

export const BATCH_ROUTES: DocumentedRoute<BatchSlots>[] = [
  {
    method: 'post',
    path: '/api/forms/:id/batch',
    operation: (definitions) => ({
    operationId: 'renderBatch',
    summary: '表（CSV・Excel・JSONL）の1行を1件として、まとめて PDF・Excel を作成し ZIP で返す（yoshiki batch と同じ）',
    description:
      '誤りのある行は作成せず、ZIP の report.csv・report.xlsx に行・規則・項目・メッセージを記録します（一部の行が誤りでも 200）。' +
      'manifest.json には行ごとのファイルと SHA-256 を記録します。表がまったく読めないときだけ 422 です。' +
      '1件の依頼は作成用のスレッド1本で処理し、同時に処理する依頼は CPU の数まで（超えた分は少し待ち、さらに混むと 503）。' +
      `1回に送れる表は ${BATCH_MAX_ROWS.toLocaleString('en-US')} 行まで（超えると 413。大きな表は非同期の POST /api/batches、又は行数に上限のないコマンド yoshiki batch で）。` +
      `Excel は展開して ${MB(BATCH_READ_LIMITS.zip.maxTotalBytes)}・部品 ${BATCH_READ_LIMITS.zip.maxEntries.toLocaleString('en-US')} 個まで（超えると 413）。` +
      `表は1行ずつ読み、次の行が ${BATCH_READ_LIMITS.stepTimeoutMs / 1000} 秒以内に読めなければ壊れたファイルとして 422 です。`,
    tags: ['files'],
    parameters: [formIdParameter(definitions), TODAY_PARAMETER],
    requestBody: {
      required: true,
      description: `multipart/form-data（ファイルの上限 ${MB(BATCH_LIMIT_BYTES)}）`,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file'],
            properties: {
              file: {
                type: 'string',
                contentMediaType: 'application/octet-stream',
                description:
                  'CSV（UTF-8（BOM の有無は問わない）又は Shift_JIS（CP932））、.xlsx、.jsonl。種類は拡張子で、拡張子がなければ内容で判断します。1行目は見出し（印刷される項目名 事業所番号、又はキー office.number）。',
              },
              format: { type: 'string', pattern: '^(pdf|xlsx)(,(pdf|xlsx))?$', default: 'pdf', description: '作成する形式：pdf、xlsx 又は pdf,xlsx' },
              combined: { type: 'string', enum: ['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'], description: '1 なら全行をまとめた combined.pdf も作成' },
              sheet: { type: 'string', description: 'Excel の読み込むシート名（省略時は最初のシート）' },
              name: { type: 'string', default: '{row}-{form-id}', description: 'ファイル名の形（例：{office.number}-{filedOn}）' },
            },
          },
        },
      },
    },
    responses: {
      200: fileResponse('作成したファイル、manifest.json、report.csv、report.xlsx の ZIP（ファイル名は「<様式の表題>（一括作成）.zip」）', 'application/zip', {
        'Content-Disposition': CONTENT_DISPOSITION,
        [BATCH_HEADERS.rows]: header('読み込んだ行の数', { type: 'integer', minimum: 0 }),
        [BATCH_HEADERS.rendered]: header('作成した行の数', { type: 'integer', minimum: 0 }),
        [BATCH_HEADERS.refused]: header('誤りのため作成しなかった行の数（理由は report.csv）', { type: 'integer', minimum: 0 }),
      }),
      400: errorResponse('ファイルがない、指定（format、combined、name）の誤り、知らない部分、multipart が壊れている、又は実在しない today', [
        'FILE_MISSING',
        'INVALID_OPTION',
        'BAD_REQUEST',
        'INVALID_TODAY',
      ]),
      404: NO_FORM,
      405: errorResponse('POST 以外のメソッド（Allow ヘッダーに使えるメソッド）', ['METHOD_NOT_ALLOWED']),
      413: errorResponse(
        `ファイルが上限（${MB(BATCH_LIMIT_BYTES)}）を超えている、行が ${BATCH_MAX_ROWS.toLocaleString('en-US')} 行を超える、又は Excel が展開すると大きすぎる`,
        ['PAYLOAD_TOO_LARGE'],
      ),
      415: errorResponse('multipart/form-data でない本文', ['UNSUPPORTED_MEDIA_TYPE']),
      422: errorResponse('表を読めない（見出し行がない、知らない見出し、データの行がない、壊れた Excel、シートがない、どの行も書類として読めない）', ['UNREADABLE_FILE']),
      500: SERVER_FAULT,
      503: {
        ...errorResponse('一括作成の依頼が混み合っている', ['SERVER_BUSY']),
        headers: { 'Retry-After': header('待つ秒数', { type: 'integer', minimum: 1 }) },
      },
    },
  }),
    handlers: (slots) => [openWorkspace, receiveUpload(), runAndSend(slots)],
  },
];

export function batchRouter(options: { slots?: BatchSlots } = {}): Router {
  const slots = options.slots ?? new BatchSlots(os.availableParallelism(), BATCH_QUEUE);
  return routerOf(BATCH_ROUTES, slots, { params: { id: resolveForm }, methodNotAllowed: true });
}
