/**
 * Interrupting a batch and running the same command again: rows finished before the interruption are kept (not drawn
 * again), the rest are made, and the manifest ends complete — after Ctrl-C (SIGINT: a clean stop) and after SIGKILL
 * (nothing cleaned up; the journal remembers what was finished).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { csvText, example, table } from './support/table.ts';

const FORM = 'ichikawa-kyoten-todokede';
const ROWS = 24;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The command as installed (bin/yoshiki.js), so the test fails if the shipped command stops offering `batch`.
const COMMAND = path.join(ROOT, 'bin/yoshiki.js');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function input(dir: string): string {
  dirs.push(dir);
  const docs = Array.from({ length: ROWS }, (_, i) => {
    const d = example(FORM);
    d.office.number = String(1212300000 + i);
    return d;
  });
  const file = path.join(dir, 'offices.csv');
  fs.writeFileSync(file, csvText(table(FORM, docs, 'label')));
  return file;
}

function start(file: string, out: string) {
  const child = spawn(process.execPath, [COMMAND, 'batch', FORM, file, '--out', out, '--today', '2024-06-01', '--jobs', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stdout += b));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout })));
  return { child, done };
}

const pdfs = (out: string) => (fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith('.pdf')) : []);

async function waitFor(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for the batch');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stat = (file: string) => {
  const s = fs.statSync(file);
  return `${s.ino}:${s.mtimeMs}`;
};

function expectComplete(out: string, resumedRows: number[]) {
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
  expect(manifest.complete).toBe(true);
  expect(manifest.rows.map((r: { row: number }) => r.row)).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
  expect(manifest.rows.every((r: { status: string }) => r.status === 'rendered')).toBe(true);
  expect(manifest.rows.filter((r: { resumed?: boolean }) => r.resumed).map((r: { row: number }) => r.row)).toEqual(resumedRows);
  for (const row of manifest.rows) {
    const bytes = fs.readFileSync(path.join(out, row.files[0].file));
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(row.files[0].sha256);
  }
  // Exactly one file per row: nothing drawn twice under another name, no temporary files left.
  expect(fs.readdirSync(out).sort()).toEqual([...Array.from({ length: ROWS }, (_, i) => `${i + 1}-${FORM}.pdf`), 'manifest.json', 'report.csv', 'report.xlsx'].sort());
}

describe.concurrent('resuming an interrupted batch', () => {
  it('after SIGKILL: keeps the rows the journal lists, makes the rest, once each', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-kill-'));
    const out = path.join(dir, 'out');
    const file = input(dir);
    const first = start(file, out);
    const journal = path.join(out, '.yoshiki-batch-journal.jsonl');
    await waitFor(() => fs.existsSync(journal) && fs.readFileSync(journal, 'utf8').split('\n').length > 3);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    const finished: number[] = fs.readFileSync(journal, 'utf8').split('\n').slice(1).filter((l) => l.endsWith('}')).map((l) => JSON.parse(l).row);
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.length).toBeLessThan(ROWS);
    const before = new Map(finished.map((row) => [row, stat(path.join(out, `${row}-${FORM}.pdf`))]));

    const second = await start(file, out).done;
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`作成 ${ROWS - finished.length}件、前回作成済み ${finished.length}件`);
    for (const [row, s] of before) expect(stat(path.join(out, `${row}-${FORM}.pdf`))).toBe(s);
    expectComplete(out, [...finished].sort((a, b) => a - b));
  }, 120_000);

  it('after Ctrl-C: finishes the files being drawn, writes the manifest, exits 130; the next run completes it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-sigint-'));
    const out = path.join(dir, 'out');
    const file = input(dir);
    const first = start(file, out);
    await waitFor(() => pdfs(out).length >= 8);
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toContain('中断しました');
    const partial = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(partial.complete).toBe(false);
    const made = partial.rows.filter((r: { status: string }) => r.status === 'rendered').map((r: { row: number }) => r.row);
    expect(made.length).toBeGreaterThanOrEqual(8);
    expect(made.length).toBeLessThan(ROWS);
    expect(pdfs(out)).toHaveLength(made.length);

    const second = await start(file, out).done;
    expect(second.code).toBe(0);
    expectComplete(out, made);
  }, 120_000);
});
