/**
 * The batch report: every finding of every row (errors that refused a row, and warnings of rows that were made), as
 * `report.csv` (UTF-8 with BOM and CRLF, which Excel opens as Japanese text) and `report.xlsx`.
 *
 * Written as the rows are decided, never held whole: a 49,000-row file of refused rows has a million findings, which
 * held in memory (and then as one exceljs workbook) took the server past 4 GB. The CSV is appended row by row; the same
 * cells go to a spool file (one JSON array a line) that is streamed into report.xlsx by exceljs's streaming writer at the
 * end, and then removed.
 *
 * Whatever a person typed is data, never a formula: a CSV cell beginning with =, +, -, @ gets a leading apostrophe
 * (src/csv-cell.ts; quoting alone does not stop Excel), and every XLSX cell is written as a string.
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { csvLine } from '../csv-cell.ts';
import type { FormDefinition } from '../forms/definition.ts';
import { getAt, labelAt } from '../forms/fields.ts';
import type { Finding } from '../rules/rule.ts';

export const REPORT_CSV = 'report.csv';
export const REPORT_XLSX = 'report.xlsx';
const SPOOL = '.report.spool.jsonl';

export interface ReportEntry {
  row: number;
  line: number;
  finding: Finding;
  /** The field's label as the 様式 prints it ('' for the whole document). */
  label: string;
  /** What was typed at the finding's path, when it is a single value. */
  value: string;
}

export const REPORT_HEADER = ['行', '元の行', '重大度', '規則', '項目', 'データのパス', '入力値', 'メッセージ'];
const SEVERITY = { error: '誤り', warning: '確認' } as const;

export function reportEntries(definition: FormDefinition, row: number, line: number, input: unknown, findings: Finding[]): ReportEntry[] {
  return findings.map((finding) => {
    const typed = finding.path ? getAt(input, finding.path) : undefined;
    const value = typeof typed === 'string' || typeof typed === 'number' || typeof typed === 'boolean' ? String(typed) : '';
    return { row, line, finding, label: finding.path ? labelAt(definition, finding.path) : '', value };
  });
}

const cells = (e: ReportEntry) => [String(e.row), String(e.line), SEVERITY[e.finding.severity], e.finding.rule, e.label, e.finding.path, e.value, e.finding.message];

/**
 * Writes the report as it is told, one row's entries at a time and in row order (run-batch.ts keeps the order: rows whose
 * render is still out wait there, bounded by the render queue). Within a row, errors come before warnings.
 */
export class ReportWriter {
  private readonly csv: number;
  private readonly spool: number;
  private closed = false;

  constructor(private readonly outDir: string) {
    this.csv = fs.openSync(path.join(outDir, REPORT_CSV), 'w');
    this.spool = fs.openSync(path.join(outDir, SPOOL), 'w');
    fs.writeSync(this.csv, `\uFEFF${csvLine(REPORT_HEADER, 'always')}\r\n`);
  }

  /** The entries of one row (any order among them). */
  add(entries: ReportEntry[]): void {
    if (!entries.length) return;
    const sorted = entries.filter((e) => e.finding.severity === 'error').concat(entries.filter((e) => e.finding.severity !== 'error'));
    const rows = sorted.map(cells);
    fs.writeSync(this.csv, rows.map((r) => `${csvLine(r, 'always')}\r\n`).join(''));
    fs.writeSync(this.spool, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }

  /** Closes report.csv and streams the spool into report.xlsx; the file names written. */
  async finish(): Promise<string[]> {
    this.close();
    const spoolFile = path.join(this.outDir, SPOOL);
    try {
      // Loaded here, at the end, when the render threads have gone: exceljs is large and would add to the batch's peak memory.
      const { default: ExcelJS } = await import('exceljs');
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(this.outDir, REPORT_XLSX), useStyles: true, useSharedStrings: false });
      workbook.creator = 'yoshiki';
      const sheet = workbook.addWorksheet('報告', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [6, 8, 8, 16, 28, 28, 20, 90].map((width, i) => ({ width, style: { numFmt: '@', ...(i === 7 ? { alignment: { wrapText: true, vertical: 'top' as const } } : {}) } }));
      sheet.autoFilter = { from: 'A1', to: 'H1' };
      const header = sheet.addRow(REPORT_HEADER);
      header.font = { bold: true };
      header.commit();
      // Strings only: exceljs turns a cell into a formula only when given { formula }, never from text beginning with '='.
      const lines = readline.createInterface({ input: fs.createReadStream(spoolFile, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) if (line) sheet.addRow(JSON.parse(line) as string[]).commit();
      sheet.commit();
      await workbook.commit();
    } finally {
      fs.rmSync(spoolFile, { force: true });
    }
    return [REPORT_CSV, REPORT_XLSX];
  }

  /** Closes the files without the XLSX and removes the spool (a batch that failed part-way). */
  abandon(): void {
    this.close();
    fs.rmSync(path.join(this.outDir, SPOOL), { force: true });
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.csv);
    fs.closeSync(this.spool);
  }
}

/** The first refused row's number and message in report.csv, read without loading the whole file. */
export async function firstReportRow(outDir: string): Promise<{ row: string; message: string } | undefined> {
  const { parse } = await import('csv-parse');
  const stream = fs.createReadStream(path.join(outDir, REPORT_CSV));
  const parser = stream.pipe(parse({ bom: true, from_line: 2, to_line: 2, relax_column_count: true }));
  try {
    for await (const record of parser as AsyncIterable<string[]>) return { row: record[0] ?? '1', message: record[7] ?? '' };
  } finally {
    stream.destroy();
  }
  return undefined;
}
