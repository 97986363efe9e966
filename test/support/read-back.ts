/** Reading rendered files back the way a person's software would: text out of the PDF (pdf.js), cells out of the XLSX. */
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page, in drawing order, as pdf.js extracts it. */
export async function pdfPageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

/** Removes all white space, so text wrapped onto several lines compares with the value typed on one. */
export const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

export interface XlsxCell {
  sheet: string;
  address: string;
  value: unknown;
  text: string;
  type: ExcelJS.ValueType;
  formula?: string;
}

export async function xlsxCells(xlsx: Uint8Array): Promise<{ workbook: ExcelJS.Workbook; cells: XlsxCell[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(xlsx) as unknown as ExcelJS.Buffer);
  const cells: XlsxCell[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        cells.push({ sheet: sheet.name, address: cell.address, value: cell.value, text: String(cell.value ?? ''), type: cell.type, formula: cell.formula });
      }),
    ),
  );
  return { workbook, cells };
}
