/**
 * Batch production: one 様式, many rows → one PDF and/or XLSX per valid row, a report of every finding, a manifest.
 *
 *   read (stream) → validate each row (main thread, full rule set + the print font) → cross-row rules per block
 *   → valid rows in chunks to the worker pool (bounded queue) → files written by the workers → journal line per row
 *   → at the end: combined PDF, report.csv / report.xlsx, manifest.json, zip.
 *
 * Validation stays on the main thread (about 0.5 ms a row) because the cross-row rules need every row's normalised data
 * before a later row may be rendered; rendering (tens of ms a row) is what the workers share.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FormDefinition } from '../forms/definition.ts';
import { getDefinition } from '../forms/registry.ts';
import { printFont } from '../render/font.ts';
import type { Finding } from '../rules/rule.ts';
import { validateDocument } from '../validate.ts';
import { COMBINED_FILE, writeCombined, type PageSource } from './combine.ts';
import { CrossRowCheck } from './cross-row.ts';
import { BatchInputError } from './errors.ts';
import { checkPattern, DEFAULT_NAME_PATTERN, FileNamer } from './file-names.ts';
import { checkRowLimit, inspectInput, readRows, type InputRow, type ReadLimits } from './input.ts';
import { JOURNAL_FILE, Journal, loadPrevious, MANIFEST_FILE, resumeKey, stillIntact, writeManifest, type JournalEntry, type Manifest, type ManifestRow, type OutputOptions } from './manifest.ts';
import { batchMessages, BATCH_RULES } from '../messages/batch.ts';
import { RenderPool } from '../render/pool.ts';
import { ChunkFeed } from './chunk-feed.ts';
import { createProgress, type ProgressMode } from './progress.ts';
import type { ChunkJob, ChunkResult } from './render-chunk.ts';
import { ReportWriter, reportEntries, type ReportEntry } from './report.ts';
import { writeZip } from './zip.ts';

/** Rows drawn in one generate() call (see render-chunk.ts); more saves little time and grows each file's font subset. */
export const CHUNK_ROWS = 8;
/** Rows validated before the cross-row rules run over them. */
const BLOCK_ROWS = 32;
/**
 * Decided rows whose report entries may wait for an earlier row still being drawn (the report is in row order). Past this,
 * the batch waits for the render threads instead of reading on, so a table of refused rows behind one valid row does not
 * pile up in memory.
 */
const HELD_ROWS = 4 * BLOCK_ROWS;

export interface BatchOptions {
  formId: string;
  input: string;
  outDir: string;
  formats?: ('pdf' | 'xlsx')[];
  combined?: boolean;
  /** Chunks drawn at the same time (render threads); default one per core. */
  jobs?: number;
  /**
   * The render threads to draw on (the server passes its shared pool); without it the batch starts a pool of `jobs`
   * threads of its own and ends it when done (the command line).
   */
  pool?: RenderPool;
  zip?: boolean;
  sheet?: string;
  name?: string;
  today: string;
  progress?: ProgressMode;
  /** Summary lines (stdout) and progress lines (stderr). */
  out?: (s: string) => void;
  err?: (s: string) => void;
  /** Stops the batch cleanly (the CLI wires Ctrl-C to it): in-flight rows finish, nothing new starts, the manifest is written. */
  signal?: AbortSignal;
  /**
   * Bounds on reading the input (the server sets them; the command line keeps its defaults): the most rows, checked before
   * anything is made; the longest wait for the reader's next row; the zip limits of an XLSX.
   */
  limits?: ReadLimits;
  /**
   * Rows decided so far (drawn, refused or found already made) and the rows expected (the reader's estimate until the
   * table has been read to its end). Called as rows are decided, for the job API's progress; never with row data.
   */
  onProgress?: (progress: { done: number; refused: number; total: number | undefined }) => void;
}

export interface BatchSummary {
  rows: number;
  rendered: number;
  resumed: number;
  refused: number;
  interrupted: boolean;
  /** 0 every row made, 1 some refused, 2 no row could be read, 130 interrupted. */
  exitCode: number;
  manifest: Manifest;
}

