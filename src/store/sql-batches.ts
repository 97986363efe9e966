/**
 * Asynchronous batches (POST /api/batches): the row that says where a batch stands, the uploaded table and the result
 * zip. With PostgreSQL everything is in the database — the files as 1 MB parts (batch_parts), written and read one part
 * at a time, so any server instance hands out what any worker made and neither file is ever held whole; with SQLite the
 * files sit in the data folder (`batches/<id>/input`, `result.zip`), written durably as attachments are.
 *
 * A batch job is idempotent: `start` resets the counters and each attempt renders the whole table again into its own
 * folder; `finish` replaces any earlier result and marks the batch done in one step, so a worker killed mid-way leaves
 * at most a `running` row that the retry takes over — the result has every row once.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { copyFileDurably } from './file-blobs.ts';
import type { SqlDriver } from './sql.ts';

export type BatchState = 'queued' | 'running' | 'done' | 'failed';

/** What the client chose (the same parts as the synchronous route). */
export interface BatchRequestOptions {
  formats: ('pdf' | 'xlsx')[];
  combined: boolean;
  sheet?: string;
  name: string;
}

export interface BatchRecord {
  id: string;
  form: string;
  state: BatchState;
  options: BatchRequestOptions;
  /** The uploaded file's name, made safe (it names the input in the manifest and in messages). */
  inputName: string;
  today: string;
  rowsTotal: number | null;
  rowsDone: number;
  rowsRefused: number;
  rowsRendered: number;
  attempts: number;
  error: { code: string; message: string } | null;
  result: { size: number; sha256: string } | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface NewBatch {
  id: string;
  form: string;
  options: BatchRequestOptions;
  inputName: string;
  today: string;
  at: string;
}

export interface BatchStore {
  /** Records a queued batch with its table (copied from `inputFile`). */
  create(batch: NewBatch, inputFile: string): Promise<void>;
  get(id: string): Promise<BatchRecord | undefined>;
  /** Marks an attempt as started (counters reset); undefined when there is nothing to do (unknown, done or failed). */
  start(id: string, at: string): Promise<BatchRecord | undefined>;
  progress(id: string, progress: { done: number; refused: number; total: number | undefined }, at: string): Promise<void>;
  /** Stores the result zip and marks the batch done, in one step. */
  finish(id: string, summary: { rows: number; rendered: number; refused: number }, resultFile: string, at: string): Promise<void>;
  fail(id: string, error: { code: string; message: string }, at: string): Promise<void>;
  /** Copies the uploaded table to `file`. */
  readInput(id: string, file: string): Promise<void>;
  /** The result zip, part by part (undefined when there is none). */
  result(id: string): Promise<AsyncIterable<Uint8Array> | undefined>;
  /** Batches a worker should (still) run: queued, or running when their worker went away. */
  unfinished(): Promise<string[]>;
  /** Removes batches created before `cutoff` with their files (kept only a few days: they carry personal data). */
  removeCreatedBefore(cutoff: string): Promise<number>;
}

interface BatchRow {
  id: string;
  form: string;
  state: BatchState;
  options_json: string;
  input_name: string;
  today: string;
  rows_total: number | null;
  rows_done: number;
  rows_refused: number;
  rows_rendered: number;
  attempts: number;
  error_code: string | null;
  error_message: string | null;
  result_size: number | string | null;
  result_sha256: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

const toRecord = (r: BatchRow): BatchRecord => ({
  id: r.id,
  form: r.form,
  state: r.state,
  options: JSON.parse(r.options_json) as BatchRequestOptions,
  inputName: r.input_name,
  today: r.today,
  rowsTotal: r.rows_total === null ? null : Number(r.rows_total),
  rowsDone: Number(r.rows_done),
  rowsRefused: Number(r.rows_refused),
  rowsRendered: Number(r.rows_rendered),
  attempts: Number(r.attempts),
  error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
  result: r.result_sha256 ? { size: Number(r.result_size), sha256: r.result_sha256 } : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

type FileKind = 'input' | 'result';

/** Where a batch's two files live; the row itself is always in the database. */
interface BatchFiles {
  /** Stores `file` as the batch's `kind`, replacing what was there; `inTx` runs in the same step as the replacement. */
  put(id: string, kind: FileKind, file: string, inTx: (tx: Pick<SqlDriver, 'run'>) => Promise<void>): Promise<void>;
  read(id: string, kind: FileKind): Promise<AsyncIterable<Uint8Array> | undefined>;
  remove(id: string): Promise<void>;
}

/** 1 MB parts: small enough to hold one at a time, large enough that a 300 MB result is 300 rows. */
const PART_BYTES = 1024 * 1024;

class DatabaseBatchFiles implements BatchFiles {
  constructor(private readonly driver: SqlDriver) {}

  async put(id: string, kind: FileKind, file: string, inTx: (tx: Pick<SqlDriver, 'run'>) => Promise<void>): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.run('DELETE FROM batch_parts WHERE batch_id = ? AND kind = ?', [id, kind]);
      let part = 0;
      for await (const chunk of fs.createReadStream(file, { highWaterMark: PART_BYTES }))
        await tx.run('INSERT INTO batch_parts (batch_id, kind, part, bytes) VALUES (?, ?, ?, ?)', [id, kind, part++, chunk as Buffer]);
      await inTx(tx);
    });
  }

