/**
 * The rule across rows for 高槻市 様式3: RM-MONTHLY (S000 Q13, Q15, S001 — 事業所間連携加算 (Ⅰ)(Ⅱ) 「月１回を限度」): one
 * 記録（報告書） per 加算対象児 per month; the first counts, a later one in the same month is refused with the row it repeats.
 * Through the real `yoshiki batch` command, from JSONL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formFolder } from '../../src/forms/folders.ts';
import { runCli } from './support/run-cli.ts';

const FORM = 'takatsuki-renkei-kaigi-kiroku';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-rm-monthly-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const out = path.join(dir, 'out');
let run: Awaited<ReturnType<typeof runCli>>;

const example = () => JSON.parse(fs.readFileSync(formFolder(FORM)!.example, 'utf8'));

/** The example's meeting moved to another day, with every date that follows it. */
function meetingOn(day: string, month = '06') {
  const d = example();
  d.meeting.date = `2024-${month}-${day}`;
  d.offices[2].before.date = `2024-${month}-${day}`;
  d.offices[2].after.date = `2024-${month}-${day}`;
  d.staffSharing.date = `2024-${month}-${day}`;
  d.guardianSupport.date = `2024-${month}-${day}`;
  d.recordedOn = `2024-${month}-${day}`;
  d.submittedOn = `2024-${month}-${day}`;
  return d;
}

beforeAll(async () => {
  const another = example();
  another.child = { kana: 'とんだ さくら', name: '富田 さくら', birthDate: '2015-04-02', certificateNumber: '0000317300' };
  const rows = [example(), another, meetingOn('19'), meetingOn('03', '07')];
  fs.writeFileSync(path.join(dir, 'kiroku.jsonl'), `${rows.map((d) => JSON.stringify(d)).join('\n')}\n`);
  run = await runCli('batch', FORM, path.join(dir, 'kiroku.jsonl'), '--out', out, '--today', '2024-07-31', '--jobs', '1');
}, 120_000);

const report = () => parse(fs.readFileSync(path.join(out, 'report.csv'), 'utf8'), { bom: true, from_line: 2 }) as string[][];

describe('batch of 様式3 records, with RM-MONTHLY across rows', () => {
  it('refuses the second record of the same child in the same month, naming the first row', () => {
    expect(run.code).toBe(1);
    const monthly = report().filter((r) => r[3] === 'RM-MONTHLY');
    expect(monthly.map((r) => [r[0], r[4], r[5]])).toEqual([['3', '開催日', 'meeting.date']]);
    expect(monthly[0][7]).toBe(
      '加算対象児「城山 陽翔」（通所受給者証番号 0000317254）の記録（報告書）が令和6年6月に2件以上あります（1件目と重複）。事業所間連携加算は(Ⅰ)(Ⅱ)とも1月に1回を限度とするため、同じ月の2回目の会議では算定できません。この記録を提出から外してください。',
    );
  });

  it('makes another child in the same month, and the same child in the next month', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.rows.map((r: { row: number; status: string }) => `${r.row}:${r.status}`)).toEqual(['1:rendered', '2:rendered', '3:refused', '4:rendered']);
  });
});