export const EXIT_INTERRUPTED = 130;

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const definition = getDefinition(options.formId);
  const formats: ('pdf' | 'xlsx')[] = options.formats?.length ? [...new Set(options.formats)] : ['pdf'];
  const pattern = options.name ?? DEFAULT_NAME_PATTERN;
  checkPattern(definition, pattern);
  if (options.combined && !formats.includes('pdf')) throw new BatchInputError(batchMessages.badFormats(`${formats.join(',')} --combined`));
  const jobs = Math.max(1, options.jobs ?? os.availableParallelism());
  const out = options.out ?? (() => {});
  const info = await inspectInput(options.input, options.limits);
  // A table over the row limit is refused before anything is made (a second, cheap pass over the rows).
  if (options.limits?.maxRows !== undefined) await checkRowLimit(info, definition, { sheet: options.sheet, limits: options.limits });
  // The header and the first row are read before anything is created: a file that cannot be read leaves no trace.
  const rows = readRows(info, definition, { sheet: options.sheet, limits: options.limits });
  const first = await rows.next();
  if (first.done) throw new BatchInputError(batchMessages.noRows(options.input));
  const outDir = path.resolve(options.outDir);
  fs.mkdirSync(outDir, { recursive: true });

  const outputOptions: OutputOptions = { form: definition.id, formats: [...formats], name: pattern, today: options.today, ...(options.sheet ? { sheet: options.sheet } : {}) };
  const key = resumeKey(info, outputOptions);
  const previous = loadPrevious(outDir, key);
  if (previous.ignored) out(batchMessages.resumeIgnored());
  const journal = new Journal(path.join(outDir, JOURNAL_FILE), key);

  const state = new BatchState(definition, new ReportWriter(outDir));
  const combinedDir = options.combined ? fs.mkdtempSync(path.join(outDir, '.yoshiki-combined-')) : undefined;
  const bar = createProgress(options.progress ?? 'none', options.err ?? (() => {}), info.estimatedRows);
  const progress = {
    update(done: number, total: number | undefined) {
      bar.update(done, total);
      options.onProgress?.({ done, refused: state.refusedCount, total });
    },
    stop: () => bar.stop(),
  };
  const canDraw = printFont().canDraw;
  const crossRow = new CrossRowCheck(definition);
  const namer = new FileNamer(definition.id, pattern);
  let total = info.estimatedRows;

  const onResult = (result: ChunkResult) => {
    for (const output of result.rows) {
      const pending = state.pending.get(output.row);
      if (!pending) continue;
      state.pending.delete(output.row);
      if (output.error) {
        const finding: Finding = { rule: BATCH_RULES.render, severity: 'error', path: '', message: output.error };
        state.refuse(pending.row, 1, [...pending.entries, ...reportEntries(definition, pending.row.row, pending.row.line, pending.row.data, [finding])]);
        continue;
      }
      state.rendered(pending.row, { row: output.row, files: output.files, pages: output.pages, warnings: output.warnings }, false, pending.entries);
      journal.write({ row: output.row, files: output.files, pages: output.pages, warnings: output.warnings });
    }
    for (const r of result.combined?.rows ?? []) state.pageSources.push({ row: r.row, file: result.combined!.file, start: r.start, count: r.count });
    progress.update(state.done, total);
  };
  const ownPool = options.pool ? undefined : new RenderPool({ threads: jobs, maxQueue: jobs });
  const pool = new ChunkFeed(options.pool ?? ownPool!, jobs, onResult);
  let chunk: ChunkJob['rows'] = [];
  let chunkId = 0;
  let cancelled = 0;
  const flush = async () => {
    if (!chunk.length) return;
    if (options.signal?.aborted) {
      cancelled += chunk.length;
      for (const r of chunk) state.drop(r.row);
      chunk = [];
      return;
    }
    const job: ChunkJob = { id: chunkId++, formId: definition.id, outDir, formats: { pdf: formats.includes('pdf'), xlsx: formats.includes('xlsx') }, combinedDir, rows: chunk };
    chunk = [];
    await pool.submit(job);
  };

  const processBlock = async (block: InputRow[]) => {
    const validated = block.map((r) => (r.data ? validateDocument(definition, r.data, { today: options.today, canDraw }) : undefined));
    const across = crossRow.check(validated.map((v) => v?.data));
    for (const [i, input] of block.entries()) {
      if (options.signal?.aborted) return;
      const v = validated[i];
      const findings = [...input.problems, ...(v ? [...v.result.errors, ...v.result.warnings] : []), ...across[i]];
      const errors = findings.filter((f) => f.severity === 'error').length;
      const entries = reportEntries(definition, input.row, input.line, input.data, findings);
      if (errors > 0 || !v) {
        state.refuse(input, errors, entries);
        continue;
      }
      const base = namer.name(input.row, v.data);
      const names = formats.map((f) => `${base}.${f}`);
      const earlier = previous.entries.get(input.row);
      if (earlier && stillIntact(outDir, earlier, names)) {
        state.rendered(input, earlier, true, entries);
        journal.write(earlier);
        if (combinedDir) state.pageSources.push({ row: input.row, file: path.join(outDir, `${base}.pdf`), start: 0 });
        continue;
      }
      state.pending.set(input.row, { row: input, entries });
      chunk.push({ row: input.row, data: v.data, computed: v.result.computed, base });
      if (chunk.length >= CHUNK_ROWS) await flush();
    }
    progress.update(state.done, total);
  };

  // Ctrl-C: chunks not yet started are dropped at once (the next run makes them); those being drawn finish.
  const onAbort = () => {
    for (const job of pool.cancelQueued())
      for (const r of job.rows) {
        state.drop(r.row);
        cancelled++;
      }
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let readAll = false;
  let readable = 0;
  try {
    let block: InputRow[] = [];
    for await (const row of prepend(first.value, rows)) {
      if (options.signal?.aborted) break;
      state.rows++;
      if (row.data) readable++;
      block.push(row);
      if (block.length >= BLOCK_ROWS) {
        await processBlock(block);
        block = [];
        if (state.held > HELD_ROWS) {
          await flush();
          await pool.drain();
        }
      }
    }
    if (!options.signal?.aborted) {
      await processBlock(block);
      await flush();
      total = state.rows;
      readAll = !options.signal?.aborted;
    }
    await pool.drain();
  } catch (e) {
    pool.stop();
    journal.close(false);
    state.report.abandon();
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await ownPool?.close();
    progress.stop();
  }
  const interrupted = !readAll || cancelled > 0 || state.pending.size > 0;

  const reportFiles = await state.finishReport();
  let combined;
  if (combinedDir && !interrupted) combined = await writeCombined(outDir, definition.title, state.pageSources);
  if (combinedDir) fs.rmSync(combinedDir, { recursive: true, force: true });
  const manifest: Manifest = {
    tool: 'yoshiki batch',
    createdAt: new Date().toISOString(),
    complete: !interrupted,
    form: definition.id,
    input: { file: path.basename(info.file), kind: info.kind, ...(info.encoding ? { encoding: info.encoding } : {}), sha256: info.sha256 },
    options: { ...outputOptions, combined: !!options.combined, zip: !!options.zip, jobs },
    resumeKey: key,
    summary: { rows: state.rows, rendered: state.renderedCount, resumed: state.resumedCount, refused: state.refusedCount },
    rows: state.manifestRows.sort((a, b) => a.row - b.row),
    ...(combined ? { combined } : {}),
    report: reportFiles,
  };
  writeManifest(outDir, manifest, state.warnings);
  journal.close(true);
  if (options.zip && !interrupted) {
    const files = [...manifest.rows.flatMap((r) => r.files?.map((f) => f.file) ?? []), ...(combined ? [COMBINED_FILE] : []), MANIFEST_FILE, ...reportFiles];
    out(batchMessages.wrote(path.join(options.outDir, await writeZip(outDir, `${definition.id}.zip`, files))));
  }

  out(batchMessages.summary({ rendered: state.renderedCount, reused: state.resumedCount, refused: state.refusedCount, report: path.join(options.outDir, reportFiles[0]) }));
  if (interrupted) {
    out(batchMessages.interrupted());
    if (options.combined || options.zip) out(batchMessages.combinedSkipped());
  }
  const exitCode = interrupted ? EXIT_INTERRUPTED : readable === 0 ? 2 : state.refusedCount > 0 ? 1 : 0;
  return { rows: state.rows, rendered: state.renderedCount, resumed: state.resumedCount, refused: state.refusedCount, interrupted, exitCode, manifest };
}

