/**
 * Reading a batch's input row by row, never the whole file at once: CSV (UTF-8 with or without BOM, or CP932 as Excel on
 * Windows saves 「CSV (コンマ区切り)」), XLSX (the first sheet, or --sheet, through exceljs's streaming reader) and JSONL
 * (one JSON document per line). A first pass over the bytes hashes the file for the manifest, decides the CSV's encoding
 * and counts rows for the progress bar; the second pass parses.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parse as parseCsv } from 'csv-parse';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { FormDefinition } from '../forms/definition.ts';
import type { Finding } from '../rules/rule.ts';
import { rowToData, type CellValue } from './cells.ts';
import { resolveHeaders } from './columns.ts';
import { BatchInputError } from './errors.ts';
import { BATCH_RULES, batchMessages } from '../messages/batch.ts';
import { CLI_ZIP_LIMITS, checkZip, ZipRefusal, type ZipLimits } from '../zip-check.ts';

export type InputKind = 'csv' | 'xlsx' | 'jsonl';

export interface InputInfo {
  file: string;
  kind: InputKind;
  /** CSV only: what the bytes were read as. */
  encoding?: 'utf-8' | 'cp932';
  sha256: string;
  /** XLSX only: the inflated size of its zip's parts (zip-check.ts). */
  inflatedBytes?: number;
  /** Data rows, counted cheaply (CSV: line ends outside quotes, minus the header; XLSX: unknown until read). */
  estimatedRows?: number;
}

export interface InputRow {
  /** 1-based number of the document (the first row under the header is 1). */
  row: number;
  /** Where it is in the file: the CSV line, the sheet's row number, the JSONL line. */
  line: number;
  /** The document's data; absent when the row itself could not be read (its problems say why). */
  data?: Record<string, unknown>;
  problems: Finding[];
}

/** Bounds on reading one input: what a server sets for a client's file; the command line keeps the defaults. */
export interface ReadLimits {
  /** The most data rows; a table with more is refused (TooManyRowsError) before anything is made. Unset: no limit. */
  maxRows?: number;
  /**
   * The longest wait for the reader's next row, in ms (default one minute). A corrupt file once left exceljs waiting for
   * good, and with it the server's batch slot; past the deadline the file is refused as unreadable.
   */
  stepTimeoutMs?: number;
  /** An XLSX's zip, checked before exceljs opens it (default CLI_ZIP_LIMITS). */
  zip?: ZipLimits;
}

export const DEFAULT_STEP_TIMEOUT_MS = 60_000;

/**
 * How the server reads a client's table (POST /api/forms/:id/batch): at most 2,000 rows; a deadline for each row the
 * reader gives (a corrupt XLSX once left exceljs waiting for good, holding its batch slot); an XLSX inflating past 32 MB
 * or with more than 1,000 parts is a bomb (2,000 rows of 100 filled columns inflate to some 12 MB, in some 20 parts;
 * exceljs's shared strings are held whole). The asynchronous batch job widens the row and size bounds (src/jobs).
 * More rows than a request may carry go to the command `yoshiki batch`, which has no limit.
 */
export const BATCH_READ_LIMITS = {
  maxRows: 2000,
  stepTimeoutMs: 20_000,
  zip: { maxEntries: 1000, maxTotalBytes: 32 * 1024 * 1024, maxRatio: 200 },
} as const satisfies ReadLimits;

/** A table with more rows than ReadLimits.maxRows. */
export class TooManyRowsError extends BatchInputError {
  constructor(
    file: string,
    readonly limit: number,
  ) {
    super(batchMessages.tooManyRows(file, limit));
    this.name = 'TooManyRowsError';
  }
}

/** An XLSX whose zip inflates far beyond its size or has too many parts (a "zip bomb"); refused before it is opened. */
export class XlsxBombError extends BatchInputError {
  constructor(file: string, reason: string) {
    super(batchMessages.xlsxBomb(file, reason));
    this.name = 'XlsxBombError';
  }
}

export function inputKind(file: string): InputKind {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') return 'csv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new BatchInputError(batchMessages.unknownKind(file));
}

