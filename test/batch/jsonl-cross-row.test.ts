/**
 * JSONL input (one document per line, the data exactly as `yoshiki render` reads it) and the rule across rows:
 * TK-MONTHLY (S002 §25-1) — one 記録書 per 利用者 per month; the first counts, a later one in the same month is refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { kirokuDocuments } from './support/table.ts';

const FORM = 'ichikawa-taisei-kyoka-kiroku';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-jsonl-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const out = path.join(dir, 'out');
let run: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  const docs = kirokuDocuments(5);
  docs[3].user = structuredClone(docs[1].user); // row 4: row 2's 利用者, again in June
  docs[4].user = structuredClone(docs[1].user); // row 5: row 2's 利用者, in July — a new month
  docs[4].meeting.date = '令和6年7月3日';
  docs[4].report.date = '令和6年7月20日';
  const lines = docs.map((d) => JSON.stringify(d));
  lines.splice(2, 0, ''); // a blank line is skipped (but counted as a line of the file)
  lines.push('{"office": {"name": "途中で切れた行"');
  fs.writeFileSync(path.join(dir, 'kiroku.jsonl'), `\uFEFF${lines.join('\n')}\n`);
  run = await runCli('batch', FORM, path.join(dir, 'kiroku.jsonl'), '--out', out, '--today', '2024-07-31', '--jobs', '1');
}, 120_000);

const report = () => parse(fs.readFileSync(path.join(out, 'report.csv'), 'utf8'), { bom: true, from_line: 2 }) as string[][];

describe('batch from JSONL, with TK-MONTHLY across rows', () => {
  it('refuses the second 記録書 of the same 利用者 in the same month, naming the first row', () => {
    expect(run.code).toBe(1);
    const monthly = report().filter((r) => r[3] === 'TK-MONTHLY');
    expect(monthly.map((r) => r[0])).toEqual(['4']);
    expect(monthly[0][7]).toContain('令和6年6月に2件以上あります（2件目と重複）');
  });

  it('makes the same 利用者 again in another month', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.rows.map((r: { row: number; status: string }) => `${r.row}:${r.status}`)).toEqual(['1:rendered', '2:rendered', '3:rendered', '4:refused', '5:rendered', '6:refused']);
    expect(manifest.rows[2].line).toBe(4);
  });

  it('reports a line that is not JSON on its own row, and reads the others', () => {
    const broken = report().filter((r) => r[0] === '6');
    expect(broken.map((r) => [r[1], r[3]])).toEqual([['7', 'BATCH-ROW']]);
    expect(broken[0][7]).toContain('この行を JSON として読めません');
  });
});
