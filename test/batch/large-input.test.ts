/**
 * The command's batch stays flat in memory whatever the row count (issue #14: the report of 49,000 refused rows was held
 * whole, then built as one exceljs workbook, past 4 GB). 100,000 rows, each refused with a finding, through runBatch — the
 * function `yoshiki batch` runs: every row is in report.csv and report.xlsx, and the process grew by less than 200 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.ts';

const ROWS = 100_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-large-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('yoshiki batch on 100,000 rows', () => {
  it('writes every row to the report while memory grows by less than 200 MB', async () => {
    const input = path.join(dir, 'broken.jsonl');
    // Each line is broken JSON: refused with BATCH-ROW (no rendering), the cheapest way to a report of 100,000 rows.
    fs.writeFileSync(input, Array.from({ length: ROWS }, (_, i) => `{"office": {"number": "12123${String(i).padStart(5, '0')}"`).join('\n') + '\n');
    global.gc?.();
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    let summary;
    try {
      summary = await runBatch({ formId: 'ichikawa-kyoten-todokede', input, outDir: path.join(dir, 'out'), today: '2024-06-01', jobs: 1 });
    } finally {
      clearInterval(sampler);
    }
    expect(summary.rows).toBe(ROWS);
    expect(summary.refused).toBe(ROWS);
    expect(summary.exitCode).toBe(2);
    let lines = 0;
    let last = '';
    for await (const record of fs.createReadStream(path.join(dir, 'out', 'report.csv')).pipe(parse({ bom: true, from_line: 2 })) as AsyncIterable<string[]>) {
      lines++;
      last = record[0];
    }
    expect(lines).toBe(ROWS);
    expect(last).toBe(String(ROWS));
    expect(fs.statSync(path.join(dir, 'out', 'report.xlsx')).size).toBeGreaterThan(1024 * 1024);
    expect(fs.readdirSync(path.join(dir, 'out')).filter((f) => f.includes('spool'))).toEqual([]);
    expect((peak - start) / 1024 / 1024).toBeLessThan(200);
  }, 300_000);
});
