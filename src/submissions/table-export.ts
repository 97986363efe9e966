/**
 * A table of strings as the files a clerk opens in Excel: CSV (UTF-8 with BOM, CRLF, formula-safe cells — src/csv-cell.ts)
 * and XLSX (every cell a string, header row bold and frozen, printed landscape on A4 one page wide). The public registry
 * and the inbox's export are such tables.
 */
import { csvCell } from '../csv-cell.ts';

export interface ExportColumn {
  label: string;
  /** Column width in characters (XLSX). */
  width: number;
}

export function tableCsv(columns: readonly ExportColumn[], rows: readonly string[][]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(','), ...rows.map((r) => r.map((v) => csvCell(v ?? '')).join(','))];
  // The BOM tells Excel the file is UTF-8; CRLF is what RFC 4180 asks for.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function tableXlsx(sheetName: string, title: string, columns: readonly ExportColumn[], rows: readonly string[][]): Promise<Buffer> {
  // Loaded when a spreadsheet is asked for: exceljs takes a third of a second to load, and filing never needs it.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'yoshiki';
  workbook.title = title;
  const sheet = workbook.addWorksheet(sheetName, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({ width: c.width, style: { numFmt: '@' } }));
  const header = sheet.addRow(columns.map((c) => c.label));
  header.font = { bold: true };
  // Strings only (exceljs writes a JS string as a shared string): a value never becomes a number (事業所番号 keeps its
  // leading zeros) or a formula (a formula would have to be given as { formula }).
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    }),
  );
  sheet.pageSetup.printTitlesRow = '1:1';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