async function* prepend<T>(head: T, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  yield head;
  yield* rest;
}

/** What the batch has learned so far, row by row; the report is written as rows are decided, in row order. */
class BatchState {
  rows = 0;
  renderedCount = 0;
  resumedCount = 0;
  refusedCount = 0;
  readonly manifestRows: ManifestRow[] = [];
  readonly warnings = new Map<number, Finding[]>();
  /** Rows handed to the render threads, with the report entries their validation gave. */
  readonly pending = new Map<number, { row: InputRow; entries: ReportEntry[] }>();
  readonly pageSources: PageSource[] = [];
  /** Decided rows waiting for an earlier one before their entries are written. */
  private readonly decided = new Map<number, ReportEntry[]>();
  private nextRow = 1;

  constructor(
    readonly definition: FormDefinition,
    readonly report: ReportWriter,
  ) {}

  get done(): number {
    return this.renderedCount + this.resumedCount + this.refusedCount;
  }

  get held(): number {
    return this.decided.size;
  }

  refuse(row: InputRow, errors: number, entries: ReportEntry[]): void {
    this.refusedCount++;
    this.manifestRows.push({ row: row.row, line: row.line, status: 'refused', errors });
    this.decide(row.row, entries);
  }

  rendered(row: InputRow, entry: JournalEntry, resumed: boolean, entries: ReportEntry[]): void {
    if (resumed) this.resumedCount++;
    else this.renderedCount++;
    this.manifestRows.push({ row: row.row, line: row.line, status: 'rendered', files: entry.files, pages: entry.pages, ...(resumed ? { resumed: true as const } : {}) });
    if (entry.warnings.length) this.warnings.set(row.row, entry.warnings);
    this.decide(row.row, [...entries, ...reportEntries(this.definition, row.row, row.line, row.data, entry.warnings)]);
  }

  /** A row that will not be drawn (the batch was stopped): its validation findings still go in the report. */
  drop(row: number): void {
    const pending = this.pending.get(row);
    this.pending.delete(row);
    if (pending) this.decide(row, pending.entries);
  }

  private decide(row: number, entries: ReportEntry[]): void {
    this.decided.set(row, entries);
    for (let next = this.decided.get(this.nextRow); next; next = this.decided.get(this.nextRow)) {
      this.report.add(next);
      this.decided.delete(this.nextRow++);
    }
  }

  /** Writes what is still held (rows after a gap left by a stop), then report.xlsx. */
  async finishReport(): Promise<string[]> {
    for (const row of [...this.pending.keys()]) this.drop(row);
    for (const row of [...this.decided.keys()].sort((a, b) => a - b)) this.report.add(this.decided.get(row)!);
    this.decided.clear();
    return this.report.finish();
  }
}
