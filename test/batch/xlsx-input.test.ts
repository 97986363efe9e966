/**
 * An Excel workbook as an office keeps it: dates typed as Excel dates in one row and as 和暦 text in others, numbers typed
 * as numbers, checkboxes as TRUE, the data on a named sheet behind an explanation sheet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDefinition } from '../../src/forms/registry.ts';
import { importDocument } from '../../src/import/import-document.ts';
import { pdfPageTexts, squash, xlsxCells } from '../support/read-back.ts';
import { runCli } from './support/run-cli.ts';
import { example, table } from './support/table.ts';

const FORM = 'ichikawa-kyoten-todokede';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const out = path.join(dir, 'out');
let run: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  const docs = [example(FORM), example(FORM), example(FORM)];
  docs[1].office.number = '1212345679';
  docs[2].office.number = '1212345680';
  const [header, ...rows] = table(FORM, docs, 'key');
  const cells: unknown[][] = rows.map((r) => [...r]);
  const col = (key: string) => header.indexOf(key);
  cells[0][col('filedOn')] = new Date(Date.UTC(2024, 4, 15)); // an Excel date cell
  cells[0][col('office.number')] = 1212345678; // typed as a number
  cells[0][col('emergencyAcceptance.visual.adult')] = true; // a TRUE cell
  cells[1][col('filedOn')] = '令和6年5月16日';
  cells[2][col('filedOn')] = 'R6.5.17';

  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('説明').addRow(['この表は yoshiki batch --sheet データ で読み込みます。']);
  const sheet = workbook.addWorksheet('データ');
  sheet.addRow(header);
  for (const row of cells) sheet.addRow(row);
  sheet.getColumn(col('filedOn') + 1).numFmt = 'yyyy/m/d';
  await workbook.xlsx.writeFile(path.join(dir, 'offices.xlsx'));
  run = await runCli('batch', FORM, path.join(dir, 'offices.xlsx'), '--sheet', 'データ', '--out', out, '--format', 'pdf,xlsx', '--name', '{office.number}-{filedOn}', '--today', '2024-06-01', '--jobs', '1');
}, 120_000);

describe('batch from an XLSX workbook', () => {
  it('reads every row of the named sheet and makes PDF and XLSX for each', () => {
    // Nothing but the progress line a slow machine may print every five seconds (src/batch/progress.ts).
    expect(run.err.replace(/^\d+\/\d+ 行（.*）\n/gm, '')).toBe('');
    expect(run.code).toBe(0);
    expect(fs.readdirSync(out).filter((f) => /\.(pdf|xlsx)$/.test(f) && !f.startsWith('report')).sort()).toEqual([
      '1212345678-2024-05-15.pdf',
      '1212345678-2024-05-15.xlsx',
      '1212345679-2024-05-16.pdf',
      '1212345679-2024-05-16.xlsx',
      '1212345680-2024-05-17.pdf',
      '1212345680-2024-05-17.xlsx',
    ]);
  });

  it('prints an Excel date cell and a 和暦 string as the same 和暦 date', async () => {
    const [first] = await pdfPageTexts(fs.readFileSync(path.join(out, '1212345678-2024-05-15.pdf')));
    expect(squash(first)).toContain('令和6年5月15日');
    expect(squash(first)).toContain('1212345678');
    const { cells } = await xlsxCells(fs.readFileSync(path.join(out, '1212345679-2024-05-16.xlsx')));
    expect(cells.some((c) => c.text.includes('令和6年5月16日'))).toBe(true);
  });

  it('writes XLSX files that import back whole, the values the 様式 does not print included (入力専用項目)', async () => {
    const file = fs.readFileSync(path.join(out, '1212345679-2024-05-16.xlsx'));
    const imported = await importDocument(getDefinition(FORM), file, { today: '2024-06-01' });
    expect(imported.result.errors).toEqual([]);
    expect(imported.data.office).toEqual(expect.objectContaining({ number: '1212345679' }));
    expect(imported.data.targetAdditions).toEqual(example(FORM).targetAdditions);
    expect((await xlsxCells(file)).workbook.worksheets.map((w) => w.name)).toContain('入力専用項目');
  });

  it('says which sheets there are when --sheet names none of them', async () => {
    const { code, err } = await runCli('batch', FORM, path.join(dir, 'offices.xlsx'), '--sheet', '入力', '--out', path.join(dir, 'none'));
    expect(code).toBe(2);
    expect(err).toContain('シート「入力」がありません');
    expect(err).toContain('説明、データ');
  });

  it('reads the first sheet when no --sheet is given (here: no header it knows)', async () => {
    const { code, err } = await runCli('batch', FORM, path.join(dir, 'offices.xlsx'), '--out', path.join(dir, 'first'));
    expect(code).toBe(2);
    expect(err).toContain('見出し「この表は yoshiki batch --sheet データ で読み込みます。」（A列）はこの様式の項目名にありません');
  });
});