/** Hashes the file and, for CSV, tells UTF-8 from CP932: bytes that are valid UTF-8 are read as UTF-8, anything else as CP932. */
export async function inspectInput(file: string, limits: ReadLimits = {}): Promise<InputInfo> {
  const kind = inputKind(file);
  const inflatedBytes = kind === 'xlsx' ? await checkXlsx(file, limits) : undefined;
  const hash = crypto.createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = true;
  let lineEnds = 0;
  let inQuotes = false;
  let lastByte = 0x0a;
  try {
    for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (kind === 'xlsx') continue;
      if (isUtf8 && kind === 'csv') {
        try {
          utf8.decode(chunk, { stream: true });
        } catch {
          isUtf8 = false;
        }
      }
      // '"' (0x22) and LF (0x0a) never occur inside a CP932 or UTF-8 multi-byte character, so counting on bytes is safe.
      for (const byte of chunk) {
        if (byte === 0x22 && kind === 'csv') inQuotes = !inQuotes;
        else if (byte === 0x0a && !inQuotes) lineEnds++;
      }
      lastByte = chunk[chunk.length - 1] ?? lastByte;
    }
    if (isUtf8 && kind === 'csv') utf8.decode();
  } catch (e) {
    if (e instanceof TypeError) isUtf8 = false;
    else throw new BatchInputError(batchMessages.unreadable(file, (e as NodeJS.ErrnoException).code ?? (e as Error).message));
  }
  const lines = lineEnds + (lastByte === 0x0a ? 0 : 1);
  return {
    file,
    kind,
    encoding: kind === 'csv' ? (isUtf8 ? 'utf-8' : 'cp932') : undefined,
    ...(inflatedBytes !== undefined ? { inflatedBytes } : {}),
    sha256: hash.digest('hex'),
    estimatedRows: kind === 'csv' ? Math.max(0, lines - 1) : kind === 'jsonl' ? lines : undefined,
  };
}

/** The zip inside an XLSX, within its limits and not corrupt, before exceljs reads a byte of it. */
async function checkXlsx(file: string, limits: ReadLimits): Promise<number> {
  try {
    return (await checkZip(file, limits.zip ?? CLI_ZIP_LIMITS, AbortSignal.timeout(limits.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS))).inflatedBytes;
  } catch (e) {
    if (!(e instanceof ZipRefusal)) throw e;
    if (e.kind === 'bomb') throw new XlsxBombError(file, e.message);
    throw new BatchInputError(batchMessages.badXlsx(file, e.message));
  }
}

export interface ReadOptions {
  sheet?: string;
  limits?: ReadLimits;
}

export function readRows(info: InputInfo, definition: FormDefinition, options: ReadOptions = {}): AsyncGenerator<InputRow> {
  // The file streams each reader opens: destroyed when the deadline passes, since the reader itself may never return.
  const streams: fs.ReadStream[] = [];
  const source = info.kind === 'csv' ? readCsv(info, definition, streams) : info.kind === 'xlsx' ? readXlsx(info, definition, options.sheet, streams) : readJsonl(info, streams);
  const ms = options.limits?.stepTimeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
  return withDeadline(source, ms, () => {
    for (const stream of streams) stream.destroy();
    return new BatchInputError(batchMessages.readTimeout(info.file, Math.ceil(ms / 1000)));
  });
}

/** Counts the rows up to the limit and refuses a table with more (before anything is made). */
export async function checkRowLimit(info: InputInfo, definition: FormDefinition, options: ReadOptions & { limits: ReadLimits }): Promise<void> {
  const limit = options.limits.maxRows;
  if (limit === undefined) return;
  // The line count is an upper bound (blank lines are skipped): at or under the limit needs no second pass.
  if (info.estimatedRows !== undefined && info.estimatedRows <= limit) return;
  let rows = 0;
  const reader = readRows(info, definition, options);
  try {
    for await (const _ of reader) if (++rows > limit) throw new TooManyRowsError(info.file, limit);
  } finally {
    await reader.return(undefined);
  }
}

/** The rows of `source`, each within `ms` of asking; past it, `timedOut()`'s error (the source is left, never awaited). */
async function* withDeadline<T>(source: AsyncGenerator<T>, ms: number, timedOut: () => Error): AsyncGenerator<T> {
  let stuck = false;
  try {
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          stuck = true;
          reject(timedOut());
        }, ms);
      });
      let step: IteratorResult<T>;
      try {
        step = await Promise.race([source.next(), deadline]);
      } finally {
        clearTimeout(timer);
      }
      if (step.done) return;
      yield step.value;
    }
  } finally {
    // A source waiting inside its parser cannot be returned; its streams are destroyed and it is let go.
    if (stuck) void source.return(undefined).catch(() => undefined);
    else await source.return(undefined);
  }
}

/** Rows of cells (header first) → documents. */
async function* tableRows(file: string, definition: FormDefinition, source: AsyncIterable<{ cells: CellValue[]; line: number }>): AsyncGenerator<InputRow> {
  let columns: ReturnType<typeof resolveHeaders> | undefined;
  let row = 0;
  for await (const { cells, line } of source) {
    if (cells.every((c) => c === undefined || c === '')) continue;
    if (!columns) {
      columns = resolveHeaders(definition, cells.map((c) => (c === undefined ? '' : String(c))));
      continue;
    }
    row++;
    const { data, problems } = rowToData(columns, cells);
    yield { row, line, data, problems };
  }
  if (!columns) throw new BatchInputError(batchMessages.noHeader(file));
}