  async read(id: string, kind: FileKind): Promise<AsyncIterable<Uint8Array> | undefined> {
    const first = await this.driver.get<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM batch_parts WHERE batch_id = ? AND kind = ?', [id, kind]);
    const parts = Number(first?.n ?? 0);
    if (parts === 0) return undefined;
    const driver = this.driver;
    return (async function* () {
      for (let part = 0; part < parts; part++) {
        const row = await driver.get<{ bytes: Buffer }>('SELECT bytes FROM batch_parts WHERE batch_id = ? AND kind = ? AND part = ?', [id, kind, part]);
        if (!row) throw new Error(`一括作成 ${id} のファイルの一部（${part + 1}/${parts}）が見つかりません。`);
        yield new Uint8Array(row.bytes);
      }
    })();
  }

  async remove(): Promise<void> {
    // The parts go with their batch row (ON DELETE CASCADE).
  }
}

const FILE_NAMES: Record<FileKind, string> = { input: 'input', result: 'result.zip' };

class FolderBatchFiles implements BatchFiles {
  constructor(private readonly root: string) {}

  private file(id: string, kind: FileKind): string {
    // Ids are made by the server (batchId), but a tampered row must not reach outside the folder.
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) throw new Error(`一括作成の番号が不正です：${id}`);
    return path.join(this.root, id, FILE_NAMES[kind]);
  }

  async put(id: string, kind: FileKind, source: string, inTx: (tx: Pick<SqlDriver, 'run'>) => Promise<void>, driver?: SqlDriver): Promise<void> {
    const target = this.file(id, kind);
    await copyFileDurably(source, target);
    await (driver ? driver.transaction(inTx) : inTx({ run: async () => 0 }));
  }

  async read(id: string, kind: FileKind): Promise<AsyncIterable<Uint8Array> | undefined> {
    const file = this.file(id, kind);
    if (!fs.existsSync(file)) return undefined;
    return fs.createReadStream(file, { highWaterMark: PART_BYTES });
  }

  async remove(id: string): Promise<void> {
    fs.rmSync(path.dirname(this.file(id, 'input')), { recursive: true, force: true });
  }
}

const COLUMNS =
  'id, form, state, options_json, input_name, today, rows_total, rows_done, rows_refused, rows_rendered, attempts, error_code, error_message, result_size, result_sha256, created_at, updated_at, finished_at';

function sha256OfFile(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    let size = 0;
    fs.createReadStream(file)
      .on('data', (chunk) => {
        hash.update(chunk);
        size += chunk.length;
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: hash.digest('hex'), size }));
  });
}

export class SqlBatchStore implements BatchStore {
  private readonly files: BatchFiles;

