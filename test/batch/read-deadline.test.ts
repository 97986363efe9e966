/**
 * Every read of a batch's input has a deadline (issue #14: a corrupt XLSX left exceljs waiting for good, and with it the
 * server's batch slot). A reader that gives no next row in time is refused as unreadable, its file closed, so the caller
 * (the server's batch route) frees its slot. Shown with a reader that truly stalls: a named pipe that sends the header
 * row and half a row, and then nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchInputError } from '../../src/batch/errors.ts';
import { readRows, type InputInfo } from '../../src/batch/input.ts';
import { getDefinition } from '../../src/forms/registry.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-read-deadline-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading a batch input that stalls', () => {
  it('is refused within its deadline with a message saying the file may be broken and what to do', async () => {
    const fifo = path.join(dir, 'stalled.csv');
    execFileSync('mkfifo', [fifo]);
    // Opened for reading and writing, the pipe never blocks the reader's open and never ends until closed here.
    const writer = fs.openSync(fifo, fs.constants.O_RDWR);
    try {
      fs.writeSync(writer, '"届出日","事業所番号"\r\n"令和6年5月1日",');
      const info: InputInfo = { file: fifo, kind: 'csv', encoding: 'utf-8', sha256: '' };
      const rows = readRows(info, getDefinition('ichikawa-kyoten-todokede'), { limits: { stepTimeoutMs: 300 } });
      const started = Date.now();
      const stalled = rows.next();
      await expect(stalled).rejects.toBeInstanceOf(BatchInputError);
      await expect(stalled).rejects.toThrow(`入力ファイル「${fifo}」の読み込みが 1 秒以内に進みませんでした。ファイルが壊れている可能性があります。保存し直してから、もう一度送ってください。`);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      fs.closeSync(writer);
    }
  });
});
