/**
 * A value beginning with 「=」 is what the office typed, never a formula: in the PDF, in the XLSX, in report.csv (quoted)
 * and in report.xlsx (a string cell), and in the file name.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageTexts, squash, xlsxCells } from '../support/read-back.ts';
import { runCli } from './support/run-cli.ts';
import { csvText, example, table } from './support/table.ts';

const FORM = 'ichikawa-kyoten-todokede';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yoshiki-batch-formula-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const out = path.join(dir, 'out');
let run: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  const ok = example(FORM);
  ok.office.name = '=1+1 ショートステイ';
  const bad = example(FORM);
  bad.filedOn = '=TODAY()';
  fs.writeFileSync(path.join(dir, 'offices.csv'), csvText(table(FORM, [ok, bad], 'label')));
  run = await runCli('batch', FORM, path.join(dir, 'offices.csv'), '--out', out, '--format', 'pdf,xlsx', '--name', '{office.name}', '--today', '2024-06-01', '--jobs', '1', '--zip');
}, 120_000);

describe('a cell starting with 「=」', () => {
  it('makes the good row, refuses the bad one', () => {
    expect(run.code).toBe(1);
    expect(fs.existsSync(path.join(out, '=1+1 ショートステイ.pdf'))).toBe(true);
    expect(fs.existsSync(path.join(out, `${FORM}.zip`))).toBe(true);
  });

  it('prints as text in the PDF', async () => {
    const pages = await pdfPageTexts(fs.readFileSync(path.join(out, '=1+1 ショートステイ.pdf')));
    expect(squash(pages[0])).toContain('=1+1ショートステイ');
  });

  it('is a string cell, not a formula, in the XLSX', async () => {
    const { cells } = await xlsxCells(fs.readFileSync(path.join(out, '=1+1 ショートステイ.xlsx')));
    expect(cells.filter((c) => c.formula)).toEqual([]);
    const cell = cells.find((c) => c.text.includes('=1+1'));
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
  });

  it('has an apostrophe before it in report.csv and is a string in report.xlsx', async () => {
    const csv = fs.readFileSync(path.join(out, 'report.csv'), 'utf8');
    // A leading apostrophe: quoting alone does not stop Excel from running it (src/csv-cell.ts).
    expect(csv).toContain(`,"'=TODAY()",`);
    const { cells } = await xlsxCells(fs.readFileSync(path.join(out, 'report.xlsx')));
    expect(cells.filter((c) => c.formula)).toEqual([]);
    const typed = cells.find((c) => c.text === '=TODAY()');
    expect(typed?.type).toBe(ExcelJS.ValueType.String);
  });
});