  constructor(private readonly driver: SqlDriver) {
    if (driver.dialect === 'postgres') this.files = new DatabaseBatchFiles(driver);
    else {
      const folder = new FolderBatchFiles(path.join((driver as SqlDriver & { dataDir: string }).dataDir, 'batches'));
      // With files outside the database the row update is its own transaction, after the file is durably in place.
      this.files = { put: (id, kind, file, inTx) => folder.put(id, kind, file, inTx, driver), read: (id, kind) => folder.read(id, kind), remove: (id) => folder.remove(id) };
    }
  }

  async create(b: NewBatch, inputFile: string): Promise<void> {
    await this.driver.run(
      `INSERT INTO batches (${COLUMNS}) VALUES (?, ?, 'queued', ?, ?, ?, NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL, ?, ?, NULL)`,
      [b.id, b.form, JSON.stringify(b.options), b.inputName, b.today, b.at, b.at],
    );
    try {
      await this.files.put(b.id, 'input', inputFile, async () => undefined);
    } catch (e) {
      await this.driver.run('DELETE FROM batches WHERE id = ?', [b.id]);
      throw e;
    }
  }

  async get(id: string): Promise<BatchRecord | undefined> {
    const r = await this.driver.get<BatchRow>(`SELECT ${COLUMNS} FROM batches WHERE id = ?`, [id]);
    return r && toRecord(r);
  }

  async start(id: string, at: string): Promise<BatchRecord | undefined> {
    const changed = await this.driver.run(
      `UPDATE batches SET state = 'running', attempts = attempts + 1, rows_done = 0, rows_refused = 0, rows_rendered = 0, updated_at = ? WHERE id = ? AND state IN ('queued', 'running')`,
      [at, id],
    );
    return changed ? this.get(id) : undefined;
  }

  async progress(id: string, p: { done: number; refused: number; total: number | undefined }, at: string): Promise<void> {
    await this.driver.run(`UPDATE batches SET rows_done = ?, rows_refused = ?, rows_total = ?, updated_at = ? WHERE id = ? AND state = 'running'`, [
      p.done,
      p.refused,
      p.total ?? null,
      at,
      id,
    ]);
  }

  async finish(id: string, s: { rows: number; rendered: number; refused: number }, resultFile: string, at: string): Promise<void> {
    const { sha256, size } = await sha256OfFile(resultFile);
    await this.files.put(id, 'result', resultFile, async (tx) => {
      await tx.run(
        `UPDATE batches SET state = 'done', rows_total = ?, rows_done = ?, rows_refused = ?, rows_rendered = ?, result_size = ?, result_sha256 = ?, error_code = NULL, error_message = NULL, updated_at = ?, finished_at = ? WHERE id = ?`,
        [s.rows, s.rows, s.refused, s.rendered, size, sha256, at, at, id],
      );
    });
  }

  async fail(id: string, error: { code: string; message: string }, at: string): Promise<void> {
    await this.driver.run(`UPDATE batches SET state = 'failed', error_code = ?, error_message = ?, updated_at = ?, finished_at = ? WHERE id = ? AND state <> 'done'`, [
      error.code,
      error.message,
      at,
      at,
      id,
    ]);
  }

  async readInput(id: string, file: string): Promise<void> {
    const parts = await this.files.read(id, 'input');
    if (!parts) throw new Error(`一括作成 ${id} の表が見つかりません。`);
    const out = fs.createWriteStream(file, { mode: 0o600 });
    try {
      for await (const part of parts) if (!out.write(part)) await new Promise<void>((r) => out.once('drain', () => r()));
    } finally {
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    }
  }

  result(id: string): Promise<AsyncIterable<Uint8Array> | undefined> {
    return this.files.read(id, 'result');
  }

  async unfinished(): Promise<string[]> {
    return (await this.driver.all<{ id: string }>(`SELECT id FROM batches WHERE state IN ('queued', 'running') ORDER BY created_at`)).map((r) => r.id);
  }

  async removeCreatedBefore(cutoff: string): Promise<number> {
    const ids = (await this.driver.all<{ id: string }>(`SELECT id FROM batches WHERE created_at < ? AND state IN ('done', 'failed')`, [cutoff])).map((r) => r.id);
    for (const id of ids) {
      await this.driver.run('DELETE FROM batches WHERE id = ?', [id]);
      await this.files.remove(id);
    }
    return ids.length;
  }
}