async function* readCsv(info: InputInfo, definition: FormDefinition, streams: fs.ReadStream[]): AsyncGenerator<InputRow> {
  const bytes = fs.createReadStream(info.file);
  streams.push(bytes);
  const decoded = bytes.pipe(iconv.decodeStream(info.encoding === 'cp932' ? 'cp932' : 'utf8'));
  const parser = decoded.pipe(parseCsv({ bom: true, relax_column_count: true, relax_quotes: true, info: true }));
  async function* records() {
    try {
      for await (const { record, info: at } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)
        yield { cells: record as CellValue[], line: at.lines };
    } catch (e) {
      if (e instanceof BatchInputError) throw e;
      throw new BatchInputError(batchMessages.badCsv(info.file, (e as Error).message));
    } finally {
      bytes.destroy();
    }
  }
  yield* tableRows(info.file, definition, records());
}

/** exceljs cell values → what a person sees in the cell (a formula's result, a rich text's text, a link's text). */
function xlsxCell(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return xlsxCell(value.result as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value) return undefined;
    if ('text' in value) return typeof value.text === 'string' ? value.text : xlsxCell(value.text as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** The largest workbook (inflated) read whole by the fallback below: exceljs holds some 20 times that in memory. */
const WHOLE_WORKBOOK_BYTES = 16 * 1024 * 1024;

/** The rows of one sheet, read with the non-streaming reader (the fallback when streaming fails before any row). */
async function* wholeWorkbookRows(Excel: typeof ExcelJS, file: string, sheet: string | undefined): AsyncGenerator<{ cells: CellValue[]; line: number }> {
  const workbook = new Excel.Workbook();
  await workbook.xlsx.readFile(file);
  const worksheet = sheet ? workbook.getWorksheet(sheet) : workbook.worksheets[0];
  if (!worksheet) throw new BatchInputError(batchMessages.noSheet(sheet ?? '', workbook.worksheets.map((w) => w.name)));
  const rows: { cells: CellValue[]; line: number }[] = [];
  worksheet.eachRow((row) => rows.push({ cells: (row.values as ExcelJS.CellValue[]).slice(1).map(xlsxCell), line: row.number }));
  yield* rows;
}

async function* readXlsx(info: InputInfo, definition: FormDefinition, sheet: string | undefined, streams: fs.ReadStream[]): AsyncGenerator<InputRow> {
  // exceljs is loaded only for XLSX input: it is large, and a CSV batch never needs it.
  const { default: Excel } = await import('exceljs');
  const stream = fs.createReadStream(info.file);
  streams.push(stream);
  const reader = new Excel.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const sheetNames = () => ((reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets ?? []).map((s) => s.name);
  let found = false;
  let yielded = 0;
  async function* cells(): AsyncGenerator<{ cells: CellValue[]; line: number }> {
    try {
      for await (const worksheet of reader) {
        // The first tab in the workbook (not the first part in the zip), unless --sheet names one.
        const wanted = sheet ?? sheetNames()[0] ?? (worksheet as unknown as { name: string }).name;
        if ((worksheet as unknown as { name: string }).name !== wanted) {
          // Read past it: exceljs may have spooled it to a temporary file that must be consumed before it is removed.
          for await (const _ of worksheet as AsyncIterable<ExcelJS.Row>);
          continue;
        }
        found = true;
        for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
          const values = row.values as ExcelJS.CellValue[];
          yielded++;
          yield { cells: values.slice(1).map(xlsxCell), line: row.number };
        }
        break;
      }
    } catch (e) {
      if (e instanceof BatchInputError) throw e;
      // exceljs's streaming reader sometimes meets a worksheet before it has read the workbook part (a race seen under
      // load: "reading 'sheets'"). Nothing was read yet, so read the file whole instead of refusing a good file.
      if (yielded === 0 && /reading 'sheets'/.test((e as Error).message) && (info.inflatedBytes ?? Infinity) <= WHOLE_WORKBOOK_BYTES) {
        found = true;
        yield* wholeWorkbookRows(Excel, info.file, sheet);
        return;
      }
      throw new BatchInputError(batchMessages.badXlsx(info.file, (e as Error).message));
    } finally {
      stream.destroy();
    }
    if (!found) throw new BatchInputError(batchMessages.noSheet(sheet ?? '', sheetNames()));
  }
  yield* tableRows(info.file, definition, cells());
}

async function* readJsonl(info: InputInfo, streams: fs.ReadStream[]): AsyncGenerator<InputRow> {
  const stream = fs.createReadStream(info.file, { encoding: 'utf8' });
  streams.push(stream);
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  let row = 0;
  try {
    for await (const raw of lines) {
      line++;
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      row++;
      const problem = (message: string): InputRow => ({ row, line, problems: [{ rule: BATCH_RULES.row, severity: 'error', path: '', message }] });
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        yield problem(batchMessages.badJsonLine((e as Error).message));
        continue;
      }
      if (!json || typeof json !== 'object' || Array.isArray(json)) yield problem(batchMessages.notObject());
      else yield { row, line, data: json as Record<string, unknown>, problems: [] };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
