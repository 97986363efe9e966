/**
 * The batch report: every finding of every row (errors that refused a row, and warnings of rows that were made), as
 * `report.csv` (UTF-8 with BOM and CRLF, which Excel opens as Japanese text) and `report.xlsx`.
 * Whatever a person typed is data, never a formula: every CSV field is quoted and every XLSX cell is written as a string,
 * so a value such as 「=HYPERLINK(…)」 in the 入力値 column stays text.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FormDefinition } from '../forms/definition.ts';
import { getAt, labelAt } from '../forms/fields.ts';
import type { Finding } from '../rules/rule.ts';

export const REPORT_CSV = 'report.csv';
export const REPORT_XLSX = 'report.xlsx';

export interface ReportEntry {
  row: number;
  line: number;
  finding: Finding;
  /** The field's label as the 様式 prints it ('' for the whole document). */
  label: string;
  /** What was typed at the finding's path, when it is a single value. */
  value: string;
}

const HEADER = ['行', '元の行', '重大度', '規則', '項目', 'データのパス', '入力値', 'メッセージ'];
const SEVERITY = { error: '誤り', warning: '確認' } as const;

export function reportEntries(definition: FormDefinition, row: number, line: number, input: unknown, findings: Finding[]): ReportEntry[] {
  return findings.map((finding) => {
    const typed = finding.path ? getAt(input, finding.path) : undefined;
    const value = typeof typed === 'string' || typeof typed === 'number' || typeof typed === 'boolean' ? String(typed) : '';
    return { row, line, finding, label: finding.path ? labelAt(definition, finding.path) : '', value };
  });
}

const cells = (e: ReportEntry) => [String(e.row), String(e.line), SEVERITY[e.finding.severity], e.finding.rule, e.label, e.finding.path, e.value, e.finding.message];

/** RFC 4180 with every field quoted (a field starting with =, +, -, @ is then plainly a string to any CSV reader). */
const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function writeReport(outDir: string, entries: ReportEntry[]): Promise<string[]> {
  const sorted = [...entries].sort((a, b) => a.row - b.row || (a.finding.severity === b.finding.severity ? 0 : a.finding.severity === 'error' ? -1 : 1));
  const csv = [HEADER, ...sorted.map(cells)].map((r) => r.map(csvField).join(',')).join('\r\n');
  fs.writeFileSync(path.join(outDir, REPORT_CSV), `\uFEFF${csv}\r\n`);

  // Loaded here, at the end, when the render threads have gone: exceljs is large and would add to the batch's peak memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yoshiki';
  const sheet = workbook.addWorksheet('報告', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [6, 8, 8, 16, 28, 28, 20, 90].map((width) => ({ width, style: { numFmt: '@' } }));
  sheet.addRow(HEADER).font = { bold: true };
  // Strings only: exceljs turns a cell into a formula only when given { formula }, never from text beginning with '='.
  for (const entry of sorted) sheet.addRow(cells(entry));
  sheet.getColumn(8).alignment = { wrapText: true, vertical: 'top' };
  sheet.autoFilter = { from: 'A1', to: 'H1' };
  await workbook.xlsx.writeFile(path.join(outDir, REPORT_XLSX));
  return [REPORT_CSV, REPORT_XLSX];
}
