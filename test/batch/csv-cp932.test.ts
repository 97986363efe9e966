/**
 * A consultant's CSV as Excel on Windows saves it: CP932, headers in the Japanese the 様式 prints, 全角 digits, 半角カナ
 * readings. 200 記録書, three of them wrong in three different ways — exactly those three are refused, with the rule that
 * refused them, and the other 197 are made, each file matching its hash in the manifest.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageTexts, squash } from '../support/read-back.ts';
import { runCli } from './support/run-cli.ts';
import { csvText, kirokuDocuments, table } from './support/table.ts';

const FORM = 'ichikawa-taisei-kyoka-kiroku';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-cp932-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const out = path.join(dir, 'out');
let run: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  const docs = kirokuDocuments(200);
  for (const d of docs) {
    d.user.kana = 'ﾏﾏ ｹﾝﾀ'; // 半角カナ, as older systems export it
    d.office.contact = '０４７－３７５－２２１０';
    d.meeting.start = '１４:００';
    d.user.birthDate = d.user.birthDate.replace(/\d/g, (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }
  docs[16].meeting.date = '令和6年2月30日'; // row 17: no such day
  docs[87].user.kana = 'mama kenta'; // row 88: not a reading
  docs[149].user = structuredClone(docs[2].user); // row 150: the 利用者 of row 3 again in June
  const rows = table(FORM, docs, 'label');
  fs.writeFileSync(path.join(dir, 'kiroku.csv'), iconv.encode(csvText(rows), 'cp932'));
  run = await runCli('batch', FORM, path.join(dir, 'kiroku.csv'), '--out', out, '--today', '2024-06-20', '--jobs', '2');
}, 120_000);

describe('batch from a CP932 CSV with Japanese headers', () => {
  it('reads the header row as the 様式 prints it', () => {
    const header = iconv.decode(fs.readFileSync(path.join(dir, 'kiroku.csv')), 'cp932').split('\r\n')[0];
    expect(header).toContain('"利用者氏名","よみがな","生年月日"');
    expect(header).toContain('"出席者 1行目 所属"');
  });

  it('refuses exactly the three bad rows, naming the rule, and exits 1', () => {
    expect(run.code).toBe(1);
    const [head, ...records] = parse(fs.readFileSync(path.join(out, 'report.csv'), 'utf8'), { bom: true }) as string[][];
    expect(head).toEqual(['行', '元の行', '重大度', '規則', '項目', 'データのパス', '入力値', 'メッセージ']);
    expect(records.map((r) => [r[0], r[2], r[3], r[5]])).toEqual([
      ['17', '誤り', 'G-DATE', 'meeting.date'],
      ['88', '誤り', 'G-KANA', 'user.kana'],
      ['150', '誤り', 'TK-MONTHLY', 'meeting.date'],
    ]);
    expect(records[0][1]).toBe('18'); // the CSV line: the header is line 1
    expect(records[0][6]).toBe('令和6年2月30日');
    expect(records[2][7]).toContain('3件目と重複');
    expect(run.out).toContain('作成 197件、前回作成済み 0件、誤りのため作成しなかった行 3件');
  });

  it('writes the same findings to report.xlsx', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'report.xlsx'));
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(4).values).toContain('TK-MONTHLY');
  });

  it('makes the other 197 documents, each matching the manifest hash', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.complete).toBe(true);
    expect(manifest.input.encoding).toBe('cp932');
    expect(manifest.input.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, 'kiroku.csv'))).digest('hex'));
    const rendered = manifest.rows.filter((r: { status: string }) => r.status === 'rendered');
    expect(rendered).toHaveLength(197);
    expect(manifest.rows.filter((r: { status: string }) => r.status === 'refused').map((r: { row: number }) => r.row)).toEqual([17, 88, 150]);
    for (const row of rendered) {
      expect(row.files).toHaveLength(1);
      const bytes = fs.readFileSync(path.join(out, row.files[0].file));
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(row.files[0].sha256);
    }
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.pdf'))).toHaveLength(197);
    expect(fs.existsSync(path.join(out, '.yoshiki-batch-journal.jsonl'))).toBe(false);
  });

  it('prints normalised values: 半角カナ as hiragana, 全角 digits as the 様式 prints them', async () => {
    const [page] = await pdfPageTexts(fs.readFileSync(path.join(out, '1-ichikawa-taisei-kyoka-kiroku.pdf')));
    expect(squash(page)).toContain('ままけんた');
    expect(squash(page)).toContain('真間一郎');
    expect(squash(page)).toContain('047-375-2210');
  });
});
