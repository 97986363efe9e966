/**
 * What a batch made, and how to carry on after an interruption.
 *
 * `manifest.json` lists every row (rendered with its files and their SHA-256, or refused), the input's SHA-256 and the
 * options. While the batch runs, each finished row is also appended to a journal (one JSON line), so even a batch killed
 * outright (SIGKILL, power cut) knows what it finished. Running the same command again (same input bytes, same 様式,
 * formats, name pattern, today and sheet) reuses every row whose files are still on disk with the recorded hash.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from '../rules/rule.ts';
import type { InputInfo } from './input.ts';

export const MANIFEST_FILE = 'manifest.json';
export const JOURNAL_FILE = '.yoshiki-batch-journal.jsonl';

export interface ManifestFile {
  file: string;
  sha256: string;
  bytes: number;
}

export interface ManifestRow {
  row: number;
  line: number;
  status: 'rendered' | 'refused';
  files?: ManifestFile[];
  pages?: number;
  /** Findings of a refused row (the messages are in the report). */
  errors?: number;
  /** Rendered by an earlier run of the same command and found intact. */
  resumed?: true;
}

/** The options that decide what a row's files contain and are called; a resumed run must match them all. */
export interface OutputOptions {
  form: string;
  formats: ('pdf' | 'xlsx')[];
  name: string;
  today: string;
  sheet?: string;
}

export interface Manifest {
  tool: string;
  createdAt: string;
  complete: boolean;
  form: string;
  input: { file: string; kind: string; encoding?: string; sha256: string };
  options: OutputOptions & { combined: boolean; zip: boolean; jobs: number };
  resumeKey: string;
  summary: { rows: number; rendered: number; resumed: number; refused: number };
  rows: ManifestRow[];
  combined?: ManifestFile;
  report: string[];
}

/** What the journal keeps of a rendered row: enough to list it again and to repeat its layout warnings in the report. */
export interface JournalEntry {
  row: number;
  files: ManifestFile[];
  pages: number;
  warnings: Finding[];
}

export function resumeKey(input: InputInfo, options: OutputOptions): string {
  const key = JSON.stringify({ input: input.sha256, ...options, formats: [...options.formats].sort() });
  return crypto.createHash('sha256').update(key).digest('hex');
}

export const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

function readJsonLines(file: string): unknown[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      // A line cut short by a kill: the row it was writing is simply rendered again.
    }
  }
  return out;
}

export interface Previous {
  entries: Map<number, JournalEntry>;
  /** An earlier run's record existed but was for another input or other options. */
  ignored: boolean;
}

/** Rows an earlier run of the same command finished, from its manifest and from its journal. */
export function loadPrevious(outDir: string, key: string): Previous {
  const entries = new Map<number, JournalEntry>();
  let ignored = false;
  const manifestFile = path.join(outDir, MANIFEST_FILE);
  if (fs.existsSync(manifestFile)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Partial<Manifest> & { warnings?: Record<string, Finding[]> };
      if (manifest.resumeKey === key) {
        for (const row of manifest.rows ?? [])
          if (row.status === 'rendered' && row.files)
            entries.set(row.row, { row: row.row, files: row.files, pages: row.pages ?? 0, warnings: manifest.warnings?.[row.row] ?? [] });
      } else ignored = true;
    } catch {
      ignored = true;
    }
  }
  const [header, ...lines] = readJsonLines(path.join(outDir, JOURNAL_FILE)) as [{ resumeKey?: string }, ...JournalEntry[]];
  if (header && header.resumeKey !== key) ignored = true;
  else if (header) for (const entry of lines) if (typeof entry?.row === 'number' && Array.isArray(entry.files)) entries.set(entry.row, entry);
  return { entries, ignored };
}

/** True when every file of the entry is on disk with the recorded content, under the names this run would give. */
export function stillIntact(outDir: string, entry: JournalEntry, expected: string[]): boolean {
  if (entry.files.length !== expected.length || entry.files.some((f, i) => f.file !== expected[i])) return false;
  return entry.files.every((f) => {
    try {
      return sha256(fs.readFileSync(path.join(outDir, f.file))) === f.sha256;
    } catch {
      return false;
    }
  });
}

/** Appends finished rows as they come; each line is complete on its own, so a kill loses at most the line being written. */
export class Journal {
  private readonly fd: number;

  constructor(
    private readonly file: string,
    key: string,
  ) {
    this.fd = fs.openSync(file, 'w');
    this.write({ resumeKey: key });
  }

  write(entry: unknown): void {
    fs.writeSync(this.fd, `${JSON.stringify(entry)}\n`);
  }

  /** Closes the journal; removes it once the manifest holds everything it said. */
  close(remove: boolean): void {
    fs.closeSync(this.fd);
    if (remove) fs.rmSync(this.file, { force: true });
  }
}

/** Writes the manifest through a temporary file, so a reader never sees half of one. */
export function writeManifest(outDir: string, manifest: Manifest, warnings: Map<number, Finding[]>): void {
  const file = path.join(outDir, MANIFEST_FILE);
  const withWarnings = { ...manifest, warnings: Object.fromEntries([...warnings].filter(([, w]) => w.length).sort((a, b) => a[0] - b[0])) };
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(withWarnings, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
}
